// The scheduler's rules, each against a ManualClock (docs/BEHAVIOUR.md
// "Retries and attempts", "The calling window", "Pauses"): every test feeds
// inputs and reads the commands, as the loop thread would, with no store,
// speech or SIP behind it. TZ is pinned to UTC; the calendar is open every
// day 09:00-20:00 unless a test says otherwise.
#include "dialer/scheduler.h"

#include <gtest/gtest.h>

#include "domain/scoped_tz.h"

namespace robocall::dialer {
namespace {

using namespace std::chrono_literals;
using domain::CallOutcome;
using domain::Instant;
using domain::TaskState;

// 2026-12-07 is a Monday.
constexpr auto kDay = std::chrono::sys_days{std::chrono::year{2026} / 12 / 7};
Instant at(std::chrono::seconds local_time_of_day, int day = 0) {
  return Instant{kDay + std::chrono::days(day)} + local_time_of_day;
}

SchedulerConfig config(int attempts = 3, int lines = 2, double rate = 1000) {
  domain::CalendarSettings c;
  c.weekdays.fill(domain::DayMode::kWorking);
  c.working = {9h, 20h};
  c.shortened = {9h, 17h};
  return SchedulerConfig{true,
                         std::string("Провайдер"),
                         "sip.example.ru\nuser\nsecret",
                         lines,
                         rate,
                         {attempts, 30min},
                         domain::WorkingCalendar::create(c).value()};
}

store::Claim claim(std::int64_t id, Instant appointment, int attempts = 0, int failures = 0) {
  store::Claim c;
  c.task.id = id;
  c.task.phone = "9161234567";
  c.task.appointment = appointment;
  c.task.attempts = attempts;
  c.task.state = TaskState::kCalling;
  c.attempt.id = 100 + id;
  c.attempt.task_id = id;
  c.failures = failures;
  return c;
}

template <class C>
std::vector<C> all(const std::vector<Command>& out) {
  std::vector<C> found;
  for (const auto& c : out)
    if (const auto* x = std::get_if<C>(&c)) found.push_back(*x);
  return found;
}

template <class C>
C only(const std::vector<Command>& out) {
  auto found = all<C>(out);
  EXPECT_EQ(found.size(), 1u);
  return found.empty() ? C{} : found.front();
}

CallReport ended(CallOutcome outcome, Instant when, std::uint16_t sip = 200,
                 bool answered = false) {
  CallReport r;
  r.outcome = outcome;
  r.sip_code = sip;
  r.answered = answered;
  r.started = when - 20s;
  if (answered) r.answered_at = when - 15s;
  r.ended = when;
  return r;
}

// A scheduler with its configuration installed at `now` (default 10:00).
struct Harness {
  domain::ScopedTz utc{"UTC"};
  domain::ManualClock clock;
  Scheduler s{clock};
  std::vector<Command> last;

  explicit Harness(SchedulerConfig c = config(), Instant now = at(10h))
      : clock(now, domain::SteadyTime{} + 1000h) {
    last = s.on(ConfigChanged{std::move(c), true});
  }
  std::vector<Command> on(Input in) { return last = s.on(std::move(in)); }
  // Claims `c`, prepares it and dials it, a millisecond after the last
  // (the pacer's spacing at the default rate); returns the Dial's commands.
  std::vector<Command> dial(const store::Claim& c) {
    clock.advance(1ms);
    on(Claimed{{c}});
    return on(Prepared{c.task.id, std::nullopt});
  }
  // The Record the scheduler writes when the call of `c` ends with `report`.
  Record end(const store::Claim& c, CallReport report) {
    return only<Record>(on(CallEnded{c.task.id, std::move(report), "rec.wav"}));
  }
};

TEST(Scheduler, claims_due_tasks_when_dialing_is_on_inside_the_window) {
  Harness h;
  const auto claim_due = only<ClaimDue>(h.last);
  EXPECT_EQ(claim_due.now, at(10h));
  EXPECT_EQ(claim_due.count, 2);  // two free lines
  EXPECT_EQ(only<Publish>(h.last).live.state, DialerState::kRunning);
}

TEST(Scheduler, claims_nothing_before_the_window_opens_and_starts_when_it_opens) {
  Harness h(config(), at(8h + 59min + 59s));
  EXPECT_TRUE(all<ClaimDue>(h.last).empty());
  EXPECT_EQ(only<Publish>(h.last).live.state, DialerState::kOutsideHours);
  h.clock.advance(1s);
  h.on(Tick{});
  EXPECT_EQ(all<ClaimDue>(h.last).size(), 1u);
  EXPECT_EQ(only<Publish>(h.last).live.state, DialerState::kRunning);
}

TEST(Scheduler, gives_back_a_prepared_call_when_the_window_closes_before_it_starts) {
  Harness h(config(3, 1), at(19h + 59min + 59s));
  const auto first = claim(1, at(12h, 1));
  const auto second = claim(2, at(12h, 1));
  h.on(Claimed{{first, second}});
  EXPECT_EQ(all<Prepare>(h.last).size(), 2u);
  h.on(Prepared{1, std::nullopt});
  EXPECT_EQ(only<Dial>(h.last).claim.task.id, 1);
  h.on(Prepared{2, std::nullopt});  // one line only: it waits
  EXPECT_TRUE(all<Dial>(h.last).empty());
  h.clock.advance(1s);  // 20:00: closed
  h.on(Tick{});
  const auto back = only<Release>(h.last);
  EXPECT_EQ(back.claim.task.id, 2);
  EXPECT_EQ(back.task.state, TaskState::kPending);
  EXPECT_EQ(only<Publish>(h.last).live.state, DialerState::kOutsideHours);
}

TEST(Scheduler, switching_off_gives_back_claimed_and_prepared_calls_without_an_attempt) {
  Harness h(config(3, 1));
  const auto a = claim(1, at(12h, 1));
  const auto b = claim(2, at(12h, 1));
  const auto c = claim(3, at(12h, 1));
  h.on(Claimed{{a, b, c}});
  h.on(Prepared{1, std::nullopt});  // dialled
  h.on(Prepared{2, std::nullopt});  // waits for the line
  h.on(Enabled{false});
  EXPECT_EQ(only<Release>(h.last).claim.task.id, 2);
  EXPECT_EQ(only<Publish>(h.last).live.state, DialerState::kStopped);
  h.on(Prepared{3, std::nullopt});  // its phrases came back after the switch
  const auto back = only<Release>(h.last);
  EXPECT_EQ(back.claim.task.id, 3);
  EXPECT_EQ(back.task.state, TaskState::kPending);
  EXPECT_TRUE(all<Dial>(h.last).empty());
  // The call in progress goes on and is recorded as usual.
  EXPECT_EQ(h.end(a, ended(CallOutcome::kConfirmed, at(10h + 1min), 200, true)).result.outcome,
            CallOutcome::kConfirmed);
  EXPECT_TRUE(h.s.idle());
}

TEST(Scheduler, a_retry_lands_in_the_next_open_window) {
  struct Row {
    std::chrono::seconds ended;  // local time the call ended, day 0
    Instant next;
  };
  const std::vector<Row> rows = {
      {10h, at(10h + 30min)},                      // well inside
      {19h + 29min + 59s, at(19h + 59min + 59s)},  // the window's last second
      {19h + 30min, at(9h, 1)},                    // 20:00 is closed: next morning
      {19h + 45min, at(9h, 1)},
  };
  for (const auto& row : rows) {
    Harness h(config(), at(row.ended) - 20s);
    const auto c = claim(1, at(12h, 3));
    h.dial(c);
    h.clock.set(at(row.ended));
    const auto r = h.end(c, ended(CallOutcome::kNoAnswer, at(row.ended), 487));
    EXPECT_EQ(r.result.task.state, TaskState::kPending);
    EXPECT_EQ(r.result.task.next_attempt, row.next) << row.ended.count();
    EXPECT_EQ(r.result.task.attempts, 1);
  }
}

TEST(Scheduler, the_attempt_limit_makes_the_task_exhausted_on_the_last_attempt) {
  struct Row {
    int attempts_before;
    TaskState after;
  };
  for (const auto& row : std::vector<Row>{
           {0, TaskState::kPending}, {1, TaskState::kPending}, {2, TaskState::kExhausted}}) {
    Harness h;
    const auto c = claim(1, at(12h, 1), row.attempts_before);
    h.dial(c);
    const auto r = h.end(c, ended(CallOutcome::kBusy, at(10h), 486));
    EXPECT_EQ(r.result.task.state, row.after) << row.attempts_before;
    EXPECT_EQ(r.result.task.attempts, row.attempts_before + 1);
  }
}

TEST(Scheduler, a_claimed_task_whose_attempts_are_used_up_is_exhausted_without_a_call) {
  Harness h(config(2));  // the limit was lowered after the task's attempts
  h.on(Claimed{{claim(1, at(12h, 1), 2)}});
  const auto back = only<Release>(h.last);
  EXPECT_EQ(back.task.state, TaskState::kExhausted);
  EXPECT_TRUE(all<Prepare>(h.last).empty());
}

TEST(Scheduler, the_appointment_is_a_deadline_for_every_call) {
  Harness h(config(3, 1));
  // A retry that would land at or after the appointment expires the task.
  const auto soon = claim(1, at(10h + 20min));
  h.dial(soon);
  EXPECT_EQ(h.end(soon, ended(CallOutcome::kNoAnswer, at(10h), 487)).result.task.state,
            TaskState::kExpired);
  // A prepared call whose appointment begins before a line frees is never dialled.
  const auto busy_line = claim(2, at(12h, 1));
  const auto late = claim(3, at(10h + 1min));
  h.dial(busy_line);
  h.on(Claimed{{late}});
  h.on(Prepared{3, std::nullopt});
  h.clock.advance(1min);
  h.end(busy_line, ended(CallOutcome::kBusy, at(10h + 1min), 486));
  EXPECT_TRUE(all<Dial>(h.last).empty());
  EXPECT_EQ(only<Release>(h.last).task.state, TaskState::kExpired);
  // A confirmation stays a confirmation even when the appointment has begun.
  const auto answered = claim(4, at(10h + 2min));
  h.dial(answered);
  h.clock.advance(2min);
  EXPECT_EQ(
      h.end(answered, ended(CallOutcome::kConfirmed, at(10h + 3min), 200, true)).result.task.state,
      TaskState::kConfirmed);
}

TEST(Scheduler, tasks_never_called_before_their_appointment_expire_even_while_dialing_is_off) {
  auto off = config();
  off.enabled = false;
  Harness h(off, at(7h));  // off, and outside the window
  EXPECT_EQ(only<Expire>(h.last).now, at(7h));
  h.clock.advance(30s);
  EXPECT_TRUE(all<Expire>(h.on(Tick{})).empty());  // once a minute
  h.clock.advance(30s);
  EXPECT_EQ(only<Expire>(h.on(Tick{})).now, at(7h + 1min));
}

TEST(Scheduler, a_failed_call_uses_no_attempt_but_failures_are_bounded_by_the_limit) {
  struct Row {
    int failures_before;
    TaskState after;
  };
  for (const auto& row : std::vector<Row>{
           {0, TaskState::kPending}, {1, TaskState::kPending}, {2, TaskState::kExhausted}}) {
    Harness h;
    const auto c = claim(1, at(12h, 1), 1, row.failures_before);
    h.dial(c);
    const auto r = h.end(c, ended(CallOutcome::kFailed, at(10h), 500));
    EXPECT_EQ(r.result.task.attempts, 1) << row.failures_before;  // not counted
    EXPECT_EQ(r.result.task.state, row.after) << row.failures_before;
  }
}

TEST(Scheduler, pauses_when_every_call_of_the_last_minutes_failed_on_the_trunk) {
  Harness h(config(3, 10, 100));
  for (int i = 1; i <= Scheduler::kTrunkFailures; ++i) {
    const auto c = claim(i, at(12h, 1));
    h.dial(c);
    h.clock.advance(10s);
    h.end(c, ended(CallOutcome::kFailed, h.clock.now(), 500));
    const auto live = h.s.live();
    if (i < Scheduler::kTrunkFailures) {
      EXPECT_EQ(live.state, DialerState::kRunning) << i;
    } else {
      EXPECT_EQ(live.state, DialerState::kSipError);
      EXPECT_NE(live.error.find("оператора связи"), std::string::npos);
    }
  }
  h.clock.advance(1min);
  EXPECT_TRUE(all<ClaimDue>(h.on(Tick{})).empty());
  h.on(Enabled{true});  // the administrator switches dialing on again
  EXPECT_EQ(h.s.live().state, DialerState::kRunning);
}

TEST(Scheduler, one_answered_call_among_failures_keeps_dialing_on) {
  Harness h(config(3, 10, 100));
  for (int i = 1; i <= Scheduler::kTrunkFailures + 2; ++i) {
    const auto c = claim(i, at(12h, 1));
    h.dial(c);
    h.clock.advance(10s);
    h.end(c, i == 3 ? ended(CallOutcome::kNoInput, h.clock.now(), 200, true)
                    : ended(CallOutcome::kFailed, h.clock.now(), 500));
  }
  EXPECT_EQ(h.s.live().state, DialerState::kRunning);
}

TEST(Scheduler, a_503_halves_the_call_rate_retries_in_a_minute_and_the_rate_recovers) {
  Harness h(config(3, 10, 4));  // 4 starts a second: one each 250 ms
  const auto c = claim(1, at(12h, 1));
  h.dial(c);
  auto overloaded = ended(CallOutcome::kFailed, at(10h), 503);
  overloaded.trunk_overloaded = true;
  const auto r = h.end(c, overloaded);
  EXPECT_EQ(r.result.task.attempts, 0);
  EXPECT_EQ(r.result.task.next_attempt, at(10h + 1min));
  // Now 2 a second: the next start 500 ms after the last, not 250 ms.
  h.clock.advance(1s);
  h.dial(claim(2, at(12h, 1)));
  h.on(Claimed{{claim(3, at(12h, 1))}});
  EXPECT_TRUE(all<Dial>(h.on(Prepared{3, std::nullopt})).empty());
  EXPECT_EQ(only<WakeAt>(h.last).at, h.clock.steady() + 250ms);
  h.clock.advance(250ms);
  EXPECT_TRUE(all<Dial>(h.on(Tick{})).empty());
  h.clock.advance(250ms);
  EXPECT_EQ(only<Dial>(h.on(Tick{})).claim.task.id, 3);
  // 90 s without another 503: back at 4 a second.
  h.clock.advance(90s);
  h.dial(claim(4, at(12h, 1)));
  h.on(Claimed{{claim(5, at(12h, 1))}});
  EXPECT_TRUE(all<Dial>(h.on(Prepared{5, std::nullopt})).empty());
  h.clock.advance(250ms);
  EXPECT_EQ(only<Dial>(h.on(Tick{})).claim.task.id, 5);
}

TEST(Scheduler, starts_are_paced_at_the_configured_rate) {
  Harness h(config(3, 10, 1));  // one start a second
  h.on(Claimed{{claim(1, at(12h, 1)), claim(2, at(12h, 1)), claim(3, at(12h, 1))}});
  EXPECT_EQ(all<Dial>(h.on(Prepared{1, std::nullopt})).size(), 1u);
  EXPECT_TRUE(all<Dial>(h.on(Prepared{2, std::nullopt})).empty());
  EXPECT_TRUE(all<Dial>(h.on(Prepared{3, std::nullopt})).empty());
  EXPECT_EQ(only<WakeAt>(h.last).at, h.clock.steady() + 250ms);
  h.clock.advance(1s);
  EXPECT_EQ(only<Dial>(h.on(Tick{})).claim.task.id, 2);
  EXPECT_TRUE(all<Dial>(h.on(Tick{})).empty());
  h.clock.advance(1s);
  EXPECT_EQ(only<Dial>(h.on(Tick{})).claim.task.id, 3);
}

TEST(Scheduler, never_holds_more_calls_than_lines) {
  Harness h(config(3, 2, 100));
  h.on(Claimed{{claim(1, at(12h, 1)), claim(2, at(12h, 1))}});
  h.on(Prepared{1, std::nullopt});
  h.on(Prepared{2, std::nullopt});
  h.clock.advance(1s);
  EXPECT_TRUE(all<ClaimDue>(h.on(Tick{})).empty());  // both lines busy
  h.end(claim(1, at(12h, 1)), ended(CallOutcome::kBusy, h.clock.now(), 486));
  EXPECT_EQ(only<ClaimDue>(h.last).count, 1);
}

TEST(Scheduler, an_auth_failure_pauses_dialing_without_using_the_attempt) {
  Harness h;
  const auto c = claim(1, at(12h, 1), 1);
  h.dial(c);
  const auto r = h.end(c, ended(CallOutcome::kConfigError, at(10h), 403));
  EXPECT_EQ(r.result.task.attempts, 1);
  EXPECT_EQ(r.result.task.state, TaskState::kPending);
  EXPECT_EQ(r.result.task.next_attempt, at(10h));  // due as soon as dialing resumes
  EXPECT_EQ(h.s.live().state, DialerState::kSipError);
  EXPECT_NE(h.s.live().error.find("код 403"), std::string::npos);
  EXPECT_TRUE(h.s.live().paused);
  EXPECT_EQ(h.s.live().sip_code, 403);  // the status strip says «провайдер отклонил пароль»
  h.clock.advance(1min);
  EXPECT_TRUE(all<ClaimDue>(h.on(Tick{})).empty());
  // A periodic reload of the same account keeps the pause; new credentials lift it.
  h.on(ConfigChanged{config(), false});
  EXPECT_EQ(h.s.live().state, DialerState::kSipError);
  auto fixed = config();
  fixed.account_identity = "sip.example.ru\nuser\nright";
  h.on(ConfigChanged{fixed, false});
  EXPECT_EQ(h.s.live().state, DialerState::kRunning);
}

TEST(Scheduler, an_account_the_engine_refuses_pauses_dialing_and_records_a_failed_attempt) {
  Harness h;
  const auto c = claim(1, at(12h, 1));
  h.dial(c);
  const auto r = only<Record>(h.on(DialFailed{1, true, "неверный адрес сервера"}));
  EXPECT_EQ(r.result.outcome, CallOutcome::kFailed);
  EXPECT_EQ(r.result.task.attempts, 0);
  EXPECT_NE(h.s.live().error.find("неверный адрес сервера"), std::string::npos);
}

TEST(Scheduler, phrases_that_cannot_be_prepared_pause_dialing_and_give_the_task_back) {
  Harness h;
  h.on(Claimed{{claim(1, at(12h, 1))}});
  const auto back = only<Release>(h.on(Prepared{1, std::string("нет файла записи")}));
  EXPECT_EQ(back.task.state, TaskState::kPending);
  EXPECT_NE(h.s.live().error.find("нет файла записи"), std::string::npos);
}

TEST(Scheduler, without_a_default_account_it_says_so_and_claims_nothing) {
  auto none = config();
  none.account.reset();
  Harness h(none);
  EXPECT_TRUE(all<ClaimDue>(h.last).empty());
  EXPECT_EQ(only<Publish>(h.last).live.state, DialerState::kSipError);
}

TEST(Scheduler, a_short_claim_waits_before_asking_again) {
  Harness h;
  h.on(Claimed{{}});
  EXPECT_TRUE(all<ClaimDue>(h.last).empty());
  h.clock.advance(Scheduler::kIdlePoll);
  EXPECT_EQ(all<ClaimDue>(h.on(Tick{})).size(), 1u);
  h.on(ClaimFailed{"database is locked"});
  h.clock.advance(Scheduler::kIdlePoll);
  EXPECT_EQ(all<ClaimDue>(h.on(Tick{})).size(), 1u);
}

TEST(Scheduler, records_ringing_and_talk_time_apart) {
  Harness h;
  const auto c = claim(1, at(12h, 1));
  h.dial(c);
  const auto r = h.end(c, ended(CallOutcome::kConfirmed, at(10h), 200, true));
  EXPECT_EQ(r.result.ring_ms, 5000);
  EXPECT_EQ(r.result.talk_ms, 15000);
  EXPECT_EQ(r.result.recording, "rec.wav");
  const auto d = claim(2, at(12h, 1));
  h.dial(d);
  const auto unanswered = h.end(d, ended(CallOutcome::kNoAnswer, at(10h), 487));
  EXPECT_EQ(unanswered.result.ring_ms, 20000);
  EXPECT_EQ(unanswered.result.talk_ms, std::nullopt);
  EXPECT_EQ(unanswered.result.recording, std::nullopt);
}

TEST(Scheduler, stop_claims_nothing_more_and_is_idle_once_calls_end) {
  Harness h(config(3, 1));
  const auto c = claim(1, at(12h, 1));
  h.dial(c);
  h.on(Claimed{{claim(2, at(12h, 1))}});
  h.on(Stop{});
  EXPECT_EQ(only<Publish>(h.last).live.state, DialerState::kStopped);
  EXPECT_FALSE(h.s.idle());
  EXPECT_EQ(only<Release>(h.on(Prepared{2, std::nullopt})).claim.task.id, 2);
  h.end(c, ended(CallOutcome::kInterrupted, at(10h), 200, true));
  EXPECT_TRUE(h.s.idle());
  h.clock.advance(2min);
  EXPECT_TRUE(all<ClaimDue>(h.on(Tick{})).empty());
  EXPECT_TRUE(all<Expire>(h.last).empty());
}

TEST(Scheduler, a_call_in_flight_at_a_crash_counts_and_the_task_moves_on) {
  domain::ScopedTz utc{"UTC"};
  struct Row {
    int attempts;
    Instant appointment;
    Instant now;
    TaskState after;
    std::optional<Instant> next;
  };
  const std::vector<Row> rows = {
      {0, at(12h, 1), at(10h), TaskState::kPending, at(10h + 30min)},
      {2, at(12h, 1), at(10h), TaskState::kExhausted, std::nullopt},
      {0, at(10h), at(10h), TaskState::kExpired, std::nullopt},  // restarted at the appointment
      {0, at(9h, 1), at(19h + 50min), TaskState::kExpired, std::nullopt},  // opens at 9:00
  };
  for (const auto& row : rows) {
    domain::Task t;
    t.attempts = row.attempts;
    t.appointment = row.appointment;
    const auto next = Scheduler::after_crash(config(), t, row.now);
    EXPECT_EQ(next.state, row.after);
    EXPECT_EQ(next.attempts, row.attempts + 1);
    EXPECT_EQ(next.next_attempt, row.next);
  }
}

TEST(Scheduler, publishes_only_when_the_state_changes) {
  Harness h;
  h.clock.advance(1s);
  EXPECT_TRUE(all<Publish>(h.on(Tick{})).empty());
  h.dial(claim(1, at(12h, 1)));
  EXPECT_EQ(only<Publish>(h.last).live.active_calls, 1);
}

TEST(SettleOutcome, takes_the_dialogs_decision_then_the_answer_then_the_sip_layer) {
  struct Row {
    CallOutcome sip;
    bool answered;
    bool ours;
    std::optional<CallOutcome> decided;
    CallOutcome settled;
  };
  const std::vector<Row> rows = {
      {CallOutcome::kNoInput, true, false, CallOutcome::kConfirmed, CallOutcome::kConfirmed},
      {CallOutcome::kNoInput, true, false, CallOutcome::kNoInput, CallOutcome::kNoInput},
      {CallOutcome::kInterrupted, true, true, std::nullopt, CallOutcome::kInterrupted},
      {CallOutcome::kInterrupted, false, true, std::nullopt, CallOutcome::kFailed},
      {CallOutcome::kBusy, false, false, std::nullopt, CallOutcome::kBusy},
      {CallOutcome::kFailed, false, false, std::nullopt, CallOutcome::kFailed},
  };
  for (const auto& r : rows)
    EXPECT_EQ(settle_outcome(r.sip, r.answered, r.ours, r.decided), r.settled)
        << domain::to_string(r.settled);
}

}  // namespace
}  // namespace robocall::dialer
