#include "store/database_copy.h"

#include <gtest/gtest.h>

#include "store/file_digest.h"
#include "store/schema.h"
#include "store/test_db.h"

namespace robocall::store {
namespace {

// A SQLite installation with a row in every table people fill: an import
// and its campaign, tasks (one with a quote in its name), attempts with
// recordings, a SIP account, users, a session, a token, settings, a phrase,
// the audit log, a webhook delivery. The target: what TestDatabase gives
// (a SQLite file, or a PostgreSQL database in the pg. copy of the suite).
class DatabaseCopy : public ::testing::Test {
 protected:
  void SetUp() override {
    {
      auto db = open_database(source_path_);
      ASSERT_TRUE(db.ok()) << db.error().message;
      ASSERT_TRUE(db->exec(R"sql(
INSERT INTO imports(id, created_at, source, file_name, user, rows_read, created)
  VALUES (5, 1000, 'xlsx', 'Запись.xlsx', 'anna', 3, 3);
INSERT INTO campaigns(id, name, source, created_at, created_by, paused, updated_at)
  VALUES (5, 'Запись 01.12.2026', 'xlsx', 1000, 'anna', 1, 1000);
INSERT INTO tasks(id, phone, full_name, appointment, birth_date, state, attempts, import_id,
                  campaign_id, created_at, updated_at)
  VALUES (10, '9161234567', 'Иванов Иван', 1765000000, '1980-01-01', 'confirmed', 1, 5, 5, 1000, 1001),
         (11, '9161234568', 'О''Брайен Пётр', 1765003600, '1981-02-02', 'pending', 1, 5, 5, 1000, 1001),
         (12, '9161234569', 'Сидорова Анна', 1765000100, '1982-03-03', 'cancelled', 1, 5, 5, 1000, 1001);
INSERT INTO sip_accounts(id, name, username, password, server, is_default, updated_at)
  VALUES (3, 'Транк', 'clinic', 'v1:secret', 'sip.example.ru', 1, 1000);
INSERT INTO attempts(id, task_id, number, started_at, answered_at, ended_at, outcome, sip_code,
                     digits, duration_ms, recording, account_id, talk_ms)
  VALUES (20, 10, 1, 1100, 1102, 1110, 'confirmed', 200, '1', 10000,
          '/var/lib/robocall/recordings/2026-12-01/20.wav', 3, 8000),
         (21, 11, 1, 1200, NULL, 1230, 'no_answer', 487, '', 30000, NULL, 3, NULL),
         (22, 12, 1, 1300, 1302, 1310, 'cancelled', 200, '2', 10000, '2026-12-01/22.wav', 3, 8000);
INSERT INTO users(id, login, password_hash, created_at, role, must_change_password)
  VALUES (1, 'admin', '$argon2id$x', 900, 'admin', 0), (2, 'reg', '$argon2id$y', 901, 'registrar', 1);
INSERT INTO sessions(id_hash, user_id, csrf_token, created_at, last_seen_at)
  VALUES ('abc', 1, 'csrf', 1000, 1005);
INSERT INTO api_tokens(id, name, hash, created_at) VALUES (4, 'МИС', 'h', 950);
INSERT INTO settings(key, value, updated_at, updated_by)
  VALUES ('robocall', '{"enabled":true,"max_calls":3}', 1000, 'admin');
INSERT INTO phrases(number, text, updated_at) VALUES (1, 'Здравствуйте!', 1000);
INSERT INTO audit_log(id, at, actor, action, details) VALUES (30, 1000, 'admin', 'login', '{}');
INSERT INTO webhook_deliveries(id, task_id, payload, next_try_at, created_at, url)
  VALUES (40, 10, '{"status":"confirmed"}', 0, 1111, 'https://his.example/h');
)sql")
                      .ok());
    }
    auto source = Connection::open_read_only(source_path_);
    ASSERT_TRUE(source.ok()) << source.error().message;
    source_ = std::move(*source);
    auto target = target_db_.open();
    ASSERT_TRUE(target.ok()) << target.error().message;
    target_ = std::move(*target);
  }

  std::int64_t target_int(const std::string& sql) { return target_.query_int(sql).value(); }

  std::string target_text(const std::string& sql) {
    auto stmt = target_.prepare(sql).value();
    EXPECT_TRUE(stmt.step().value()) << sql;
    return stmt.column_text(0);
  }

  TempDir dir_;
  std::filesystem::path source_path_ = dir_.file("robocall.db");
  TestDatabase target_db_;
  Connection source_;
  Connection target_;
};

TEST_F(DatabaseCopy, every_table_arrives_with_its_ids_and_new_ids_go_on_after_them) {
  ASSERT_TRUE(check_source(source_).ok());
  ASSERT_TRUE(check_target_empty(source_, target_).ok());
  auto counts = copy_database(source_, target_, nullptr);
  ASSERT_TRUE(counts.ok()) << counts.error().message;
  for (const auto& c : *counts) EXPECT_EQ(c.source, c.target) << c.table;
  EXPECT_EQ(static_cast<std::int64_t>(counts->size()),
            source_.query_int("SELECT count(*) FROM sqlite_master WHERE type = 'table'").value())
      << "every table";

  EXPECT_EQ(target_text("SELECT full_name FROM tasks WHERE id = 11"), "О'Брайен Пётр");
  EXPECT_EQ(target_int("SELECT campaign_id FROM tasks WHERE id = 12"), 5);
  EXPECT_EQ(target_text("SELECT \"user\" FROM imports WHERE id = 5"), "anna");
  EXPECT_EQ(target_int("SELECT account_id FROM attempts WHERE id = 22"), 3);
  EXPECT_EQ(target_int("SELECT count(*) FROM attempts WHERE answered_at IS NULL"), 1);
  EXPECT_EQ(target_int("SELECT sum(n) FROM task_hour_counts"), 3);
  EXPECT_EQ(target_int("SELECT count(*) FROM date_exceptions"),
            source_.query_int("SELECT count(*) FROM date_exceptions").value())
      << "the seeded calendar gives way to the source's";

  ASSERT_TRUE(target_
                  .exec("INSERT INTO audit_log(at, actor, action) VALUES (2000, 'admin', 'x');"
                        "INSERT INTO users(login, password_hash, created_at)"
                        " VALUES ('new', 'h', 2000)")
                  .ok());
  EXPECT_GT(target_int("SELECT max(id) FROM audit_log"), 30);
  EXPECT_GT(target_int("SELECT max(id) FROM users"), 2);
}

TEST_F(DatabaseCopy, a_recording_value_is_rewritten_on_its_way_when_the_map_says_so) {
  auto counts =
      copy_database(source_, target_,
                    [](std::string_view table, std::string_view column,
                       std::string_view value) -> std::optional<std::string> {
                      if (table == "attempts" && column == "recording" && value.starts_with("/"))
                        return "2026-12-01/20.wav";
                      return std::nullopt;
                    });
  ASSERT_TRUE(counts.ok()) << counts.error().message;
  EXPECT_EQ(target_text("SELECT recording FROM attempts WHERE id = 20"), "2026-12-01/20.wav");
  EXPECT_EQ(target_text("SELECT recording FROM attempts WHERE id = 22"), "2026-12-01/22.wav");
}

TEST_F(DatabaseCopy, a_second_copy_into_the_same_database_is_refused_and_changes_nothing) {
  ASSERT_TRUE(copy_database(source_, target_, nullptr).ok());
  const auto tasks = target_int("SELECT count(*) FROM tasks");
  auto refused = check_target_empty(source_, target_);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, Errc::kConflict);
  EXPECT_NE(refused.error().message.find("уже есть данные"), std::string::npos)
      << refused.error().message;
  EXPECT_EQ(target_int("SELECT count(*) FROM tasks"), tasks);
}

TEST_F(DatabaseCopy, the_source_file_is_never_changed) {
  source_ = Connection();
  const auto before = digest_file(source_path_).value();
  source_ = Connection::open_read_only(source_path_).value();
  ASSERT_TRUE(copy_database(source_, target_, nullptr).ok());
  source_ = Connection();
  EXPECT_EQ(digest_file(source_path_).value(), before);
}

TEST_F(DatabaseCopy, a_source_of_an_older_schema_is_refused_with_the_command_that_upgrades_it) {
  source_ = Connection();
  {
    auto rw = Connection::open(source_path_, false).value();
    ASSERT_TRUE(rw.exec("PRAGMA user_version = 3").ok());
  }
  source_ = Connection::open_read_only(source_path_).value();
  auto refused = check_source(source_);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("robocall migrate --db"), std::string::npos)
      << refused.error().message;
}

}  // namespace
}  // namespace robocall::store
