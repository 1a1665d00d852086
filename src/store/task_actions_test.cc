// A person's actions on one task (withdraw, call now), the claim order of a
// call-now task, and the summary's SQL buckets against the domain's table.
#include <gtest/gtest.h>

#include "store/attempts_repo.h"
#include "store/schema.h"
#include "store/task_summary.h"
#include "store/tasks_repo.h"
#include "store/test_db.h"

namespace robocall::store {
namespace {

using domain::Instant;
using domain::TaskState;
using std::chrono::hours;
using std::chrono::minutes;

const Instant kNow{std::chrono::sys_days{std::chrono::year{2026} / 3 / 2} + hours{10}};

class TaskActions : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = test_db_.open();
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    db_ = std::move(opened).value();
  }

  std::int64_t add(Instant appointment, TaskState state = TaskState::kPending,
                   Instant next = kNow - minutes{1}) {
    domain::Task t;
    t.phone = "916" + std::to_string(1000000 + ++count_);
    t.full_name = "Пациент " + std::to_string(count_);
    t.appointment = appointment;
    t.birth_date = std::chrono::year{1980} / 1 / 1;
    t.next_attempt = next;
    const std::vector<domain::Task> one{t};
    const auto id = TasksRepo(db_).insert(one, std::nullopt, kNow - hours{1}).value().front();
    EXPECT_TRUE(db_.exec("UPDATE tasks SET state = '" + std::string(domain::to_string(state)) +
                         "' WHERE id = " + std::to_string(id))
                    .ok());
    return id;
  }

  TestDatabase test_db_;
  Connection db_;
  int count_ = 0;
};

TEST_F(TaskActions, a_withdrawn_task_is_final_with_who_and_when_and_never_claimed) {
  const auto id = add(kNow + hours{2});
  auto done = TasksRepo(db_).withdraw(id, "anna", kNow);
  ASSERT_TRUE(done.ok()) << done.error().message;
  EXPECT_EQ(done->state, TaskState::kWithdrawn);
  EXPECT_EQ(done->withdrawn_by, "anna");
  EXPECT_EQ(done->withdrawn_at, kNow);
  EXPECT_EQ(domain::list_status(done->state), domain::ListStatus::kCancelled);
  EXPECT_TRUE(AttemptsRepo(db_).claim_due(kNow + hours{1}, 10, std::nullopt)->empty());
}

TEST_F(TaskActions, a_task_being_called_or_final_is_not_withdrawn) {
  for (auto state : {TaskState::kCalling, TaskState::kConfirmed, TaskState::kCancelled,
                     TaskState::kExhausted, TaskState::kWithdrawn}) {
    const auto id = add(kNow + hours{2}, state);
    auto refused = TasksRepo(db_).withdraw(id, "anna", kNow);
    ASSERT_FALSE(refused.ok()) << domain::to_string(state);
    EXPECT_EQ(refused.error().code, Errc::kConflict);
    EXPECT_EQ(TasksRepo(db_).get(id)->state, state);
  }
  EXPECT_EQ(TasksRepo(db_).withdraw(999, "anna", kNow).error().code, Errc::kNotFound);
}

TEST_F(TaskActions, a_call_now_task_is_claimed_before_older_due_ones) {
  const auto older = add(kNow + hours{1});
  const auto asked = add(kNow + hours{5}, TaskState::kPending, kNow + hours{2});
  ASSERT_TRUE(TasksRepo(db_).call_now(asked, kNow).ok());
  auto claims = AttemptsRepo(db_).claim_due(kNow, 1, std::nullopt);
  ASSERT_TRUE(claims.ok()) << claims.error().message;
  ASSERT_EQ(claims->size(), 1u);
  EXPECT_EQ(claims->front().task.id, asked);
  claims = AttemptsRepo(db_).claim_due(kNow, 5, std::nullopt);
  ASSERT_EQ(claims->size(), 1u);
  EXPECT_EQ(claims->front().task.id, older);
}

TEST_F(TaskActions, call_now_opens_one_more_attempt_for_an_unreached_task) {
  const auto id = add(kNow + hours{3}, TaskState::kExhausted);
  auto reopened = TasksRepo(db_).call_now(id, kNow);
  ASSERT_TRUE(reopened.ok()) << reopened.error().message;
  EXPECT_EQ(reopened->state, TaskState::kPending);
  EXPECT_EQ(reopened->next_attempt, kNow);
  auto claims = AttemptsRepo(db_).claim_due(kNow, 5, std::nullopt);
  ASSERT_EQ(claims->size(), 1u);
  EXPECT_EQ(claims->front().task.id, id);
}

TEST_F(TaskActions, call_now_is_refused_while_calling_when_answered_or_when_the_appointment_began) {
  for (auto state : {TaskState::kCalling, TaskState::kConfirmed, TaskState::kCancelled,
                     TaskState::kWithdrawn, TaskState::kExpired}) {
    const auto id = add(kNow + hours{2}, state);
    auto refused = TasksRepo(db_).call_now(id, kNow);
    ASSERT_FALSE(refused.ok()) << domain::to_string(state);
    EXPECT_EQ(refused.error().code, Errc::kConflict);
  }
  const auto begun = add(kNow);
  EXPECT_EQ(TasksRepo(db_).call_now(begun, kNow).error().message, "Приём уже прошёл");
}

TEST_F(TaskActions, the_sql_buckets_follow_the_domains_table_for_every_state) {
  const TaskState states[] = {TaskState::kPending,     TaskState::kCalling,   TaskState::kConfirmed,
                              TaskState::kCancelled,   TaskState::kExhausted, TaskState::kExpired,
                              TaskState::kNotVerified, TaskState::kWithdrawn};
  for (const auto state : states) {
    for (const auto appointment : {kNow - hours{1}, kNow, kNow + hours{1}}) {
      ASSERT_TRUE(db_.exec("DELETE FROM tasks").ok());
      add(appointment, state);
      const auto want = domain::bucket_of(state, appointment, kNow);
      for (const auto bucket : {domain::Bucket::kConfirmed, domain::Bucket::kCancelled,
                                domain::Bucket::kUnreached, domain::Bucket::kInProgress}) {
        auto stmt = db_.prepare("SELECT count(*) FROM tasks WHERE ?1 IS NOT NULL AND " +
                                bucket_sql(bucket, 1));
        ASSERT_TRUE(stmt.ok());
        stmt->bind(1, static_cast<std::int64_t>(kNow.time_since_epoch().count()));
        ASSERT_TRUE(stmt->step().ok());
        EXPECT_EQ(stmt->column_int(0), bucket == want ? 1 : 0) << domain::to_string(state);
      }
    }
  }
}

TEST_F(TaskActions, the_summary_adds_up_and_agrees_with_the_status_filter) {
  add(kNow + hours{2});
  add(kNow + hours{2}, TaskState::kCalling);
  add(kNow + hours{2}, TaskState::kConfirmed);
  add(kNow + hours{2}, TaskState::kCancelled);
  add(kNow + hours{2}, TaskState::kWithdrawn);
  add(kNow + hours{2}, TaskState::kExhausted);
  add(kNow - hours{1});  // pending, the appointment has begun
  TaskFilter filter;
  filter.now = kNow;
  auto s = summarize(db_, filter, kNow);
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_EQ(s->total, 7);
  EXPECT_EQ(s->confirmed, 1);
  EXPECT_EQ(s->cancelled, 2);
  EXPECT_EQ(s->unreached, 2);
  EXPECT_EQ(s->in_progress, 2);
  EXPECT_TRUE(s->any_calling);
  EXPECT_EQ(s->earliest_due, kNow - minutes{1});
  const std::pair<domain::StatusFilter, std::int64_t> per_status[] = {
      {domain::StatusFilter::kConfirmed, 1},
      {domain::StatusFilter::kCancelled, 2},
      {domain::StatusFilter::kUnreached, 2},
      {domain::StatusFilter::kUnknown, 4}};
  for (const auto& [status, count] : per_status) {
    TaskQuery q;
    q.filter = filter;
    q.filter.statuses = {status};
    q.filter.from = kNow - hours{5};  // the dated plan as well
    q.filter.to = kNow + hours{5};
    for (auto sort : {TaskSort::kId, TaskSort::kStatus, TaskSort::kAppointment}) {
      q.sort = sort;
      auto page = TasksRepo(db_).list(q);
      ASSERT_TRUE(page.ok()) << page.error().message;
      EXPECT_EQ(page->total, count);
      EXPECT_EQ(static_cast<std::int64_t>(page->tasks.size()), count);
    }
  }
}

}  // namespace
}  // namespace robocall::store
