// Claims, leases and the cluster-wide limits of an account on the store
// (docs/DESIGN.md "Several nodes"): what several nodes sharing one database
// rely on. Each "node" is a connection of its own.
#include <gtest/gtest.h>

#include <set>
#include <thread>

#include "domain/lease_plan.h"
#include "store/attempts_repo.h"
#include "store/schema.h"
#include "store/tasks_repo.h"
#include "store/test_db.h"

namespace robocall::store {
namespace {

using domain::CallOutcome;
using domain::Instant;
using domain::TaskState;
using domain::WallMs;
using std::chrono::hours;
using std::chrono::milliseconds;
using std::chrono::minutes;
using std::chrono::seconds;

const Instant kNow{std::chrono::sys_days{std::chrono::year{2026} / 3 / 2} + hours{10}};
const WallMs kNowMs{kNow};

class LeasesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = open();
    ASSERT_TRUE(db_.exec("INSERT INTO sip_accounts(id, name, username, password, server,"
                         " updated_at) VALUES (7, 'trunk', 'u', 'p', 'sip.example', 0)")
                    .ok());
  }
  Connection open() {
    auto opened = database_.open();
    EXPECT_TRUE(opened.ok()) << opened.error().message;
    return std::move(opened).value();
  }

  void add_tasks(int n) {
    std::vector<domain::Task> tasks;
    for (int i = 0; i < n; ++i) {
      domain::Task t;
      t.phone = "916" + std::to_string(1000000 + i);
      t.full_name = "Пациент " + std::to_string(i);
      t.appointment = kNow + hours{2} + minutes{i};
      t.birth_date = std::chrono::year{1980} / 1 / 1;
      t.next_attempt = kNow - minutes{1};
      tasks.push_back(t);
    }
    ASSERT_TRUE(TasksRepo(db_).insert(tasks, std::nullopt, kNow - hours{1}).ok());
  }

  static ClaimRequest request(std::string node, int limit, WallMs at = kNowMs) {
    return ClaimRequest{
        std::chrono::floor<seconds>(at), at, limit, 7, std::move(node), AccountLimits{5, 2}};
  }

  std::string lease_of(std::int64_t task) {
    auto stmt = db_.prepare(
                       "SELECT coalesce(lease_node, '-') || '@' ||"
                       " coalesce(lease_until, 0) FROM tasks WHERE id = ?")
                    .value();
    stmt.bind(1, task);
    EXPECT_TRUE(stmt.step().value());
    return stmt.column_text(0);
  }

  TestDatabase database_;
  Connection db_;
};

AttemptResult answered(std::int64_t attempt_id) {
  AttemptResult r;
  r.attempt_id = attempt_id;
  r.outcome = CallOutcome::kConfirmed;
  r.digits = "1";
  r.ended = kNow + seconds{40};
  r.task = {TaskState::kConfirmed, 1, std::nullopt};
  return r;
}

TEST_F(LeasesTest, a_claim_leases_its_tasks_to_the_node_and_a_finish_clears_the_lease) {
  add_tasks(1);
  auto claims = AttemptsRepo(db_).claim_due(request("a:8080", 1));
  ASSERT_TRUE(claims.ok()) << claims.error().message;
  ASSERT_EQ(claims->size(), 1u);
  const auto& c = claims->front();
  EXPECT_EQ(lease_of(c.task.id),
            "a:8080@" + std::to_string((kNowMs + domain::kLeaseLength).time_since_epoch().count()));
  EXPECT_EQ(c.start_at, kNowMs);
  ASSERT_TRUE(AttemptsRepo(db_).finish(answered(c.attempt.id), "a:8080").ok());
  EXPECT_EQ(lease_of(c.task.id), "-@0");
}

TEST_F(LeasesTest, renewal_extends_only_the_nodes_own_leases) {
  add_tasks(3);
  AttemptsRepo repo(db_);
  auto a = repo.claim_due(request("a", 2)).value();
  auto b = repo.claim_due(request("b", 1)).value();
  const auto later = kNowMs + seconds{10};
  auto renewed = repo.renew_leases("a", later);
  ASSERT_TRUE(renewed.ok()) << renewed.error().message;
  EXPECT_EQ(*renewed, (std::vector<std::int64_t>{a[0].task.id, a[1].task.id}));
  const auto until = std::to_string(domain::lease_end(later).time_since_epoch().count());
  EXPECT_EQ(lease_of(a[0].task.id), "a@" + until);
  EXPECT_NE(lease_of(b[0].task.id), "b@" + until);
}

TEST_F(LeasesTest, a_finish_or_release_by_another_node_is_refused_and_changes_nothing) {
  add_tasks(2);
  AttemptsRepo repo(db_);
  auto claims = repo.claim_due(request("a", 2)).value();
  auto finish = repo.finish(answered(claims[0].attempt.id), "b");
  ASSERT_FALSE(finish.ok());
  EXPECT_EQ(finish.error().code, Errc::kConflict);
  auto release = repo.release(claims[1].attempt.id, {TaskState::kPending, 0, kNow}, kNow, "b");
  ASSERT_FALSE(release.ok());
  EXPECT_EQ(release.error().code, Errc::kConflict);
  EXPECT_EQ(TasksRepo(db_).get(claims[0].task.id)->state, TaskState::kCalling);
  EXPECT_EQ(repo.of_task(claims[1].task.id)->size(), 1u);
  EXPECT_EQ(db_.query_int("SELECT count(*) FROM attempts WHERE outcome IS NULL").value(), 2);
}

TEST_F(LeasesTest, a_finish_from_the_node_that_lost_its_lease_is_refused) {
  add_tasks(1);
  AttemptsRepo repo(db_);
  auto old = repo.claim_due(request("a", 1)).value().front();
  // a stops renewing; b recovers the task once the lease is over and calls it again.
  const auto over = kNowMs + domain::kLeaseLength;
  auto b = open();
  RecoverScope sweep{false, over, std::nullopt};
  const auto swept = std::chrono::floor<seconds>(over);
  ASSERT_EQ(AttemptsRepo(b).recover_interrupted(swept, {}, sweep)->size(), 1u);
  auto again = AttemptsRepo(b).claim_due(request("b", 1, over + seconds{1})).value();
  ASSERT_EQ(again.size(), 1u);
  auto late = repo.finish(answered(old.attempt.id), "a");
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.error().code, Errc::kConflict);
  auto attempts = repo.of_task(old.task.id).value();
  ASSERT_EQ(attempts.size(), 2u);
  EXPECT_EQ(attempts[0].outcome, CallOutcome::kInterrupted);
  EXPECT_FALSE(attempts[1].outcome.has_value());
  EXPECT_EQ(lease_of(old.task.id).substr(0, 2), "b@");
}

TEST_F(LeasesTest, an_expired_lease_is_recovered_once_by_one_node_with_the_attempt_interrupted) {
  add_tasks(4);
  auto claims = AttemptsRepo(db_).claim_due(request("dead", 4)).value();
  const auto over = kNowMs + domain::kLeaseLength;
  // Not yet over one millisecond before its end.
  RecoverScope early{false, over - milliseconds(1), std::nullopt};
  EXPECT_TRUE(AttemptsRepo(db_).recover_interrupted(kNow + minutes{1}, {}, early)->empty());
  std::vector<Attempt> got[3];
  std::thread nodes[3];
  for (int n = 0; n < 3; ++n) {
    nodes[n] = std::thread([&, n] {
      auto db = open();
      RecoverScope sweep{false, over, std::nullopt};
      auto closed = AttemptsRepo(db).recover_interrupted(kNow + minutes{1}, {}, sweep);
      ASSERT_TRUE(closed.ok()) << closed.error().message;
      got[n] = *closed;
    });
  }
  for (auto& t : nodes) t.join();
  std::set<std::int64_t> ids;
  for (const auto& g : got)
    for (const auto& a : g) {
      ids.insert(a.id);
      EXPECT_EQ(a.outcome, CallOutcome::kInterrupted);
      EXPECT_EQ(a.ended, std::chrono::floor<seconds>(over)) << "ended when the lease ended";
    }
  EXPECT_EQ(got[0].size() + got[1].size() + got[2].size(), 4u);
  EXPECT_EQ(ids.size(), 4u);
  for (const auto& c : claims) {
    EXPECT_EQ(TasksRepo(db_).get(c.task.id)->state, TaskState::kPending);
    EXPECT_EQ(lease_of(c.task.id), "-@0");
  }
}

TEST_F(LeasesTest, a_nodes_start_takes_back_its_own_calls_and_never_a_live_nodes) {
  add_tasks(2);
  AttemptsRepo repo(db_);
  auto mine = repo.claim_due(request("me", 1)).value().front();
  auto theirs = repo.claim_due(request("live", 1)).value().front();
  RecoverScope start{false, kNowMs + seconds{5}, std::string("me")};
  auto closed = repo.recover_interrupted(kNow + seconds{5}, {}, start);
  ASSERT_TRUE(closed.ok()) << closed.error().message;
  ASSERT_EQ(closed->size(), 1u);
  EXPECT_EQ(closed->front().task_id, mine.task.id);
  EXPECT_EQ(closed->front().ended, kNow + seconds{5}) << "its lease had not ended: ended now";
  EXPECT_EQ(TasksRepo(db_).get(theirs.task.id)->state, TaskState::kCalling);
}

TEST_F(LeasesTest, claims_through_an_account_take_at_most_its_free_lines_with_spaced_slots) {
  add_tasks(10);
  AttemptsRepo repo(db_);
  auto first = repo.claim_due(request("a", 3)).value();
  auto second = repo.claim_due(request("b", 3, kNowMs + milliseconds(100))).value();
  auto third = repo.claim_due(request("c", 3, kNowMs + milliseconds(200))).value();
  EXPECT_EQ(first.size(), 3u);
  EXPECT_EQ(second.size(), 2u);
  EXPECT_TRUE(third.empty());
  std::vector<WallMs> slots;
  for (const auto* batch : {&first, &second})
    for (const auto& c : *batch) slots.push_back(c.start_at.value());
  for (std::size_t i = 1; i < slots.size(); ++i)
    EXPECT_EQ(slots[i] - slots[i - 1], milliseconds(500));
  // A finished call frees its line for the next claimer.
  ASSERT_TRUE(repo.finish(answered(first[0].attempt.id), "a").ok());
  EXPECT_EQ(repo.claim_due(request("c", 3, kNowMs + seconds{1})).value().size(), 1u);
}

TEST_F(LeasesTest, the_limit_holds_with_three_claimers_at_once) {
  add_tasks(60);
  std::vector<Claim> got[3];
  std::thread nodes[3];
  for (int n = 0; n < 3; ++n) {
    nodes[n] = std::thread([&, n] {
      auto db = open();
      AttemptsRepo repo(db);
      for (int round = 0; round < 10; ++round) {
        auto claims = repo.claim_due(request("node" + std::to_string(n), 2));
        ASSERT_TRUE(claims.ok()) << claims.error().message;
        got[n].insert(got[n].end(), claims->begin(), claims->end());
      }
    });
  }
  for (auto& t : nodes) t.join();
  std::set<std::int64_t> tasks;
  std::set<WallMs> slots;
  for (const auto& g : got)
    for (const auto& c : g) {
      tasks.insert(c.task.id);
      slots.insert(c.start_at.value());
    }
  EXPECT_EQ(got[0].size() + got[1].size() + got[2].size(), 5u) << "five lines on the account";
  EXPECT_EQ(tasks.size(), 5u);
  EXPECT_EQ(slots.size(), 5u) << "no two calls share a start slot";
  EXPECT_EQ(db_.query_int("SELECT count(*) FROM tasks WHERE state = 'calling'").value(), 5);
}

TEST_F(LeasesTest, two_nodes_claiming_at_once_never_get_the_same_task) {
  add_tasks(200);
  std::vector<std::int64_t> got[2];
  std::thread nodes[2];
  for (int n = 0; n < 2; ++n) {
    nodes[n] = std::thread([&, n] {
      auto db = open();
      AttemptsRepo repo(db);
      for (;;) {
        ClaimRequest r = request("node" + std::to_string(n), 3);
        r.limits.reset();
        auto claims = repo.claim_due(r);
        ASSERT_TRUE(claims.ok()) << claims.error().message;
        if (claims->empty()) return;
        for (const auto& c : *claims) got[n].push_back(c.task.id);
      }
    });
  }
  for (auto& t : nodes) t.join();
  std::set<std::int64_t> all(got[0].begin(), got[0].end());
  all.insert(got[1].begin(), got[1].end());
  EXPECT_EQ(got[0].size() + got[1].size(), 200u);
  EXPECT_EQ(all.size(), 200u);
}

}  // namespace
}  // namespace robocall::store
