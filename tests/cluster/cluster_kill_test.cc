// Three `robocall serve` nodes on one PostgreSQL database against SIPp
// patients; one node is killed with kill -9 while its calls are in flight
// (docs/DESIGN.md "Several nodes"). Every task still ends final exactly
// once, the dead node's attempts end interrupted, no number is ever in two
// calls at once, and SIPp never holds more calls than the account's line
// limit — counted by SIPp itself, not by the dialer.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>
#include <thread>

#include "cluster_harness.h"
#include "domain/lease_plan.h"
#include "domain/task.h"
#include "sip_call_fixture.h"
#include "store/attempts_repo.h"
#include "store/settings_repo.h"
#include "store/tasks_repo.h"
#include "store/test_db.h"

namespace robocall::cluster::testing {
namespace {

using dialer::testing::Patient;
using dialer::testing::ServeProcess;
using domain::CallOutcome;
using domain::TaskState;
using namespace std::chrono_literals;

constexpr int kLines = 6;  // «Одновременных звонков» of the one account, for the cluster
constexpr int kTasks = 48;  // every one due now
constexpr auto kHold = 3s;  // a patient listens this long before pressing 1
// A patient hangs up on a dead caller after kGiveUp of silence: a call the
// dead node had answered ends at SIPp within kHold + kGiveUp (13 s) of the
// kill, before its lease can expire (kLeaseLength - kLeaseRenewEvery, 20 s,
// at the soonest), so SIPp's count of calls in progress and the cluster's
// agree and a retry never meets the dead call.
constexpr auto kGiveUp = std::chrono::duration_cast<std::chrono::milliseconds>(
                             domain::kLeaseLength - domain::kLeaseRenewEvery) /
                         2;
static_assert(kHold + kGiveUp < domain::kLeaseLength - domain::kLeaseRenewEvery);

std::int64_t query(store::Connection& db, const std::string& sql) {
  auto v = db.query_int(sql);
  if (!v) throw std::runtime_error(sql + ": " + v.error().message);
  return *v;
}

// Open attempts (calls in flight or about to be dialled) per node.
std::map<std::string, std::vector<std::int64_t>> open_attempts(store::Connection& db) {
  std::map<std::string, std::vector<std::int64_t>> by_node;
  auto stmt = db.prepare(
      "SELECT t.lease_node, a.id FROM attempts a JOIN tasks t ON t.id = a.task_id "
      "WHERE a.outcome IS NULL AND t.lease_node IS NOT NULL ORDER BY a.id");
  if (!stmt) throw std::runtime_error(stmt.error().message);
  for (auto row = stmt->step(); row.ok() && *row; row = stmt->step())
    by_node[stmt->column_text(0)].push_back(stmt->column_int(1));
  return by_node;
}

TEST(ClusterKill, a_kill_9_of_one_node_of_three_loses_no_task_and_calls_nobody_twice_at_once) {
  if (!std::getenv("ROBOCALL_TEST_POSTGRES"))
    GTEST_SKIP() << "needs ROBOCALL_TEST_POSTGRES (ctest's postgres_server fixture)";
  store::TestDatabase database;
  ASSERT_EQ(database.backend(), store::Backend::kPostgres);
  auto opened = database.open();
  ASSERT_TRUE(opened.ok()) << opened.error().message;
  auto& db = *opened;

  const auto dir = dialer::testing::make_temp_dir();
  const auto slot = sip::testing::slot(60);
  Patients patients(dir, {slot.sip, slot.media}, kHold, kGiveUp);
  dialer::testing::pin_local_time_to_midday();
  const auto start = dialer::testing::now();
  dialer::testing::add_account(db, patients.port());
  dialer::testing::set_schedule_until(db, start + 1h);
  dialer::testing::set_robocall(
      db, R"({"enabled":true,"attempts":3,"retry_after_min":0,"answer_timeout_s":10,)"
          R"("max_calls":)" +
              std::to_string(kLines) + R"(,"max_calls_per_second":3,"retention_days":null})");
  // A hospital system to notify (nothing listens: deliveries stay queued,
  // one per task that became final).
  ASSERT_TRUE(
      store::SettingsRepo(db)
          .put("webhook", R"({"url":"http://127.0.0.1:9/robocall","secret":"s"})", "test", start)
          .ok());
  std::set<std::int64_t> tasks;
  std::map<std::int64_t, std::string> phone_of_task;
  for (int n = 1; n <= kTasks; ++n) {
    const auto phone = dialer::testing::phone_of(Patient::kPresses1, n);
    const auto id = dialer::testing::add_task(db, phone, start + 24h, start);
    tasks.insert(id);
    phone_of_task[id] = phone;
  }

  const auto key = write_secret_key(dir);
  std::map<std::string, std::unique_ptr<ServeProcess>> nodes;
  for (const char* name : {"n1", "n2", "n3"})
    nodes[name] = start_node(dir, database.location(), name, key);

  // Wait (bounded) until the lines are busy and some node holds two calls,
  // then give the pacer time to dial them: each lasts over kHold.
  std::string victim;
  std::vector<std::int64_t> victims_open;
  const auto busy_by = std::chrono::steady_clock::now() + 90s;
  while (victim.empty() && std::chrono::steady_clock::now() < busy_by) {
    std::this_thread::sleep_for(100ms);
    const auto open = open_attempts(db);
    std::size_t total = 0;
    for (const auto& [node, ids] : open) total += ids.size();
    for (const auto& [node, ids] : open)
      if (total >= kLines - 2 && ids.size() >= 2) victim = node;
  }
  ASSERT_FALSE(victim.empty()) << "no node ever held two calls:\n" << nodes["n1"]->log();
  std::this_thread::sleep_for(1500ms);
  std::size_t most = 0;
  for (const auto& [node, ids] : open_attempts(db))
    if (ids.size() > most) {
      most = ids.size();
      victim = node;
    }
  nodes[victim]->kill9();
  // The dead node changes nothing more; no other node touches these before
  // their leases expire.
  victims_open = open_attempts(db)[victim];
  ASSERT_FALSE(victims_open.empty());

  store::TasksRepo repo(db);
  const auto settled = [&] {
    for (const auto id : tasks)
      if (!domain::is_final(repo.get(id).value().state)) return false;
    return true;
  };
  const auto settle_by = std::chrono::steady_clock::now() + 4min;
  while (!settled() && std::chrono::steady_clock::now() < settle_by)
    std::this_thread::sleep_for(250ms);
  for (auto& [name, node] : nodes) {
    if (name != victim) {
      EXPECT_EQ(node->terminate(30s), 0) << name << ":\n" << node->log();
    }
  }
  const auto calls = patients.stop_and_read();

  // The database: every task final exactly once, attempts one after another.
  store::AttemptsRepo attempts(db);
  std::set<std::int64_t> interrupted;
  for (const auto id : tasks) {
    SCOPED_TRACE("task " + std::to_string(id));
    const auto task = repo.get(id).value();
    EXPECT_EQ(task.state, TaskState::kConfirmed);
    const auto tries = attempts.of_task(id).value();
    ASSERT_FALSE(tries.empty());
    int confirmed = 0;
    for (std::size_t i = 0; i < tries.size(); ++i) {
      ASSERT_TRUE(tries[i].outcome.has_value()) << "an attempt left in flight";
      ASSERT_TRUE(tries[i].ended.has_value());
      EXPECT_EQ(tries[i].number, static_cast<int>(i) + 1);
      if (i > 0) {
        EXPECT_GE(tries[i].started, *tries[i - 1].ended) << "two calls at once";
      }
      if (*tries[i].outcome == CallOutcome::kInterrupted) interrupted.insert(tries[i].id);
      if (*tries[i].outcome == CallOutcome::kConfirmed) ++confirmed;
    }
    EXPECT_EQ(confirmed, 1);
    EXPECT_EQ(*tries.back().outcome, CallOutcome::kConfirmed) << "dialled again after its end";
  }
  EXPECT_EQ(query(db, "SELECT count(*) FROM webhook_deliveries"), kTasks);
  EXPECT_EQ(query(db, "SELECT count(DISTINCT task_id) FROM webhook_deliveries"), kTasks);
  // Exactly the dead node's open attempts were interrupted: no live node's call.
  EXPECT_EQ(interrupted, std::set<std::int64_t>(victims_open.begin(), victims_open.end()));

  // SIPp: it lost no call, the kill hit calls in progress, nobody was in two
  // calls at once, and it never held more calls than the cluster's lines.
  int gone = 0;
  std::set<std::string> answered_numbers;
  for (const auto& c : calls) {
    EXPECT_NE(c.end, 0) << c.phone << ": SIPp lost the call\n" << patients.log();
    gone += c.gone;
    if (!c.gone) answered_numbers.insert(c.phone);
  }
  EXPECT_GE(gone, 1) << "no call was in flight at the kill";
  EXPECT_LE(gone, static_cast<int>(victims_open.size()));
  EXPECT_EQ(number_in_two_calls(calls), "");
  EXPECT_LE(peak_lines(calls), kLines);
  EXPECT_GE(peak_lines(calls), 2);
  for (const auto& [id, phone] : phone_of_task)
    EXPECT_TRUE(answered_numbers.count(phone)) << phone << " never reached at SIPp";
  std::printf(
      "killed %s with %zu attempts open; SIPp: %zu calls, %d of them left by the dead "
      "node, at most %d at once (limit %d)\n",
      victim.c_str(), victims_open.size(), calls.size(), gone, peak_lines(calls), kLines);
  if (!HasFailure()) std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace robocall::cluster::testing
