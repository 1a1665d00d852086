// What the trunk says about itself is no patient's fault: a 503 slows the
// dialer down and a 403 pauses it, and neither uses up an attempt.
#include <gtest/gtest.h>

#include <thread>

#include "domain/calendar.h"
#include "harness.h"
#include "store/attempts_repo.h"
#include "store/tasks_repo.h"

namespace robocall::dialer::testing {
namespace {

using domain::CallOutcome;
using domain::TaskState;
using std::chrono::seconds;

TEST(DialerTrunk, overload_and_auth_failures_burn_no_attempts_and_a_403_pauses_dialing) {
  const auto dir = make_temp_dir();
  const auto db_path = dir / "robocall.db";
  SippPeer peer(dir, sip::testing::free_peer_ports(), std::chrono::milliseconds(300));
  pin_local_time_to_midday();
  const auto start = now();
  auto db = open_db(db_path);
  add_account(db, peer.port());
  set_schedule_until(db, start + std::chrono::hours(1));
  set_robocall(db, R"({"enabled":true,"attempts":2,"retry_after_min":30,"answer_timeout_s":5,)"
                   R"("max_calls":1,"max_calls_per_second":2,"retention_days":7})");
  // Oldest appointment first: the overloaded patients, then the forbidden ones.
  const auto day = start + std::chrono::days(1);
  std::vector<std::int64_t> overloaded, forbidden;
  for (int n = 1; n <= 2; ++n)
    overloaded.push_back(add_task(db, phone_of(Patient::kOverloaded, n), day + seconds(n), start));
  for (int n = 3; n <= 5; ++n)
    forbidden.push_back(add_task(db, phone_of(Patient::kForbidden, n), day + seconds(n), start));

  ServeProcess serve(dir, db_path);
  store::AttemptsRepo attempts(db);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (attempts.of_task(forbidden[0]).value().empty() ||
         !attempts.of_task(forbidden[0]).value().front().outcome) {
    ASSERT_LT(std::chrono::steady_clock::now(), deadline) << serve.log();
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  // Paused: nothing more is dialled, though the forbidden tasks are all due.
  std::this_thread::sleep_for(std::chrono::seconds(8));
  ASSERT_EQ(serve.terminate(seconds(30)), 0) << serve.log();
  const auto calls = peer.stop_and_read();

  store::TasksRepo tasks(db);
  for (auto id : overloaded) {
    const auto task = tasks.get(id).value();
    const auto tries = attempts.of_task(id).value();
    ASSERT_EQ(tries.size(), 1u) << id;
    EXPECT_EQ(tries[0].outcome, CallOutcome::kFailed);
    EXPECT_EQ(tries[0].sip_code, 503);
    EXPECT_EQ(task.state, TaskState::kPending);
    EXPECT_EQ(task.attempts, 0) << "a 503 used up an attempt";
    ASSERT_TRUE(task.next_attempt.has_value());
    EXPECT_GE(*task.next_attempt, *tries[0].ended + std::chrono::minutes(1));
    EXPECT_LT(*task.next_attempt, *tries[0].ended + std::chrono::minutes(30))
        << "an overloaded trunk retries soon, not after retry_after";
  }
  const auto first = attempts.of_task(forbidden[0]).value();
  ASSERT_EQ(first.size(), 1u);
  EXPECT_EQ(first[0].outcome, CallOutcome::kConfigError);
  EXPECT_EQ(first[0].sip_code, 403);
  const auto task = tasks.get(forbidden[0]).value();
  EXPECT_EQ(task.state, TaskState::kPending);
  EXPECT_EQ(task.attempts, 0) << "a 403 used up an attempt";
  for (std::size_t i = 1; i < forbidden.size(); ++i) {
    EXPECT_TRUE(attempts.of_task(forbidden[i]).value().empty()) << "dialled while paused";
    EXPECT_EQ(tasks.get(forbidden[i]).value().attempts, 0);
  }
  EXPECT_EQ(calls.size(), 3u);
  EXPECT_NE(serve.log().find("Обзвон приостановлен"), std::string::npos) << serve.log();
  if (!HasFailure()) std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace robocall::dialer::testing
