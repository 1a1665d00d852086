// Tests of the record-keeping repositories: audit log, imports, webhook queue.
#include <gtest/gtest.h>

#include "store/audit_repo.h"
#include "store/imports_repo.h"
#include "store/schema.h"
#include "store/tasks_repo.h"
#include "store/test_db.h"
#include "store/webhook_repo.h"

namespace robocall::store {
namespace {

using std::chrono::minutes;

const domain::Instant kNow{std::chrono::sys_days{std::chrono::year{2026} / 3 / 2}};

class RecordsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = test_db_.open();
    ASSERT_TRUE(opened.ok());
    db_ = std::move(opened).value();
  }
  TestDatabase test_db_;
  Connection db_;
};

TEST_F(RecordsTest, the_audit_log_lists_newest_first_page_by_page) {
  AuditRepo repo(db_);
  for (int i = 0; i < 5; ++i)
    ASSERT_TRUE(
        repo.append({0, kNow + minutes{i}, "admin", "export", R"({"n":)" + std::to_string(i) + "}"})
            .ok());
  auto first = repo.list(2).value();
  ASSERT_EQ(first.size(), 2u);
  EXPECT_EQ(first[0].details, R"({"n":4})");
  EXPECT_EQ(first[0].at, kNow + minutes{4});
  auto next = repo.list(10, first.back().id).value();
  ASSERT_EQ(next.size(), 3u);
  EXPECT_EQ(next.back().details, R"({"n":0})");
}

TEST_F(RecordsTest, the_audit_log_refuses_entries_without_actor_or_with_bad_json) {
  AuditRepo repo(db_);
  EXPECT_EQ(repo.append({0, kNow, "", "export", "{}"}).error().code, Errc::kInvalidArgument);
  EXPECT_EQ(repo.append({0, kNow, "admin", "export", "{"}).error().code, Errc::kInvalidArgument);
  EXPECT_EQ(repo.list(1000).value().size(), 0u);
  EXPECT_EQ(repo.list(0).error().code, Errc::kInvalidArgument);
}

TEST_F(RecordsTest, an_import_and_its_tasks_land_together_or_not_at_all) {
  ImportsRepo imports(db_);
  TasksRepo tasks(db_);
  domain::Task t;
  t.phone = "9161234567";
  t.full_name = "Иванов";
  t.appointment = kNow + std::chrono::days{1};
  t.birth_date = std::chrono::year{1970} / 1 / 1;
  t.external_id = "e-1";
  const std::vector<domain::Task> batch{t};
  {
    auto tx = Transaction::begin(db_);
    ASSERT_TRUE(tx.ok());
    auto id = imports.create({0, kNow, "xlsx", "список.xlsx", "admin", 0, 0, "{}"});
    ASSERT_TRUE(id.ok());
    ASSERT_TRUE(tasks.insert(batch, *id, kNow).ok());
    ASSERT_TRUE(imports.finish(*id, 1, 1, R"({"skipped":[]})").ok());
    ASSERT_TRUE(tx->commit().ok());
  }
  {
    auto tx = Transaction::begin(db_);
    ASSERT_TRUE(tx.ok());
    auto id = imports.create({0, kNow, "api", "", "token:emias", 0, 0, "{}"});
    ASSERT_TRUE(id.ok());
    EXPECT_EQ(tasks.insert(batch, *id, kNow).error().code, Errc::kConflict);
  }
  auto recent = imports.recent(10).value();
  ASSERT_EQ(recent.size(), 1u);
  EXPECT_EQ(recent[0].file_name, "список.xlsx");
  EXPECT_EQ(recent[0].rows_read, 1);
  EXPECT_EQ(recent[0].created_tasks, 1);
  EXPECT_EQ(imports.get(recent[0].id).value().report, R"({"skipped":[]})");
  EXPECT_EQ(db_.query_int("SELECT count(*) FROM tasks WHERE import_id IS NOT NULL").value(), 1);
  EXPECT_EQ(imports.create({0, kNow, "csv", "", "", 0, 0, "{}"}).error().code,
            Errc::kInvalidArgument);
  EXPECT_EQ(imports.finish(recent[0].id, 1, 1, "oops").error().code, Errc::kInvalidArgument);
  EXPECT_EQ(imports.get(999).error().code, Errc::kNotFound);
}

TEST_F(RecordsTest, webhook_deliveries_are_retried_until_delivered) {
  domain::Task t;
  t.phone = "9161234567";
  t.full_name = "Иванов";
  t.appointment = kNow + std::chrono::days{1};
  t.birth_date = std::chrono::year{1970} / 1 / 1;
  const std::vector<domain::Task> batch{t};
  const auto task_id = TasksRepo(db_).insert(batch, std::nullopt, kNow).value().front();
  WebhookRepo repo(db_);
  const auto id = repo.enqueue(task_id, "https://his.example/h", R"({"task":1})", kNow).value();
  EXPECT_EQ(repo.due(kNow - minutes{1}, 10).value().size(), 0u);
  ASSERT_EQ(repo.due(kNow, 10).value().size(), 1u);
  ASSERT_TRUE(repo.failed(id, "503", kNow + minutes{5}).ok());
  EXPECT_EQ(repo.due(kNow + minutes{4}, 10).value().size(), 0u);
  auto again = repo.due(kNow + minutes{5}, 10).value();
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(again[0].attempts, 1);
  EXPECT_EQ(again[0].last_error, "503");
  ASSERT_TRUE(repo.delivered(id, kNow + minutes{5}).ok());
  EXPECT_EQ(repo.pending_count().value(), 0);
  EXPECT_EQ(repo.delivered(id, kNow).error().code, Errc::kNotFound);
  EXPECT_EQ(repo.enqueue(task_id + 100, "https://his.example/h", "{}", kNow).error().code,
            Errc::kConflict);
}

}  // namespace
}  // namespace robocall::store
