#include "store/attempts_repo.h"

#include <gtest/gtest.h>

#include <set>
#include <thread>

#include "store/schema.h"
#include "store/tasks_repo.h"
#include "store/test_db.h"

namespace robocall::store {
namespace {

using domain::CallOutcome;
using domain::Instant;
using domain::TaskState;
using std::chrono::hours;
using std::chrono::minutes;

const Instant kNow{std::chrono::sys_days{std::chrono::year{2026} / 3 / 2} + hours{10}};

class AttemptsRepoTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = test_db_.open();
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    db_ = std::move(opened).value();
  }

  std::int64_t add(Instant appointment, std::optional<Instant> next = kNow - minutes{1}) {
    domain::Task t;
    t.phone = "916" + std::to_string(1000000 + ++count_);
    t.full_name = "Пациент " + std::to_string(count_);
    t.appointment = appointment;
    t.birth_date = std::chrono::year{1980} / 1 / 1;
    t.next_attempt = next;
    const std::vector<domain::Task> one{t};
    return TasksRepo(db_).insert(one, std::nullopt, kNow - hours{1}).value().front();
  }
  TaskState state_of(std::int64_t id) { return TasksRepo(db_).get(id).value().state; }

  TestDatabase test_db_;
  Connection db_;
  int count_ = 0;
};

TEST_F(AttemptsRepoTest, claims_due_tasks_oldest_appointment_first_and_opens_their_attempts) {
  const auto later = add(kNow + hours{5});
  const auto sooner = add(kNow + hours{2});
  const auto not_yet = add(kNow + hours{1}, kNow + minutes{5});
  const auto started = add(kNow);
  const auto past = add(kNow - hours{1});
  const auto due_exactly_now = add(kNow + hours{3}, kNow);
  ASSERT_TRUE(db_.exec("INSERT INTO sip_accounts(id, name, username, password, server,"
                       " updated_at) VALUES (7, 'trunk', 'u', 'p', 'sip.example', 0)")
                  .ok());
  AttemptsRepo repo(db_);
  auto claims = repo.claim_due(kNow, 10, 7);
  ASSERT_TRUE(claims.ok()) << claims.error().message;
  std::vector<std::int64_t> ids;
  for (const auto& c : *claims) {
    ids.push_back(c.task.id);
    EXPECT_EQ(c.task.state, TaskState::kCalling);
    EXPECT_EQ(c.attempt.task_id, c.task.id);
    EXPECT_EQ(c.attempt.number, 1);
    EXPECT_EQ(c.attempt.started, kNow);
    EXPECT_EQ(c.attempt.outcome, std::nullopt);
    EXPECT_EQ(c.attempt.account_id, 7);
  }
  EXPECT_EQ(ids, (std::vector<std::int64_t>{sooner, due_exactly_now, later}));
  for (auto id : {not_yet, started, past}) EXPECT_EQ(state_of(id), TaskState::kPending);
  EXPECT_TRUE(repo.claim_due(kNow, 10)->empty());
}

TEST_F(AttemptsRepoTest, claims_at_most_the_limit) {
  for (int i = 0; i < 5; ++i) add(kNow + hours{1 + i});
  AttemptsRepo repo(db_);
  EXPECT_EQ(repo.claim_due(kNow, 2)->size(), 2u);
  EXPECT_EQ(repo.claim_due(kNow, 0)->size(), 0u);
  EXPECT_EQ(repo.claim_due(kNow, 10)->size(), 3u);
}

TEST_F(AttemptsRepoTest, two_connections_claiming_at_once_never_get_the_same_task) {
  constexpr int kTasks = 300;
  for (int i = 0; i < kTasks; ++i) add(kNow + minutes{1 + i});
  std::vector<std::int64_t> got[2];
  std::thread workers[2];
  for (int w = 0; w < 2; ++w) {
    workers[w] = std::thread([&, w] {
      auto db = test_db_.open();
      ASSERT_TRUE(db.ok());
      AttemptsRepo repo(*db);
      for (;;) {
        auto claims = repo.claim_due(kNow, 3);
        ASSERT_TRUE(claims.ok()) << claims.error().message;
        if (claims->empty()) return;
        for (const auto& c : *claims) got[w].push_back(c.task.id);
      }
    });
  }
  for (auto& t : workers) t.join();
  std::set<std::int64_t> all(got[0].begin(), got[0].end());
  all.insert(got[1].begin(), got[1].end());
  EXPECT_EQ(got[0].size() + got[1].size(), static_cast<std::size_t>(kTasks));
  EXPECT_EQ(all.size(), static_cast<std::size_t>(kTasks));
  EXPECT_EQ(db_.query_int("SELECT count(*) FROM attempts").value(), kTasks);
}

AttemptResult result(std::int64_t attempt_id, CallOutcome outcome, TaskTransition next) {
  AttemptResult r;
  r.attempt_id = attempt_id;
  r.outcome = outcome;
  r.sip_code = 200;
  r.digits = "31";
  r.answered = kNow + std::chrono::seconds{5};
  r.ended = kNow + std::chrono::seconds{40};
  r.ring_ms = 5000;
  r.talk_ms = 30000;
  r.recording = "recordings/1.wav";
  r.task = next;
  return r;
}

TEST_F(AttemptsRepoTest, releasing_a_claim_leaves_no_attempt_and_moves_the_task_on) {
  const auto id = add(kNow + hours{2});
  AttemptsRepo repo(db_);
  auto claim = repo.claim_due(kNow, 1).value().front();
  ASSERT_TRUE(repo.release(claim.attempt.id, {TaskState::kPending, 0, kNow}, kNow).ok());
  EXPECT_TRUE(repo.of_task(id).value().empty());
  auto task = TasksRepo(db_).get(id).value();
  EXPECT_EQ(task.state, TaskState::kPending);
  EXPECT_EQ(task.next_attempt, kNow);
  // Claimed again, the next attempt is number 1 again.
  auto again = repo.claim_due(kNow, 1).value().front();
  EXPECT_EQ(again.attempt.number, 1);
  ASSERT_TRUE(repo.release(again.attempt.id, {TaskState::kPending, 0, kNow}, kNow).ok());
  auto twice = repo.release(again.attempt.id, {TaskState::kPending, 0, kNow}, kNow);
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().code, Errc::kConflict);
}

TEST_F(AttemptsRepoTest, a_claim_counts_the_failed_attempts_before_it) {
  const auto id = add(kNow + hours{2});
  AttemptsRepo repo(db_);
  for (int i = 0; i < 2; ++i) {
    auto c = repo.claim_due(kNow, 1).value().front();
    EXPECT_EQ(c.failures, i);
    AttemptResult r;
    r.attempt_id = c.attempt.id;
    r.outcome = CallOutcome::kFailed;
    r.ended = kNow;
    r.task = {TaskState::kPending, 0, kNow};
    ASSERT_TRUE(repo.finish(r).ok());
  }
  EXPECT_EQ(repo.claim_due(kNow, 1).value().front().failures, 2);
  EXPECT_EQ(TasksRepo(db_).get(id).value().attempts, 0);
}

TEST_F(AttemptsRepoTest, pending_tasks_whose_appointment_has_begun_expire) {
  const auto begun = add(kNow - minutes{1});
  const auto exactly_now = add(kNow, std::nullopt);
  const auto later = add(kNow + minutes{1}, kNow + minutes{5});
  const auto calling = add(kNow + hours{1});
  AttemptsRepo repo(db_);
  ASSERT_EQ(repo.claim_due(kNow, 1).value().front().task.id, calling);
  const auto expired = repo.expire_due(kNow + minutes{30}).value();
  EXPECT_EQ(std::set<std::int64_t>(expired.begin(), expired.end()),
            (std::set<std::int64_t>{begun, exactly_now, later}));
  EXPECT_EQ(TasksRepo(db_).get(begun).value().state, TaskState::kExpired);
  EXPECT_EQ(TasksRepo(db_).get(calling).value().state, TaskState::kCalling);
  EXPECT_TRUE(repo.expire_due(kNow + minutes{30}).value().empty());
}

TEST_F(AttemptsRepoTest, finishing_an_attempt_records_it_and_moves_the_task_in_one_step) {
  const auto id = add(kNow + hours{2});
  AttemptsRepo repo(db_);
  auto claim = repo.claim_due(kNow, 1).value().front();
  ASSERT_TRUE(repo.finish(result(claim.attempt.id, CallOutcome::kConfirmed,
                                 {TaskState::kConfirmed, 1, std::nullopt}))
                  .ok());
  auto task = TasksRepo(db_).get(id).value();
  EXPECT_EQ(task.state, TaskState::kConfirmed);
  EXPECT_EQ(task.attempts, 1);
  EXPECT_EQ(task.next_attempt, std::nullopt);
  EXPECT_EQ(task.updated, kNow + std::chrono::seconds{40});
  auto attempts = repo.of_task(id).value();
  ASSERT_EQ(attempts.size(), 1u);
  EXPECT_EQ(attempts[0].outcome, CallOutcome::kConfirmed);
  EXPECT_EQ(attempts[0].sip_code, 200);
  EXPECT_EQ(attempts[0].digits, "31");
  EXPECT_EQ(attempts[0].answered, kNow + std::chrono::seconds{5});
  EXPECT_EQ(attempts[0].ended, kNow + std::chrono::seconds{40});
  EXPECT_EQ(attempts[0].duration_ms, 35000);  // ringing and talk
  EXPECT_EQ(attempts[0].talk_ms, 30000);
  EXPECT_EQ(attempts[0].recording, "recordings/1.wav");

  auto again = repo.finish(
      result(claim.attempt.id, CallOutcome::kCancelled, {TaskState::kCancelled, 1, std::nullopt}));
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, Errc::kConflict);
  EXPECT_EQ(state_of(id), TaskState::kConfirmed);
  EXPECT_EQ(repo.finish(result(999, CallOutcome::kBusy, {})).error().code, Errc::kNotFound);
}

TEST_F(AttemptsRepoTest, a_retried_task_gets_the_next_attempt_number) {
  const auto id = add(kNow + hours{2});
  AttemptsRepo repo(db_);
  auto first = repo.claim_due(kNow, 1).value().front();
  ASSERT_TRUE(repo.finish(result(first.attempt.id, CallOutcome::kBusy,
                                 {TaskState::kPending, 1, kNow + minutes{30}}))
                  .ok());
  EXPECT_TRUE(repo.claim_due(kNow + minutes{29}, 5)->empty());
  auto second = repo.claim_due(kNow + minutes{30}, 5).value();
  ASSERT_EQ(second.size(), 1u);
  EXPECT_EQ(second[0].task.id, id);
  EXPECT_EQ(second[0].task.attempts, 1);
  EXPECT_EQ(second[0].attempt.number, 2);
}

TEST_F(AttemptsRepoTest, recovery_closes_in_flight_attempts_as_interrupted_and_is_idempotent) {
  const auto a = add(kNow + hours{2});
  const auto b = add(kNow + hours{3});
  const auto untouched = add(kNow + hours{4}, kNow + hours{1});
  {
    auto crashed = test_db_.open();
    ASSERT_TRUE(crashed.ok());
    ASSERT_EQ(AttemptsRepo(*crashed).claim_due(kNow, 5).value().size(), 2u);
  }
  const auto restart = kNow + minutes{3};
  AttemptsRepo repo(db_);
  auto closed = repo.recover_interrupted(restart);
  ASSERT_TRUE(closed.ok()) << closed.error().message;
  ASSERT_EQ(closed->size(), 2u);
  for (auto id : {a, b}) {
    auto task = TasksRepo(db_).get(id).value();
    EXPECT_EQ(task.state, TaskState::kPending);
    EXPECT_EQ(task.next_attempt, restart);
    auto attempts = repo.of_task(id).value();
    ASSERT_EQ(attempts.size(), 1u);
    EXPECT_EQ(attempts[0].outcome, CallOutcome::kInterrupted);
    EXPECT_EQ(attempts[0].ended, restart);
  }
  EXPECT_EQ(TasksRepo(db_).get(untouched)->next_attempt, kNow + hours{1});
  EXPECT_TRUE(repo.recover_interrupted(restart + minutes{1})->empty());
  EXPECT_EQ(db_.query_int("SELECT count(*) FROM attempts").value(), 2);
}

TEST_F(AttemptsRepoTest, recovery_applies_the_callers_retry_decision) {
  const auto id = add(kNow + hours{2});
  AttemptsRepo repo(db_);
  ASSERT_EQ(repo.claim_due(kNow, 1)->size(), 1u);
  auto closed = repo.recover_interrupted(kNow, [](const domain::Task& t, const Attempt& a) {
    EXPECT_EQ(a.outcome, CallOutcome::kInterrupted);
    return TaskTransition{TaskState::kExhausted, t.attempts + 1, std::nullopt};
  });
  ASSERT_TRUE(closed.ok());
  auto task = TasksRepo(db_).get(id).value();
  EXPECT_EQ(task.state, TaskState::kExhausted);
  EXPECT_EQ(task.attempts, 1);
}

TEST_F(AttemptsRepoTest, counts_todays_calls_by_outcome_and_the_calls_in_flight) {
  for (int i = 0; i < 6; ++i) add(kNow + hours{2 + i});
  AttemptsRepo repo(db_);
  auto claims = repo.claim_due(kNow, 6).value();
  const CallOutcome outcomes[] = {CallOutcome::kConfirmed, CallOutcome::kCancelled,
                                  CallOutcome::kBusy, CallOutcome::kNoAnswer,
                                  CallOutcome::kNoInput};
  for (std::size_t i = 0; i < 5; ++i)
    ASSERT_TRUE(repo.finish(result(claims[i].attempt.id, outcomes[i],
                                   {TaskState::kPending, 1, kNow + hours{1}}))
                    .ok());
  auto today = repo.counters(kNow - hours{10}, kNow + hours{14});
  ASSERT_TRUE(today.ok());
  EXPECT_EQ(today->calls, 5);
  EXPECT_EQ(today->confirmed, 1);
  EXPECT_EQ(today->cancelled, 1);
  EXPECT_EQ(today->unreachable, 2);
  EXPECT_EQ(today->in_progress, 1);
  EXPECT_EQ(repo.counters(kNow + hours{14}, kNow + hours{38})->calls, 0);
}

TEST_F(AttemptsRepoTest, lists_old_recordings_and_clears_their_references) {
  add(kNow + hours{2});
  AttemptsRepo repo(db_);
  auto claim = repo.claim_due(kNow, 1).value().front();
  ASSERT_TRUE(repo.finish(result(claim.attempt.id, CallOutcome::kNoInput,
                                 {TaskState::kPending, 1, kNow + hours{1}}))
                  .ok());
  EXPECT_TRUE(repo.recordings_before(kNow, 10)->empty());
  auto old = repo.recordings_before(kNow + hours{1}, 10);
  ASSERT_EQ(old->size(), 1u);
  ASSERT_TRUE(repo.clear_recording(old->front().id).ok());
  EXPECT_TRUE(repo.recordings_before(kNow + hours{1}, 10)->empty());
  EXPECT_EQ(repo.clear_recording(12345).error().code, Errc::kNotFound);
}

}  // namespace
}  // namespace robocall::store
