#include "store/tasks_bulk_load.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "store/schema.h"
#include "store/tasks_repo.h"
#include "store/test_db.h"

namespace robocall::store {
namespace {

using domain::Instant;
using std::chrono::hours;
using std::chrono::minutes;

const Instant kDay0{std::chrono::sys_days{std::chrono::year{2026} / 3 / 2}};

domain::Task task(int i, std::string external = {}) {
  domain::Task t;
  t.phone = std::to_string(9160000000LL + i);
  t.full_name = "Пациент №" + std::to_string(i);
  t.appointment = kDay0 + hours{8} + minutes{7 * i};
  t.birth_date = std::chrono::year{1970} / 5 / 17;
  t.external_id = std::move(external);
  t.extra = {{"Врач", "Петров"}};
  return t;
}

std::vector<domain::Task> tasks(int from, int to) {
  std::vector<domain::Task> out;
  for (int i = from; i < to; ++i) out.push_back(task(i));
  return out;
}

class TasksBulkLoadTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = test_db_.open();
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    db_ = std::move(opened).value();
  }

  // Every index and trigger of tasks, as stored.
  std::vector<std::string> tasks_schema() {
    auto stmt = db_.prepare(
        db_.backend() == Backend::kSqlite
            ? "SELECT type || ' ' || name || ': ' || coalesce(sql, '') FROM sqlite_schema"
              " WHERE tbl_name = 'tasks' ORDER BY type, name"
            : "SELECT 'index ' || indexname || ': ' || indexdef FROM pg_indexes"
              " WHERE tablename = 'tasks' UNION ALL SELECT 'trigger ' || tgname FROM pg_trigger"
              " WHERE tgrelid = CAST('tasks' AS regclass) AND NOT tgisinternal ORDER BY 1");
    EXPECT_TRUE(stmt.ok());
    std::vector<std::string> out;
    while (*stmt->step()) out.push_back(stmt->column_text(0));
    return out;
  }

  // task_hour_counts rows that differ from a full recount.
  std::int64_t wrong_hour_counts() {
    auto n = db_.query_int(
        "SELECT count(*) FROM (SELECT appointment / 3600 AS hour, count(*) AS n FROM tasks"
        " GROUP BY 1) AS real FULL JOIN task_hour_counts AS kept USING (hour)"
        " WHERE coalesce(real.n, 0) <> coalesce(kept.n, 0)");
    EXPECT_TRUE(n.ok()) << n.error().message;
    return n.ok() ? *n : -1;
  }

  TestDatabase test_db_;
  Connection db_;
};

TEST_F(TasksBulkLoadTest, loads_tasks_after_stored_ones_and_leaves_the_schema_as_it_was) {
  TasksRepo repo(db_);
  ASSERT_TRUE(repo.insert(tasks(0, 50), std::nullopt, kDay0).ok());
  const auto schema_before = tasks_schema();
  ASSERT_GE(schema_before.size(), 9u);

  auto tx = Transaction::begin(db_);
  ASSERT_TRUE(tx.ok());
  auto load = TasksBulkLoad::begin(db_, TasksBulkLoad::Lookups::kByPhone);
  ASSERT_TRUE(load.ok()) << load.error().message;
  if (db_.backend() == Backend::kSqlite) {
    EXPECT_LT(tasks_schema().size(), schema_before.size());
  }
  auto first = load->insert(tasks(50, 120), std::nullopt, kDay0);
  ASSERT_TRUE(first.ok()) << first.error().message;
  auto second = load->insert(tasks(120, 300), std::nullopt, kDay0);
  ASSERT_TRUE(second.ok()) << second.error().message;
  const std::vector<TasksRepo::PhoneAt> lookups{{task(3).phone, task(3).appointment},
                                                {task(299).phone, task(299).appointment},
                                                {task(299).phone, task(3).appointment}};
  auto found = repo.exist(lookups);
  ASSERT_TRUE(found.ok()) << found.error().message;
  EXPECT_EQ(*found, (std::vector<bool>{true, true, false}));
  ASSERT_TRUE(load->finish().ok());
  ASSERT_TRUE(tx->commit().ok());

  EXPECT_EQ(tasks_schema(), schema_before);
  EXPECT_EQ(wrong_hour_counts(), 0);
  ASSERT_EQ(first->size(), 70u);
  ASSERT_EQ(second->size(), 180u);
  EXPECT_EQ(first->front(), 51);
  EXPECT_EQ(second->back(), 300);
  auto got = repo.get(second->back());
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->phone, "9160000299");
  EXPECT_EQ(got->state, domain::TaskState::kPending);
  EXPECT_EQ(got->next_attempt, kDay0);
  EXPECT_EQ(got->extra, (domain::ExtraFields{{"Врач", "Петров"}}));
  if (db_.backend() == Backend::kSqlite) {
    EXPECT_EQ(integrity_check(db_), "ok");
  }
}

TEST_F(TasksBulkLoadTest, counts_the_hours_of_a_list_in_no_order_as_the_trigger_does) {
  TasksRepo repo(db_);
  ASSERT_TRUE(repo.insert(tasks(0, 30), std::nullopt, kDay0).ok());
  auto tx = Transaction::begin(db_);
  ASSERT_TRUE(tx.ok());
  auto load = TasksBulkLoad::begin(db_, TasksBulkLoad::Lookups::kNone);
  ASSERT_TRUE(load.ok()) << load.error().message;
  // Hours visited back and forth, the last second of an hour and the first of the next.
  std::vector<domain::Task> list;
  for (int i = 0; i < 200; ++i) {
    domain::Task t = task(1000 + i);
    t.appointment = kDay0 + hours{(i * 7) % 5} + minutes{59} + std::chrono::seconds{59 + i % 2};
    list.push_back(std::move(t));
  }
  ASSERT_TRUE(load->insert(list, std::nullopt, kDay0).ok());
  ASSERT_TRUE(load->finish().ok());
  ASSERT_TRUE(tx->commit().ok());
  EXPECT_EQ(wrong_hour_counts(), 0);
  EXPECT_EQ(db_.query_int("SELECT sum(n) FROM task_hour_counts").value(), 230);
}

TEST_F(TasksBulkLoadTest, the_list_reads_bulk_loaded_tasks_as_inserted_ones) {
  auto tx = Transaction::begin(db_);
  ASSERT_TRUE(tx.ok());
  auto load = TasksBulkLoad::begin(db_, TasksBulkLoad::Lookups::kByPhone);
  ASSERT_TRUE(load.ok());
  ASSERT_TRUE(load->insert(tasks(0, 200), std::nullopt, kDay0).ok());
  ASSERT_TRUE(load->finish().ok());
  ASSERT_TRUE(tx->commit().ok());

  TasksRepo repo(db_);
  TaskQuery q;
  q.sort = TaskSort::kName;
  q.order = SortOrder::kAsc;
  q.filter.from = kDay0 + hours{9};
  q.filter.to = kDay0 + hours{10};
  q.limit = 3;
  auto page = repo.list(q);
  ASSERT_TRUE(page.ok()) << page.error().message;
  EXPECT_EQ(page->total, 9);  // every 7 minutes: 9:03 .. 9:59
  ASSERT_EQ(page->tasks.size(), 3u);
  EXPECT_EQ(page->tasks[0].full_name, "Пациент №10");
}

TEST_F(TasksBulkLoadTest, drops_every_index_but_the_phone_one_if_asked) {
  if (db_.backend() != Backend::kSqlite)
    GTEST_SKIP() << "PostgreSQL keeps every index: DDL would lock the other nodes out of tasks";
  const auto indexes = [&] {
    std::vector<std::string> names;
    auto stmt = db_.prepare(
        "SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'tasks'"
        " AND sql IS NOT NULL ORDER BY name");
    while (*stmt->step()) names.push_back(stmt->column_text(0));
    return names;
  };
  for (const auto lookups : {TasksBulkLoad::Lookups::kNone, TasksBulkLoad::Lookups::kByPhone}) {
    auto tx = Transaction::begin(db_);
    ASSERT_TRUE(tx.ok());
    auto load = TasksBulkLoad::begin(db_, lookups);
    ASSERT_TRUE(load.ok());
    std::vector<std::string> kept;
    if (lookups == TasksBulkLoad::Lookups::kByPhone) kept.push_back("tasks_phone");
    EXPECT_EQ(indexes(), kept);
    ASSERT_TRUE(load->finish().ok());
    ASSERT_TRUE(tx->commit().ok());
    EXPECT_EQ(indexes().size(), 10u);
  }
}

TEST_F(TasksBulkLoadTest, needs_a_write_transaction) {
  auto load = TasksBulkLoad::begin(db_, TasksBulkLoad::Lookups::kByPhone);
  ASSERT_FALSE(load.ok());
  EXPECT_EQ(load.error().code, Errc::kInvalidArgument);
  if (db_.backend() != Backend::kSqlite) return;  // PostgreSQL: a read transaction is a plain BEGIN
  auto read = Transaction::begin(db_, Transaction::Kind::kRead);
  ASSERT_TRUE(read.ok());
  EXPECT_FALSE(TasksBulkLoad::begin(db_, TasksBulkLoad::Lookups::kByPhone).ok());
}

TEST_F(TasksBulkLoadTest, dropped_without_finish_it_rolls_everything_back) {
  TasksRepo repo(db_);
  ASSERT_TRUE(repo.insert(tasks(0, 5), std::nullopt, kDay0).ok());
  const auto schema_before = tasks_schema();
  {
    auto tx = Transaction::begin(db_);
    ASSERT_TRUE(tx.ok());
    {
      auto load = TasksBulkLoad::begin(db_, TasksBulkLoad::Lookups::kByPhone);
      ASSERT_TRUE(load.ok());
      ASSERT_TRUE(load->insert(tasks(5, 40), std::nullopt, kDay0).ok());
    }
    EXPECT_FALSE(tx->commit().ok());
  }
  EXPECT_EQ(tasks_schema(), schema_before);
  EXPECT_EQ(*db_.query_int("SELECT count(*) FROM tasks"), 5);
  EXPECT_EQ(wrong_hour_counts(), 0);
}

TEST_F(TasksBulkLoadTest, a_stored_external_id_is_a_conflict_that_names_it) {
  TasksRepo repo(db_);
  ASSERT_TRUE(repo.insert(std::vector{task(1, "emias-7")}, std::nullopt, kDay0).ok());
  // Alone, and in the middle of rows that go in 32 to a statement.
  for (const std::size_t at : {std::size_t{1}, std::size_t{40}}) {
    auto tx = Transaction::begin(db_);
    ASSERT_TRUE(tx.ok());
    auto load = TasksBulkLoad::begin(db_, TasksBulkLoad::Lookups::kByPhone);
    ASSERT_TRUE(load.ok());
    auto list = tasks(2, 102);
    list[at].external_id = "emias-7";
    auto ids = load->insert(list, std::nullopt, kDay0);
    ASSERT_FALSE(ids.ok());
    EXPECT_EQ(ids.error().code, Errc::kConflict);
    EXPECT_NE(ids.error().message.find("emias-7"), std::string::npos) << ids.error().message;
  }
}

TEST_F(TasksBulkLoadTest, gives_the_ids_in_input_order_across_statements_of_many_rows) {
  TasksRepo repo(db_);
  ASSERT_TRUE(repo.insert(tasks(0, 5), std::nullopt, kDay0).ok());
  auto tx = Transaction::begin(db_);
  ASSERT_TRUE(tx.ok());
  auto load = TasksBulkLoad::begin(db_, TasksBulkLoad::Lookups::kNone);
  ASSERT_TRUE(load.ok());
  for (const int n : {31, 32, 33, 65, 1}) {
    auto list = tasks(1000 + n * 100, 1000 + n * 100 + n);
    auto ids = load->insert(list, std::nullopt, kDay0);
    ASSERT_TRUE(ids.ok()) << ids.error().message;
    ASSERT_EQ(ids->size(), list.size());
    for (std::size_t i = 0; i < list.size(); ++i) {
      auto phone = db_.prepare("SELECT phone FROM tasks WHERE id = ?");
      ASSERT_TRUE(phone.ok());
      phone->bind(1, (*ids)[i]);
      ASSERT_TRUE(*phone->step());
      EXPECT_EQ(phone->column_text(0), list[i].phone) << "n " << n << ", row " << i;
    }
  }
  ASSERT_TRUE(load->finish().ok());
  ASSERT_TRUE(tx->commit().ok());
}

TEST_F(TasksBulkLoadTest, refuses_a_task_no_stored_row_may_have) {
  auto tx = Transaction::begin(db_);
  ASSERT_TRUE(tx.ok());
  auto load = TasksBulkLoad::begin(db_, TasksBulkLoad::Lookups::kByPhone);
  ASSERT_TRUE(load.ok());
  auto bad_birth = task(1);
  bad_birth.birth_date = std::chrono::year{2025} / 2 / 30;
  auto before_1970 = task(2);
  before_1970.appointment = Instant{std::chrono::seconds{-60}};
  for (const auto& t : {bad_birth, before_1970}) {
    auto ids = load->insert(std::vector{t}, std::nullopt, kDay0);
    ASSERT_FALSE(ids.ok());
    EXPECT_EQ(ids.error().code, Errc::kInvalidArgument);
  }
}

}  // namespace
}  // namespace robocall::store
