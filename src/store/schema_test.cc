#include "store/schema.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <iterator>
#include <map>

#include "domain/production_calendar.h"
#include "store/test_db.h"

namespace robocall::store {
namespace {

std::string read_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write_bytes(const std::filesystem::path& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

// Every schema object and its SQL, to compare an upgraded file with a fresh one.
std::map<std::string, std::string> schema_of(Connection& db) {
  std::map<std::string, std::string> objects;
  auto stmt = db.prepare("SELECT name, coalesce(sql, '') FROM sqlite_schema");
  EXPECT_TRUE(stmt.ok());
  while (stmt->step().value()) objects[stmt->column_text(0)] = stmt->column_text(1);
  return objects;
}

// Builds a file at an earlier schema version by running the migrations up to it.
void build_version(const std::filesystem::path& path, int version) {
  auto db = Connection::open(path, true);
  ASSERT_TRUE(db.ok()) << db.error().message;
  ASSERT_TRUE(migrate_to(*db, version).ok());
  ASSERT_EQ(schema_version(*db).value(), version);
}

// Writes a file with plain SQLite, as another program would.
void write_with_sqlite(const std::filesystem::path& path, const char* sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, sql, nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
}

TEST(OpenDatabase, creates_a_missing_file_at_the_latest_version_with_our_application_id) {
  TempDir dir;
  auto db = open_database(dir.file("new.db"));
  ASSERT_TRUE(db.ok()) << db.error().message;
  EXPECT_EQ(schema_version(*db).value(), latest_schema_version());
  EXPECT_EQ(db->query_int("PRAGMA application_id").value(), kApplicationId);
  EXPECT_EQ(db->query_int("SELECT count(*) FROM tasks").value(), 0);
}

TEST(OpenDatabase, treats_an_empty_file_as_a_new_database) {
  TempDir dir;
  write_bytes(dir.file("empty.db"), "");
  auto db = open_database(dir.file("empty.db"));
  ASSERT_TRUE(db.ok()) << db.error().message;
  EXPECT_EQ(schema_version(*db).value(), latest_schema_version());
}

TEST(OpenDatabase, upgrades_every_earlier_version_to_the_schema_of_a_fresh_file) {
  TempDir dir;
  auto fresh = open_database(dir.file("fresh.db"));
  ASSERT_TRUE(fresh.ok());
  const auto expected = schema_of(*fresh);
  for (int version = 0; version < latest_schema_version(); ++version) {
    SCOPED_TRACE("from version " + std::to_string(version));
    const auto path = dir.file("v" + std::to_string(version) + ".db");
    build_version(path, version);
    auto db = open_database(path);
    ASSERT_TRUE(db.ok()) << db.error().message;
    EXPECT_EQ(schema_version(*db).value(), latest_schema_version());
    EXPECT_EQ(schema_of(*db), expected);
  }
}

TEST(OpenDatabase, keeps_the_rows_of_an_earlier_version_when_upgrading) {
  TempDir dir;
  const auto path = dir.file("v1.db");
  build_version(path, 1);
  {
    auto db = Connection::open(path, false);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE(db->exec("INSERT INTO tasks(phone, full_name, appointment, birth_date, created_at,"
                         " updated_at) VALUES ('9161234567', 'Иванов', 100, '1970-01-01', 1, 1)")
                    .ok());
  }
  auto db = open_database(path);
  ASSERT_TRUE(db.ok()) << db.error().message;
  EXPECT_EQ(db->query_int("SELECT count(*) FROM tasks WHERE full_name = 'Иванов'").value(), 1);
}

// The last version at which an empty date_exceptions table meant the
// built-in production calendar.
constexpr int kBeforeStoredCalendar = 9;

std::int64_t exception_rows(Connection& db) {
  return db.query_int("SELECT count(*) FROM date_exceptions").value();
}

TEST(OpenDatabase, a_new_database_holds_the_decreed_production_calendar_as_date_exceptions) {
  TempDir dir;
  auto db = open_database(dir.file("new.db"));
  ASSERT_TRUE(db.ok()) << db.error().message;
  const auto decreed = static_cast<std::int64_t>(domain::default_production_exceptions().size());
  ASSERT_GT(decreed, 0);
  EXPECT_EQ(exception_rows(*db), decreed);
  EXPECT_EQ(db->query_int("SELECT count(*) FROM date_exceptions WHERE provisional = 1"
                          " OR date >= '2027-01-01'")
                .value(),
            0)
      << "the provisional 2027 is applied only on request";
  EXPECT_EQ(db->query_int("SELECT count(*) FROM date_exceptions WHERE date = '2026-01-01'"
                          " AND mode = 'day_off'")
                .value(),
            1);
}

TEST(OpenDatabase, upgrading_an_empty_exceptions_table_writes_the_calendar_it_stood_for) {
  // Before v10 an empty table meant the built-in calendar; after, it means none.
  TempDir dir;
  const auto path = dir.file("old.db");
  build_version(path, kBeforeStoredCalendar);
  auto db = open_database(path);
  ASSERT_TRUE(db.ok()) << db.error().message;
  EXPECT_EQ(exception_rows(*db),
            static_cast<std::int64_t>(domain::default_production_exceptions().size()));
}

TEST(OpenDatabase, upgrading_keeps_an_administrators_exceptions_as_they_are) {
  TempDir dir;
  const auto path = dir.file("old.db");
  build_version(path, kBeforeStoredCalendar);
  {
    auto db = Connection::open(path, false);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE(
        db->exec("INSERT INTO date_exceptions(date, mode) VALUES ('2026-06-01', 'working')").ok());
  }
  auto db = open_database(path);
  ASSERT_TRUE(db.ok()) << db.error().message;
  EXPECT_EQ(exception_rows(*db), 1);
}

TEST(OpenDatabase, exceptions_removed_after_the_upgrade_stay_removed) {
  TempDir dir;
  const auto path = dir.file("none.db");
  {
    auto db = open_database(path);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE(db->exec("DELETE FROM date_exceptions").ok());
  }
  auto db = open_database(path);
  ASSERT_TRUE(db.ok()) << db.error().message;
  EXPECT_EQ(exception_rows(*db), 0);
}

TEST(OpenDatabase, opening_twice_changes_nothing) {
  TempDir dir;
  const auto path = dir.file("twice.db");
  ASSERT_TRUE(open_database(path).ok());
  auto db = open_database(path, /*verify=*/true);
  ASSERT_TRUE(db.ok()) << db.error().message;
  EXPECT_EQ(schema_version(*db).value(), latest_schema_version());
}

// Does the plan of `sql` build a temporary B-tree (an IN list, a sort)?
bool opens_ephemeral(Connection& db, const std::string& sql) {
  auto plan = db.prepare("EXPLAIN " + sql);
  EXPECT_TRUE(plan.ok());
  while (plan->step().value()) {
    if (plan->column_text(1) == "OpenEphemeral") return true;
  }
  return false;
}

TEST(OpenDatabase, checks_state_and_outcome_without_an_in_list_and_still_refuses_bad_values) {
  TempDir dir;
  auto db = open_database(dir.file("checks.db"));
  ASSERT_TRUE(db.ok()) << db.error().message;
  const std::string insert_task =
      "INSERT INTO tasks(phone, full_name, appointment, birth_date, created_at, updated_at, state)"
      " VALUES ('9161234567', 'Иванов', 100, '1970-01-01', 1, 1, ";
  EXPECT_FALSE(opens_ephemeral(*db, insert_task + "'pending')"));
  EXPECT_FALSE(opens_ephemeral(*db, "UPDATE tasks SET state = 'calling' WHERE id = 1"));
  EXPECT_FALSE(opens_ephemeral(*db, "UPDATE attempts SET outcome = 'busy' WHERE id = 1"));

  EXPECT_FALSE(db->exec(insert_task + "'lost')").ok());
  for (const char* state : {"pending", "calling", "confirmed", "cancelled", "exhausted", "expired",
                            "not_verified", "withdrawn"})
    EXPECT_TRUE(db->exec(insert_task + "'" + state + "')").ok()) << state;
  ASSERT_TRUE(db->exec("INSERT INTO attempts(task_id, number, started_at) VALUES (1, 1, 5)").ok());
  EXPECT_FALSE(db->exec("UPDATE attempts SET outcome = 'maybe'").ok());
  for (const char* outcome : {"confirmed", "cancelled", "no_answer", "busy", "unavailable",
                              "no_input", "failed", "config_error", "interrupted", "not_verified"})
    EXPECT_TRUE(db->exec(std::string("UPDATE attempts SET outcome = '") + outcome + "'").ok())
        << outcome;
  EXPECT_TRUE(db->exec("UPDATE attempts SET outcome = NULL").ok());
}

TEST(OpenDatabase, upgrading_to_v12_keeps_the_tasks_and_ranks_a_withdrawn_one_with_the_cancelled) {
  TempDir dir;
  const auto path = dir.file("v11.db");
  build_version(path, 11);
  write_with_sqlite(path,
                    "INSERT INTO tasks(phone, full_name, appointment, birth_date, created_at,"
                    " updated_at, state) VALUES ('9161234567', 'Иванов', 100, '1970-01-01', 1, 1,"
                    " 'cancelled'), ('9161234568', 'Петров', 100, '1970-01-01', 1, 1, 'pending')");
  auto db = open_database(path);
  ASSERT_TRUE(db.ok()) << db.error().message;
  ASSERT_TRUE(db->exec("UPDATE tasks SET state = 'withdrawn', withdrawn_by = 'anna',"
                       " withdrawn_at = 5, call_now_at = NULL WHERE full_name = 'Петров'")
                  .ok());
  EXPECT_EQ(db->query_int("SELECT count(*) FROM tasks WHERE status_rank = 1").value(), 2);
  EXPECT_EQ(db->query_int("SELECT count(*) FROM tasks INDEXED BY tasks_status"
                          " WHERE status_rank = 1 AND appointment = 100")
                .value(),
            2);
  EXPECT_EQ(db->query_int("SELECT withdrawn_at FROM tasks WHERE withdrawn_by = 'anna'").value(), 5);
}

TEST(OpenDatabase, upgrading_to_v13_keeps_an_account_and_leaves_its_registration_off) {
  TempDir dir;
  const auto path = dir.file("v12.db");
  build_version(path, 12);
  write_with_sqlite(path,
                    "INSERT INTO sip_accounts(name, username, password, server, prefix, caller_id,"
                    " from_user, from_host, transport, is_default, updated_at)"
                    " VALUES ('Основной', 'clinic', 'x', 'sip.example.ru', '', '', '', '', 'udp',"
                    " 1, 1)");
  auto db = open_database(path);
  ASSERT_TRUE(db.ok()) << db.error().message;
  EXPECT_EQ(db->query_int("SELECT count(*) FROM sip_accounts WHERE name = 'Основной'"
                          " AND register_enabled = 0 AND register_expiry_s = 600"
                          " AND outbound_proxy = '' AND public_address = ''")
                .value(),
            1);
}

TEST(OpenDatabase, keeps_phrases_1_to_8_and_refuses_other_numbers) {
  TempDir dir;
  auto db = open_database(dir.file("phrases.db"));
  ASSERT_TRUE(db.ok()) << db.error().message;
  const auto insert = [&](int n) {
    return db->exec("INSERT INTO phrases(number, text, updated_at) VALUES (" + std::to_string(n) +
                    ", 'Текст', 1)");
  };
  for (int n = 1; n <= 8; ++n) EXPECT_TRUE(insert(n).ok()) << n;
  EXPECT_FALSE(insert(0).ok());
  EXPECT_FALSE(insert(9).ok());
}

TEST(OpenDatabase, refuses_to_upgrade_a_tasks_table_that_is_not_ours_and_leaves_it_at_v3) {
  TempDir dir;
  const auto path = dir.file("v3.db");
  build_version(path, 3);
  write_with_sqlite(
      path,
      "PRAGMA writable_schema = ON;"
      " UPDATE sqlite_schema SET sql = replace(sql, '''expired''))', '''expired'' ))')"
      " WHERE name = 'tasks';"
      " PRAGMA writable_schema = OFF;");
  auto db = open_database(path);
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.error().code, Errc::kCorrupt);
  auto raw = Connection::open(path, false);
  ASSERT_TRUE(raw.ok());
  EXPECT_EQ(schema_version(*raw).value(), 3);
}

struct BadFile {
  const char* name;
  void (*make)(const std::filesystem::path&);
  Errc code;
  const char* message_part;
};

void make_text(const std::filesystem::path& p) {
  write_bytes(p, "phone;name\n9161234567;Иванов\n");
}
void make_short(const std::filesystem::path& p) {
  write_bytes(p, "SQLite");
}
void make_foreign_app(const std::filesystem::path& p) {
  write_with_sqlite(p, "PRAGMA application_id = 42; CREATE TABLE notes(x);");
}
void make_foreign_no_app(const std::filesystem::path& p) {
  write_with_sqlite(p, "CREATE TABLE tasks(x); PRAGMA user_version = 1;");
}
void make_unknown_table(const std::filesystem::path& p) {
  write_with_sqlite(p,
                    "PRAGMA application_id = 1382171500; PRAGMA user_version = 0;"
                    " CREATE TABLE extra(x);");
}
void make_newer(const std::filesystem::path& p) {
  write_with_sqlite(p, "PRAGMA application_id = 1382171500; PRAGMA user_version = 999;");
}
void make_corrupt(const std::filesystem::path& p) {
  {
    auto db = open_database(p);
    ASSERT_TRUE(db.ok());
  }
  std::string bytes = read_bytes(p);
  ASSERT_GT(bytes.size(), 4096u);
  for (std::size_t i = 100; i < 4096; ++i) bytes[i] = '\xAB';
  write_bytes(p, bytes);
}

class BadFiles : public ::testing::TestWithParam<BadFile> {};

TEST_P(BadFiles, get_a_clear_russian_error_and_are_left_untouched) {
  const auto& bad = GetParam();
  TempDir dir;
  const auto path = dir.file("bad.db");
  bad.make(path);
  const auto before = read_bytes(path);
  auto db = open_database(path);
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.error().code, bad.code) << db.error().message;
  EXPECT_NE(db.error().message.find(bad.message_part), std::string::npos) << db.error().message;
  EXPECT_EQ(read_bytes(path), before);
  // Reading a WAL-mode file makes SQLite open its -wal/-shm companions;
  // a file in rollback mode must not gain one.
  const bool wal_mode = before.size() > 18 && before[18] == 2;
  if (!wal_mode) {
    EXPECT_FALSE(std::filesystem::exists(dir.file("bad.db-wal")));
  }
}

INSTANTIATE_TEST_SUITE_P(
    OpenDatabase, BadFiles,
    ::testing::Values(
        BadFile{"text_file", make_text, Errc::kCorrupt, "не является базой данных SQLite"},
        BadFile{"truncated_header", make_short, Errc::kCorrupt, "не является базой данных SQLite"},
        BadFile{"other_application_id", make_foreign_app, Errc::kCorrupt, "другой программы"},
        BadFile{"tables_without_application_id", make_foreign_no_app, Errc::kCorrupt,
                "другой программы"},
        BadFile{"unknown_table", make_unknown_table, Errc::kCorrupt, "неизвестную таблицу"},
        BadFile{"newer_schema", make_newer, Errc::kConflict, "более новой версией"},
        BadFile{"corrupt_first_page", make_corrupt, Errc::kCorrupt, "повреждена"}),
    [](const auto& info) { return std::string(info.param.name); });

// A writer in the rollback journal killed in the middle of its transaction,
// after its changes spilled into the file: leaves a hot journal behind.
void die_in_a_transaction(const std::filesystem::path& path, const char* sql) {
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    sqlite3* db = nullptr;
    if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) _exit(2);
    const std::string all =
        std::string("PRAGMA journal_mode=DELETE; PRAGMA cache_size=8; BEGIN IMMEDIATE; ") + sql;
    if (sqlite3_exec(db, all.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) _exit(3);
    _exit(0);  // no commit, no close
  }
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  ASSERT_TRUE(std::filesystem::exists(path.string() + "-journal"));
}

// 4,000 rows of 2 KB: far more than a cache of 8 pages holds.
constexpr const char* kManySettings =
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 4000)"
    " INSERT INTO settings(key, value, updated_at)"
    " SELECT 'k' || i, json_quote(hex(randomblob(1000))), 0 FROM n";

TEST(OpenDatabase, rolls_back_the_hot_journal_of_a_writer_killed_in_our_file) {
  TempDir dir;
  const auto path = dir.file("robocall.db");
  std::map<std::string, std::string> before;
  {
    auto db = open_database(path);
    ASSERT_TRUE(db.ok()) << db.error().message;
    before = schema_of(*db);
  }
  die_in_a_transaction(path, kManySettings);
  auto db = open_database(path, /*verify=*/true);
  ASSERT_TRUE(db.ok()) << db.error().message;
  EXPECT_EQ(db->query_int("SELECT count(*) FROM settings").value(), 0);
  EXPECT_EQ(schema_of(*db), before);
  EXPECT_FALSE(std::filesystem::exists(path.string() + "-journal"));
}

TEST(OpenDatabase, refuses_another_programs_file_with_a_hot_journal_and_leaves_both_untouched) {
  TempDir dir;
  const auto path = dir.file("other.db");
  write_with_sqlite(path.c_str(), "CREATE TABLE settings(key, value, updated_at)");
  die_in_a_transaction(path, kManySettings);
  const auto file = read_bytes(path);
  const auto journal = read_bytes(path.string() + "-journal");
  auto db = open_database(path);
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.error().code, Errc::kCorrupt);
  EXPECT_NE(db.error().message.find("другой программы"), std::string::npos) << db.error().message;
  EXPECT_EQ(read_bytes(path), file);
  EXPECT_EQ(read_bytes(path.string() + "-journal"), journal);
}

TEST(OpenDatabase, refuses_a_directory) {
  TempDir dir;
  auto db = open_database(dir.path());
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.error().code, Errc::kIoError);
}

TEST(MigrateTo, rejects_an_unknown_version) {
  TempDir dir;
  auto db = Connection::open(dir.file("x.db"), true);
  ASSERT_TRUE(db.ok());
  EXPECT_EQ(migrate_to(*db, latest_schema_version() + 1).error().code, Errc::kInvalidArgument);
  EXPECT_EQ(schema_version(*db).value(), 0);
}

}  // namespace
}  // namespace robocall::store
