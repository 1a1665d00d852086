// Retry policy: every outcome's effect on the task, the retry instant moved
// into the calendar's windows, and a task whose appointment has begun
// expiring. TZ pinned to Europe/Moscow (UTC+3).
#include "domain/retry_policy.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "domain/scoped_tz.h"

namespace robocall::domain {
namespace {

using namespace std::chrono;  // NOLINT: test file

// Moscow wall time as an instant.
Instant msk(int y, unsigned mo, unsigned d, int h, int mi = 0, int s = 0) {
  return Instant{sys_days{year{y} / month{mo} / day{d}}} + hours{h - 3} + minutes{mi} + seconds{s};
}

class RetryPolicy : public ::testing::Test {
 protected:
  ScopedTz tz_{"Europe/Moscow"};

  // Mon-Fri 09:00-20:00, Sat 09:00-17:00, Sun off; no exceptions.
  static WorkingCalendar calendar() {
    CalendarSettings s;
    s.weekdays = {DayMode::kWorking, DayMode::kWorking,   DayMode::kWorking, DayMode::kWorking,
                  DayMode::kWorking, DayMode::kShortened, DayMode::kDayOff};
    s.working = {hours{9}, hours{20}};
    s.shortened = {hours{9}, hours{17}};
    return *WorkingCalendar::create(s);
  }
};

using O = CallOutcome;
using T = TaskState;

struct Row {
  std::string_view name;
  int max_attempts;
  int retry_minutes;
  int attempts_before;
  CallOutcome outcome;
  Instant now;
  Instant appointment;
  RetryDecision expected;
};

RetryDecision pending(int attempts, bool counted, Instant next) {
  return {T::kPending, attempts, counted, next};
}
RetryDecision final_state(T state, int attempts, bool counted) {
  return {state, attempts, counted, std::nullopt};
}

TEST_F(RetryPolicy, decides_every_outcome_by_the_table) {
  const Instant wed_noon = msk(2025, 3, 12, 12);  // Wednesday
  const Instant fri_10 = msk(2025, 3, 14, 10);
  const Row rows[] = {
      {"key 1 confirms", 3, 30, 0, O::kConfirmed, wed_noon, fri_10,
       final_state(T::kConfirmed, 1, true)},
      {"key 2 cancels", 3, 30, 2, O::kCancelled, wed_noon, fri_10,
       final_state(T::kCancelled, 3, true)},
      {"a failed verification is final, with attempts left", 3, 30, 0, O::kNotVerified, wed_noon,
       fri_10, final_state(T::kNotVerified, 1, true)},
      {"a failed verification after the appointment began is still final", 3, 30, 0,
       O::kNotVerified, fri_10, fri_10, final_state(T::kNotVerified, 1, true)},
      {"an answer after the appointment began still counts", 3, 30, 0, O::kConfirmed, fri_10,
       fri_10, final_state(T::kConfirmed, 1, true)},
      {"no answer retries after the interval", 3, 30, 0, O::kNoAnswer, wed_noon, fri_10,
       pending(1, true, msk(2025, 3, 12, 12, 30))},
      {"busy retries", 3, 30, 1, O::kBusy, wed_noon, fri_10,
       pending(2, true, msk(2025, 3, 12, 12, 30))},
      {"unavailable on the last attempt exhausts", 3, 30, 2, O::kUnavailable, wed_noon, fri_10,
       final_state(T::kExhausted, 3, true)},
      {"no input with one attempt exhausts", 1, 30, 0, O::kNoInput, wed_noon, fri_10,
       final_state(T::kExhausted, 1, true)},
      {"interrupted counts", 3, 30, 0, O::kInterrupted, wed_noon, fri_10,
       pending(1, true, msk(2025, 3, 12, 12, 30))},
      {"interrupted on the last attempt exhausts", 2, 30, 1, O::kInterrupted, wed_noon, fri_10,
       final_state(T::kExhausted, 2, true)},
      {"failed does not count", 3, 30, 2, O::kFailed, wed_noon, fri_10,
       pending(2, false, msk(2025, 3, 12, 12, 30))},
      {"config error does not count and is due at once", 3, 30, 2, O::kConfigError, wed_noon,
       fri_10, pending(2, false, wed_noon)},
      {"config error out of hours waits for the window", 3, 30, 0, O::kConfigError,
       msk(2025, 3, 12, 20, 30), fri_10, pending(0, false, msk(2025, 3, 13, 9))},
      {"retry after 0 minutes is due at once", 3, 0, 0, O::kNoAnswer, wed_noon, fri_10,
       pending(1, true, wed_noon)},
      {"a retry past the window moves to the next morning", 3, 30, 0, O::kBusy,
       msk(2025, 3, 12, 19, 45), fri_10, pending(1, true, msk(2025, 3, 13, 9))},
      {"a retry on Friday evening moves to the shortened Saturday", 3, 30, 0, O::kNoAnswer,
       msk(2025, 3, 14, 19, 45), msk(2025, 3, 17, 10), pending(1, true, msk(2025, 3, 15, 9))},
      {"a retry moved to the appointment's instant expires", 3, 30, 0, O::kNoAnswer,
       msk(2025, 3, 15, 16, 50), msk(2025, 3, 17, 9), final_state(T::kExpired, 1, true)},
      {"a retry a second before the appointment stays", 3, 30, 0, O::kNoAnswer,
       msk(2025, 3, 15, 16, 50), msk(2025, 3, 17, 9, 0, 1), pending(1, true, msk(2025, 3, 17, 9))},
      {"a retry after the appointment expires", 3, 60, 0, O::kNoAnswer, wed_noon,
       msk(2025, 3, 12, 12, 59), final_state(T::kExpired, 1, true)},
      {"an appointment that has begun expires", 3, 30, 0, O::kNoAnswer, fri_10, fri_10,
       final_state(T::kExpired, 1, true)},
      {"a config error after the appointment began expires", 3, 30, 0, O::kConfigError,
       msk(2025, 3, 14, 11), fri_10, final_state(T::kExpired, 0, false)},
      {"expiry wins over exhaustion", 1, 30, 0, O::kNoAnswer, msk(2025, 3, 14, 11), fri_10,
       final_state(T::kExpired, 1, true)},
      {"a lowered limit exhausts even uncounted outcomes", 3, 30, 5, O::kFailed, wed_noon, fri_10,
       final_state(T::kExhausted, 5, false)},
  };
  const auto cal = calendar();
  for (const auto& r : rows) {
    const RetryDecision got = decide_retry({r.max_attempts, minutes{r.retry_minutes}}, cal,
                                           {r.attempts_before, r.outcome, r.appointment, r.now});
    EXPECT_EQ(got.state, r.expected.state) << r.name << ": " << to_string(got.state);
    EXPECT_EQ(got.attempts, r.expected.attempts) << r.name;
    EXPECT_EQ(got.counted, r.expected.counted) << r.name;
    EXPECT_EQ(got.next_attempt, r.expected.next_attempt) << r.name;
  }
}

TEST_F(RetryPolicy, failed_calls_use_no_attempt_but_as_many_failures_as_attempts_exhaust_the_task) {
  struct Row {
    int failures_before;
    O outcome;
    T state;
  };
  const std::vector<Row> rows = {
      {0, O::kFailed, T::kPending},      {1, O::kFailed, T::kPending},
      {2, O::kFailed, T::kExhausted},    {5, O::kFailed, T::kExhausted},
      {2, O::kConfigError, T::kPending},  // our configuration: dialing pauses instead
      {2, O::kNoAnswer, T::kPending},     // only a failed call is bounded this way
  };
  const auto cal = calendar();
  for (const auto& r : rows) {
    const auto d =
        decide_retry({3, minutes{30}}, cal,
                     {1, r.outcome, msk(2025, 3, 14, 10), msk(2025, 3, 12, 12), r.failures_before});
    EXPECT_EQ(d.state, r.state) << r.failures_before << " " << to_string(r.outcome);
    EXPECT_EQ(d.attempts, r.outcome == O::kNoAnswer ? 2 : 1);
  }
}

TEST_F(RetryPolicy, expires_when_the_calendar_never_opens) {
  CalendarSettings s;
  s.weekdays.fill(DayMode::kDayOff);
  s.working = s.shortened = {hours{9}, hours{20}};
  const auto closed = *WorkingCalendar::create(s);
  const auto got = decide_retry({3, minutes{30}}, closed,
                                {0, O::kNoAnswer, msk(2026, 12, 1, 10), msk(2025, 3, 12, 12)});
  EXPECT_EQ(got.state, T::kExpired);
}

TEST_F(RetryPolicy, every_pending_decision_has_a_next_attempt_and_no_final_one_does) {
  const auto cal = calendar();
  for (auto o : {O::kConfirmed, O::kCancelled, O::kNoAnswer, O::kBusy, O::kUnavailable, O::kNoInput,
                 O::kFailed, O::kConfigError, O::kInterrupted}) {
    for (int before = 0; before < 4; ++before) {
      const auto d = decide_retry({3, minutes{30}}, cal,
                                  {before, o, msk(2025, 3, 14, 10), msk(2025, 3, 12, 12)});
      EXPECT_EQ(d.next_attempt.has_value(), d.state == T::kPending) << to_string(o);
      EXPECT_EQ(d.counted, counts_towards_limit(o));
      if (d.next_attempt) {
        EXPECT_TRUE(cal.is_open(*d.next_attempt));
      }
    }
  }
}

TEST(RetrySettings, accepts_the_documented_ranges_only) {
  struct ValidRow {
    RetrySettings s;
    bool ok;
  } rows[] = {
      {{1, minutes{0}}, true},     {{20, minutes{1440}}, true}, {{3, minutes{30}}, true},
      {{0, minutes{30}}, false},   {{21, minutes{30}}, false},  {{3, minutes{-1}}, false},
      {{3, minutes{1441}}, false},
  };
  for (const auto& r : rows) {
    const Status st = validate(r.s);
    EXPECT_EQ(st.ok(), r.ok) << r.s.max_attempts << " " << r.s.retry_after.count();
    if (!st.ok()) {
      EXPECT_EQ(st.error().code, Errc::kInvalidArgument);
    }
  }
  EXPECT_NE(validate(RetrySettings{0, minutes{1}}).error().message.find("Количество попыток"),
            std::string::npos);
  EXPECT_NE(validate(RetrySettings{1, minutes{-1}}).error().message.find("Перезванивать"),
            std::string::npos);
}

}  // namespace
}  // namespace robocall::domain
