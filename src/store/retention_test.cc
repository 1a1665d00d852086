// The retention rule (docs/BEHAVIOUR.md "Retention") as a table, and the
// purge against a real SQLite file: which tasks, attempts, recording files,
// webhook deliveries and import reports go, at the boundary to the second.
#include "store/retention.h"

#include <gtest/gtest.h>

#include <fstream>

#include "store/schema.h"
#include "store/task_rows.h"
#include "store/test_db.h"

namespace robocall::store {
namespace {

using domain::TaskState;
using std::chrono::days;
using std::chrono::seconds;

const domain::Instant kNow{std::chrono::sys_days{std::chrono::year{2026} / 6 / 1} +
                           std::chrono::hours(3)};
constexpr int kDays = 90;

struct Row {
  const char* what;
  domain::Instant appointment;
  TaskState state;
  bool in_flight;
  bool goes;
};

const Row kRows[] = {
    {"a day inside retention", kNow - days(kDays - 1), TaskState::kConfirmed, false, false},
    {"one second short of the boundary", kNow - days(kDays) + seconds(1), TaskState::kCancelled,
     false, false},
    {"exactly at the boundary", kNow - days(kDays), TaskState::kConfirmed, false, true},
    {"long past, final", kNow - days(400), TaskState::kExhausted, false, true},
    {"long past, never called", kNow - days(200), TaskState::kExpired, false, true},
    {"long past, pending", kNow - days(200), TaskState::kPending, false, true},
    {"long past, a call in progress", kNow - days(200), TaskState::kCalling, true, false},
    {"long past, claimed but not dialled", kNow - days(200), TaskState::kCalling, false, false},
    {"long past, an attempt left open", kNow - days(200), TaskState::kPending, true, false},
    {"in the future", kNow + days(3), TaskState::kPending, false, false},
};

TEST(RetentionRule, a_task_goes_days_after_its_appointment_unless_a_call_is_in_progress) {
  for (const auto& r : kRows)
    EXPECT_EQ(task_is_past_retention(r.appointment, r.state, r.in_flight, kNow, kDays), r.goes)
        << r.what;
}

class RetentionPurge : public ::testing::Test {
 protected:
  void SetUp() override { db_ = test_db_.open().value(); }
  void exec(const std::string& sql) { ASSERT_TRUE(db_.exec(sql).ok()) << sql; }
  std::int64_t count(const std::string& sql) { return db_.query_int(sql).value(); }

  // A task of the row with one finished attempt (with a recording file) and,
  // when in flight, one open attempt; returns the task id.
  std::int64_t add(const Row& r, std::int64_t import_id) {
    const auto id = next_++;
    const std::string phone = "916" + std::to_string(1000000 + id);
    exec(
        "INSERT INTO tasks(id, phone, full_name, appointment, birth_date, state, import_id,"
        " created_at, updated_at) VALUES (" +
        std::to_string(id) + ", '" + phone + "', 'Пациент', " +
        std::to_string(to_unix(r.appointment)) + ", '1980-01-01', '" +
        std::string(domain::to_string(r.state)) + "', " + std::to_string(import_id) + ", 0, 0)");
    const auto file = test_db_.dir().file("rec-" + std::to_string(id) + ".wav");
    std::ofstream(file) << "RIFF";
    // Newer rows name their file relative to the recordings folder, older ones absolutely.
    const auto stored = id % 2 == 0 ? file.filename().string() : file.string();
    exec(
        "INSERT INTO attempts(task_id, number, started_at, ended_at, outcome, recording)"
        " VALUES (" +
        std::to_string(id) + ", 1, 0, 1, 'busy', '" + stored + "')");
    if (r.in_flight)
      exec("INSERT INTO attempts(task_id, number, started_at) VALUES (" + std::to_string(id) +
           ", 2, 0)");
    exec(
        "INSERT INTO webhook_deliveries(task_id, url, payload, next_try_at, created_at,"
        " delivered_at) VALUES (" +
        std::to_string(id) + ", 'https://his.example/h', '{}', 0, " +
        std::to_string(to_unix(kNow - days(1))) + ", 1)");
    return id;
  }

  TestDatabase test_db_;
  Connection db_;
  std::int64_t next_ = 1;
};

TEST_F(RetentionPurge, removes_exactly_the_rows_the_rule_selects_with_their_recordings) {
  exec(
      "INSERT INTO imports(id, created_at, source, report) VALUES (1, 0, 'xlsx',"
      " '{\"rows\":[{\"phone\":\"9161234567\"}]}')");
  std::vector<std::pair<std::int64_t, const Row*>> added;
  for (const auto& r : kRows) added.emplace_back(add(r, 1), &r);

  auto report = purge_past_retention(db_, kNow, kDays, test_db_.dir().path());
  ASSERT_TRUE(report.ok()) << report.error().message;

  int gone = 0;
  for (const auto& [id, row] : added) {
    const bool left = count("SELECT count(*) FROM tasks WHERE id = " + std::to_string(id)) == 1;
    EXPECT_EQ(left, !row->goes) << row->what;
    EXPECT_EQ(std::filesystem::exists(test_db_.dir().file("rec-" + std::to_string(id) + ".wav")),
              !row->goes)
        << row->what;
    gone += row->goes;
  }
  EXPECT_EQ(report->tasks, gone);
  EXPECT_EQ(report->attempts, gone);
  EXPECT_EQ(report->recordings, gone);
  EXPECT_EQ(count("SELECT count(*) FROM attempts WHERE task_id NOT IN (SELECT id FROM tasks)"), 0);
  EXPECT_EQ(count("SELECT sum(n) FROM task_hour_counts"), count("SELECT count(*) FROM tasks"))
      << "the list's counts follow the deletions";
  EXPECT_EQ(count("SELECT count(*) FROM imports WHERE report <> '{}'"), 0)
      << "the old import report held a phone";
  EXPECT_EQ(count("SELECT count(*) FROM imports"), 1) << "kept tasks still refer to it";
}

TEST_F(RetentionPurge, old_webhook_deliveries_and_unreferenced_imports_go_by_their_own_age) {
  exec("INSERT INTO imports(id, created_at, source) VALUES (1, 0, 'xlsx')");
  const auto id = add(kRows[0], 1);
  exec("INSERT INTO imports(id, created_at, source) VALUES (2, " +
       std::to_string(to_unix(kNow - days(kDays))) + ", 'api')");
  exec("INSERT INTO imports(id, created_at, source) VALUES (3, " +
       std::to_string(to_unix(kNow - days(kDays) + seconds(1))) + ", 'api')");
  exec(
      "INSERT INTO webhook_deliveries(task_id, url, payload, next_try_at, created_at,"
      " delivered_at) VALUES (" +
      std::to_string(id) + ", 'https://his.example/h', '{\"phone\":\"9161234567\"}', 0, " +
      std::to_string(to_unix(kNow - days(kDays))) + ", 1)");
  auto report = purge_past_retention(db_, kNow, kDays, test_db_.dir().path());
  ASSERT_TRUE(report.ok()) << report.error().message;
  EXPECT_EQ(report->webhook_deliveries, 1);
  EXPECT_EQ(count("SELECT count(*) FROM webhook_deliveries"), 1) << "yesterday's stays";
  EXPECT_EQ(count("SELECT count(*) FROM imports WHERE id = 2"), 0);
  EXPECT_EQ(count("SELECT count(*) FROM imports WHERE id = 3"), 1);
}

}  // namespace
}  // namespace robocall::store
