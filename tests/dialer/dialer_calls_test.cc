// The dialer against a real SIPp peer: 30 patients with every behaviour, a
// working window that closes during the test, retries after the interval,
// appointments that begin before a retry, and the line and rate limits
// counted at the peer. Runs `robocall serve` as a real process.
#include <gtest/gtest.h>

#include <map>
#include <thread>

#include "domain/calendar.h"
#include "harness.h"
#include "store/attempts_repo.h"
#include "store/tasks_repo.h"

namespace robocall::dialer::testing {
namespace {

using domain::CallOutcome;
using domain::TaskState;
using std::chrono::minutes;
using std::chrono::seconds;

constexpr int kMaxCalls = 5;
constexpr double kRate = 2;

struct Expect {
  Patient patient;
  int count;
  TaskState state;
  int attempts;
  CallOutcome outcome;  // of every attempt
};

bool all_settled(store::Connection& db, const std::vector<std::int64_t>& ids) {
  store::TasksRepo tasks(db);
  for (auto id : ids)
    if (!domain::is_final(tasks.get(id).value().state)) return false;
  return true;
}

TEST(DialerCalls, thirty_patients_end_in_the_right_state_within_the_window_and_the_limits) {
  const auto dir = make_temp_dir();
  const auto db_path = dir / "robocall.db";
  SippPeer peer(dir, sip::testing::free_peer_ports(), std::chrono::milliseconds(300));

  pin_local_time_to_midday();
  const auto start = now();
  const auto window_end = start + seconds(150);

  auto db = open_db(db_path);
  add_account(db, peer.port());
  set_schedule_until(db, window_end);
  set_robocall(db, R"({"enabled":true,"attempts":2,"retry_after_min":1,"answer_timeout_s":5,)"
                   R"("max_calls":)" +
                       std::to_string(kMaxCalls) + R"(,"max_calls_per_second":)" +
                       std::to_string(kRate) + R"(,"retention_days":7})");

  const std::vector<Expect> plan = {
      {Patient::kPresses1, 5, TaskState::kConfirmed, 1, CallOutcome::kConfirmed},
      {Patient::kPresses2, 5, TaskState::kCancelled, 1, CallOutcome::kCancelled},
      {Patient::kSilent, 4, TaskState::kExhausted, 2, CallOutcome::kNoInput},
      {Patient::kBusy, 4, TaskState::kExhausted, 2, CallOutcome::kBusy},
      {Patient::kNoAnswer, 4, TaskState::kExhausted, 2, CallOutcome::kNoAnswer},
      {Patient::kUnavailable, 4, TaskState::kExhausted, 2, CallOutcome::kUnavailable},
  };
  const auto far = start + std::chrono::days(3);
  std::map<std::int64_t, Expect> expected;
  std::vector<std::int64_t> settling;
  int n = 0;
  for (const auto& e : plan)
    for (int i = 0; i < e.count; ++i) {
      const auto id = add_task(db, phone_of(e.patient, ++n), far - seconds(n), start);
      expected.emplace(id, e);
      settling.push_back(id);
    }
  // Busy, with the appointment before the retry: expired after one attempt.
  std::vector<std::int64_t> soon;
  for (int i = 0; i < 2; ++i) {
    soon.push_back(add_task(db, phone_of(Patient::kBusy, ++n), start + seconds(50), start));
    settling.push_back(soon.back());
  }
  // Due only after the window has closed: never called during the test.
  std::vector<std::int64_t> late;
  for (int i = 0; i < 2; ++i)
    late.push_back(add_task(db, phone_of(Patient::kPresses1, ++n), far, window_end + seconds(5)));

  ServeProcess serve(dir, db_path);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(4);
  while (!all_settled(db, settling) && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
  // Let the window close with the late tasks due just after it.
  while (now() < window_end + seconds(10)) std::this_thread::sleep_for(std::chrono::seconds(1));
  ASSERT_EQ(serve.terminate(std::chrono::seconds(30)), 0) << serve.log();
  const auto calls = peer.stop_and_read();

  store::TasksRepo tasks(db);
  store::AttemptsRepo attempts(db);
  for (const auto& [id, e] : expected) {
    const auto task = tasks.get(id).value();
    const auto tries = attempts.of_task(id).value();
    SCOPED_TRACE("task " + std::to_string(id) + " " + task.phone);
    EXPECT_EQ(task.state, e.state);
    EXPECT_EQ(task.attempts, e.attempts);
    ASSERT_EQ(static_cast<int>(tries.size()), e.attempts);
    for (const auto& a : tries) {
      EXPECT_EQ(a.outcome, e.outcome);
      ASSERT_TRUE(a.ended.has_value());
      EXPECT_LT(a.started, window_end) << "started after the window closed";
      EXPECT_EQ(a.recording.has_value(), a.answered.has_value());
    }
    if (tries.size() == 2) {
      EXPECT_GE(tries[1].started - *tries[0].ended, minutes(1)) << "retried before the interval";
    }
    if (e.patient == Patient::kBusy) {
      EXPECT_EQ(tries.front().sip_code, 486);
    }
    if (e.patient == Patient::kUnavailable) {
      EXPECT_EQ(tries.front().sip_code, 480);
    }
  }
  for (auto id : soon) {
    const auto task = tasks.get(id).value();
    EXPECT_EQ(task.state, TaskState::kExpired) << id;
    const auto tries = attempts.of_task(id).value();
    for (const auto& a : tries) EXPECT_LT(a.started, task.appointment);
  }
  for (auto id : late) {
    const auto task = tasks.get(id).value();
    EXPECT_EQ(task.state, TaskState::kPending) << id;
    EXPECT_EQ(task.attempts, 0);
    EXPECT_TRUE(attempts.of_task(id).value().empty()) << "called outside the window";
  }

  // At the peer: every call we recorded arrived; none after the window; limits kept.
  int recorded = 0;
  for (const auto& [id, e] : expected) recorded += e.attempts;
  recorded += 2;
  EXPECT_EQ(static_cast<int>(calls.size()), recorded);
  const double end_s = static_cast<double>(window_end.time_since_epoch().count());
  for (const auto& c : calls) EXPECT_LT(c.start, end_s + 1) << c.phone;
  EXPECT_LE(max_simultaneous(calls), kMaxCalls);
  EXPECT_GE(max_simultaneous(calls), 2) << "calls never overlapped: the test proves nothing";
  EXPECT_LE(max_starts_within(calls, 1.0), static_cast<int>(kRate) + 1);
  if (!HasFailure()) std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace robocall::dialer::testing
