// kill -9 of `robocall serve` with calls in flight, then a restart: every
// task still reaches its final state, no attempt is lost or counted twice,
// and no patient is ever in two calls at once.
#include <gtest/gtest.h>

#include <map>
#include <thread>

#include "domain/calendar.h"
#include "domain/retry_policy.h"
#include "harness.h"
#include "store/attempts_repo.h"
#include "store/settings_repo.h"
#include "store/tasks_repo.h"

namespace robocall::dialer::testing {
namespace {

using domain::CallOutcome;
using domain::TaskState;
using std::chrono::seconds;

std::int64_t in_flight(store::Connection& db) {
  return db.query_int("SELECT count(*) FROM attempts WHERE outcome IS NULL").value();
}

TEST(DialerKill, a_restart_after_kill_9_finishes_every_task_without_losing_or_doubling_attempts) {
  const auto dir = make_temp_dir();
  const auto db_path = dir / "robocall.db";
  // Patients listen 4 s before pressing their key, so calls are in flight.
  SippPeer peer(dir, sip::testing::free_peer_ports(), std::chrono::milliseconds(4000));
  pin_local_time_to_midday();
  const auto start = now();
  auto db = open_db(db_path);
  add_account(db, peer.port());
  set_schedule_until(db, start + std::chrono::hours(1));
  set_robocall(db, R"({"enabled":true,"attempts":3,"retry_after_min":0,"answer_timeout_s":10,)"
                   R"("max_calls":6,"max_calls_per_second":5,"retention_days":null})");
  // A hospital system to notify (nothing listens there: deliveries stay queued).
  ASSERT_TRUE(
      store::SettingsRepo(db)
          .put("webhook", R"({"url":"http://127.0.0.1:9/robocall","secret":"s"})", "test", start)
          .ok());
  std::map<std::int64_t, TaskState> expected;
  for (int n = 1; n <= 12; ++n) {
    const auto p = n % 2 ? Patient::kPresses1 : Patient::kPresses2;
    const auto id = add_task(db, phone_of(p, n), start + std::chrono::days(1), start);
    expected[id] = p == Patient::kPresses1 ? TaskState::kConfirmed : TaskState::kCancelled;
  }

  std::int64_t interrupted = 0;
  {
    ServeProcess first(dir, db_path);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (in_flight(db) < 6 && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    // Six claims at 5 starts/s: after 1.5 s all are dialled, and each lasts over 4 s.
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    first.kill9();
    interrupted = in_flight(db);
    ASSERT_GE(interrupted, 1) << first.log();
    EXPECT_EQ(db.query_int("SELECT count(*) FROM tasks WHERE state = 'calling'").value(),
              interrupted);
  }

  ServeProcess second(dir, db_path);
  store::TasksRepo tasks(db);
  const auto settled = [&] {
    for (const auto& [id, state] : expected)
      if (!domain::is_final(tasks.get(id).value().state)) return false;
    return true;
  };
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(2);
  while (!settled() && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  ASSERT_EQ(second.terminate(seconds(30)), 0) << second.log();
  const auto calls = peer.stop_and_read();

  store::AttemptsRepo attempts(db);
  std::int64_t total = 0;
  std::int64_t interrupted_after = 0;
  for (const auto& [id, state] : expected) {
    const auto task = tasks.get(id).value();
    const auto tries = attempts.of_task(id).value();
    SCOPED_TRACE("task " + std::to_string(id));
    EXPECT_EQ(task.state, state);
    int counted = 0;
    for (std::size_t i = 0; i < tries.size(); ++i) {
      ASSERT_TRUE(tries[i].outcome.has_value()) << "an attempt left in flight";
      ASSERT_TRUE(tries[i].ended.has_value());
      EXPECT_EQ(tries[i].number, static_cast<int>(i) + 1);
      if (domain::counts_towards_limit(*tries[i].outcome)) ++counted;
      if (*tries[i].outcome == CallOutcome::kInterrupted) ++interrupted_after;
      if (i > 0) {
        EXPECT_GE(tries[i].started, *tries[i - 1].ended) << "two calls at once";
      }
    }
    EXPECT_EQ(task.attempts, counted) << "attempts lost or counted twice";
    total += static_cast<std::int64_t>(tries.size());
  }
  EXPECT_EQ(interrupted_after, interrupted);
  // Every final status is queued for the hospital system exactly once, across the kill.
  EXPECT_EQ(db.query_int("SELECT count(*) FROM webhook_deliveries").value(),
            static_cast<std::int64_t>(expected.size()));
  EXPECT_EQ(db.query_int("SELECT count(DISTINCT task_id) FROM webhook_deliveries").value(),
            static_cast<std::int64_t>(expected.size()));

  // At the peer: every attempt is there, the killed ones never ended (a dead
  // caller cannot hang up), and the calls that ended never overlap for one patient.
  EXPECT_EQ(static_cast<std::int64_t>(calls.size()), total);
  int killed = 0;
  for (const auto& c : calls) killed += c.end == 0;
  EXPECT_EQ(killed, interrupted) << "the calls in flight at the kill";
  std::map<std::string, double> last_end;
  for (const auto& c : calls) {
    if (c.end == 0) continue;
    EXPECT_GE(c.start, last_end[c.phone]) << c.phone << " in two calls at once";
    last_end[c.phone] = c.end;
  }
  if (!HasFailure()) std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace robocall::dialer::testing
