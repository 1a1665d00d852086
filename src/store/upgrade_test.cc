// The upgrade from the previous schema version (docs/DESIGN.md "Backup and
// restore", "Upgrades"): a database built by running the migrations up to
// the version before this binary's, with sample rows in every table, is
// upgraded in place with every row and column kept, also when the upgrading
// process is killed with SIGKILL at any point of the migration.
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "store/schema.h"
#include "store/test_db.h"

namespace robocall::store {
namespace {

// One row or more in every table of the previous version, every column set
// (not left to its default), Cyrillic text and NULLs included.
constexpr const char* kSampleRows = R"sql(
INSERT INTO imports(id, created_at, source, file_name, user, rows_read, created, report)
  VALUES (1, 1700000000, 'xlsx', 'Запись на 06.12.xlsx', 'admin', 3, 2, '{"errors":[1]}'),
         (2, 1700000100, 'api', '', 'token:his', 1, 1, '{}');
INSERT INTO campaigns(id, name, source, day, created_at, created_by, paused, updated_at)
  VALUES (1, 'Запись на 06.12.xlsx 14.11.2023', 'xlsx', NULL, 1700000000, 'admin', 1, 1700000500),
         (2, 'API 14.11.2023', 'api', '2023-11-14', 1700000100, 'token:his', 0, 1700000100);
INSERT INTO tasks(id, external_id, phone, full_name, appointment, birth_date, extra, state,
                  attempts, next_attempt, import_id, created_at, updated_at, campaign_id)
  VALUES (1, NULL, '9161234567', 'Иванов Иван Иванович', 1700600000, '1980-02-29',
          '[{"name":"Врач","value":"Петров"}]', 'confirmed', 1, NULL, 1, 1700000000, 1700000900, 1),
         (2, 'his-42', '9031112233', 'Ёлкина Анна', 1700700000, '1955-12-31', '[]', 'pending',
          2, 1700003600, 2, 1700000100, 1700000200, 2),
         (3, 'his-43', '9269998877', 'Петров Пётр', 1700800000, '2001-01-01', '[]', 'calling',
          0, NULL, 1, 1700000000, 1700000300, 1);
INSERT INTO sip_accounts(id, name, username, password, server, prefix, caller_id, from_user,
                         from_host, transport, is_default, updated_at, realm)
  VALUES (1, 'Основной', 'clinic', 'sealed:abc', 'sip.example.ru', '8', '74951234567', 'clinic',
          'example.ru', 'tls', 1, 1700000000, 'example.ru');
INSERT INTO attempts(id, task_id, number, started_at, answered_at, ended_at, outcome, sip_code,
                     digits, duration_ms, recording, account_id, talk_ms)
  VALUES (1, 1, 1, 1700000800, 1700000805, 1700000830, 'confirmed', 200, '1', 30000,
          'data/recordings/2023-11-14/1.wav', 1, 25000),
         (2, 2, 1, 1700000150, NULL, 1700000180, 'no_answer', 408, '', 30000, NULL, 1, NULL),
         (3, 3, 1, 1700000290, NULL, NULL, NULL, NULL, '', NULL, NULL, NULL, NULL);
INSERT INTO settings(key, value, updated_at, updated_by)
  VALUES ('robocall', '{"enabled":true,"attempts":3}', 1700000000, 'admin');
INSERT INTO date_exceptions(date, mode, provisional, source)
  VALUES ('2031-05-04', 'day_off', 1, 'admin');
INSERT INTO phrases(number, text, recording, updated_at)
  VALUES (1, 'Здравствуйте, {ФИО}!', 'data/phrases/recorded-1.wav', 1700000000),
         (6, 'До свидания.', NULL, 1700000001);
INSERT INTO users(id, login, password_hash, created_at, disabled, role, must_change_password,
                  last_login_at)
  VALUES (1, 'admin', '$argon2id$x', 1700000000, 0, 'admin', 0, 1700000700),
         (2, 'регистратор', '$argon2id$y', 1700000001, 1, 'registrar', 1, NULL);
INSERT INTO sessions(id_hash, user_id, csrf_token, created_at, last_seen_at)
  VALUES ('h1', 1, 'csrf', 1700000700, 1700000750);
INSERT INTO api_tokens(id, name, hash, created_at, last_used_at, revoked, expires_at)
  VALUES (1, 'his', 'tokenhash', 1700000000, 1700000100, 0, 1800000000);
INSERT INTO audit_log(id, at, actor, action, details)
  VALUES (1, 1700000700, 'admin', 'login', '{"ip":"127.0.0.1"}');
INSERT INTO webhook_deliveries(id, task_id, payload, attempts, next_try_at, last_error,
                               created_at, delivered_at, url)
  VALUES (1, 1, '{"id":1}', 2, 1700001000, 'HTTP 503', 1700000900, NULL, 'https://his/hook');
)sql";

const int kPrevious = latest_schema_version() - 1;

// The generator: the previous version's schema, then the sample rows.
void build_previous_version(const std::filesystem::path& path) {
  auto db = Connection::open(path, true);
  ASSERT_TRUE(db.ok()) << db.error().message;
  ASSERT_TRUE(migrate_to(*db, kPrevious).ok());
  auto st = db->exec(kSampleRows);
  ASSERT_TRUE(st.ok()) << st.error().message;
}

struct TableDump {
  std::vector<std::string> columns;
  std::vector<std::string> rows;  // every column quote()d, sorted
};

std::vector<std::string> column_names(Connection& db, const std::string& table) {
  std::vector<std::string> names;
  auto info = db.prepare("SELECT name FROM pragma_table_xinfo(?)").value();
  info.bind(1, table);
  while (info.step().value()) names.push_back(info.column_text(0));
  return names;
}

std::vector<std::string> rows_of(Connection& db, const std::string& table,
                                 const std::vector<std::string>& columns) {
  std::string sql = "SELECT ''";
  for (const auto& c : columns) sql += " || '|' || quote(\"" + c + "\")";
  sql += " FROM \"" + table + "\" ORDER BY 1";
  std::vector<std::string> rows;
  auto stmt = db.prepare(sql);
  EXPECT_TRUE(stmt.ok()) << table << ": " << stmt.error().message;
  if (!stmt.ok()) return rows;
  while (stmt->step().value()) rows.push_back(stmt->column_text(0));
  return rows;
}

std::map<std::string, TableDump> dump(Connection& db) {
  std::map<std::string, TableDump> tables;
  auto names = db.prepare(
                     "SELECT name FROM sqlite_schema WHERE type = 'table'"
                     " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'")
                   .value();
  while (names.step().value()) {
    auto& t = tables[names.column_text(0)];
    t.columns = column_names(db, names.column_text(0));
    t.rows = rows_of(db, names.column_text(0), t.columns);
  }
  return tables;
}

// Every row and column of `before` is in `after` unchanged.
void expect_nothing_lost(const std::map<std::string, TableDump>& before, Connection& after) {
  for (const auto& [table, old] : before)
    EXPECT_EQ(rows_of(after, table, old.columns), old.rows) << "table " << table;
}

class Upgrade : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_GE(kPrevious, 1);
    build_previous_version(original_);
    auto db = Connection::open(original_, false).value();
    before_ = dump(db);
  }

  TempDir dir_;
  std::filesystem::path original_ = dir_.file("previous.db");
  std::map<std::string, TableDump> before_;
};

TEST_F(Upgrade, the_generator_fills_every_table_of_the_previous_version) {
  for (const auto& [table, t] : before_) EXPECT_FALSE(t.rows.empty()) << "table " << table;
}

TEST_F(Upgrade, the_previous_version_is_upgraded_in_place_with_every_row_and_column_kept) {
  auto db = open_database(original_, /*verify=*/true);
  ASSERT_TRUE(db.ok()) << db.error().message;
  EXPECT_EQ(schema_version(*db).value(), latest_schema_version());
  EXPECT_EQ(integrity_check(*db), "ok");
  expect_nothing_lost(before_, *db);
}

// Runs the upgrade in a child process that kills itself with SIGKILL after
// `steps` SQLite virtual machine steps (checked every step): 0 when the
// upgrade finished first, SIGKILL when it died.
int upgrade_killed_after(const std::filesystem::path& path, int steps) {
  const pid_t child = fork();
  if (child == 0) {
    auto db = Connection::open(path, false);
    if (!db) _exit(2);
    static int left = 0;
    left = steps;
    sqlite3_progress_handler(
        db->handle(), 1,
        [](void*) {
          if (--left <= 0) raise(SIGKILL);
          return 0;
        },
        nullptr);
    _exit(migrate_to(*db, latest_schema_version()).ok() ? 0 : 3);
  }
  int status = 0;
  if (waitpid(child, &status, 0) != child) return -1;
  if (WIFSIGNALED(status)) return WTERMSIG(status);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// Kills the upgrade of a copy of `original` after 1, 2, 3, 4, 6, ... steps
// until one run finishes; after each run `check` gets the version the
// killed process left (-1 when it finished) and the file the next start
// upgraded.
template <class Check>
void kill_at_every_point(const TempDir& dir, const std::filesystem::path& original, Check check) {
  for (int steps = 1;; steps += 1 + steps / 4) {
    const auto path = dir.file("run-" + std::to_string(steps) + ".db");
    std::filesystem::copy_file(original, path);
    const int how = upgrade_killed_after(path, steps);
    ASSERT_TRUE(how == 0 || how == SIGKILL) << "after " << steps << " steps: " << how;
    int left_at = -1;
    if (how == SIGKILL) {
      auto left = Connection::open_read_only(path).value();
      left_at = schema_version(left).value();
    }
    auto db = open_database(path, /*verify=*/true);
    ASSERT_TRUE(db.ok()) << "after " << steps << " steps: " << db.error().message;
    EXPECT_EQ(schema_version(*db).value(), latest_schema_version());
    EXPECT_EQ(integrity_check(*db), "ok");
    check(left_at, *db);
    if (how == 0) return;
  }
}

TEST_F(Upgrade,
       an_upgrade_killed_at_any_step_leaves_a_file_the_next_start_upgrades_with_nothing_lost) {
  int killed_halfway = 0;
  kill_at_every_point(dir_, original_, [&](int left_at, Connection& db) {
    EXPECT_TRUE(left_at == -1 || left_at == kPrevious || left_at == latest_schema_version());
    if (left_at == kPrevious) ++killed_halfway;
    expect_nothing_lost(before_, db);
  });
  EXPECT_GE(killed_halfway, 3);
}

// Each migration commits on its own: a kill between two leaves a file at a
// version in between, which the next start takes to the latest schema.
TEST(UpgradeChain, an_upgrade_from_the_first_version_killed_anywhere_ends_at_the_fresh_schema) {
  TempDir dir;
  const auto first = dir.file("v1.db");
  {
    auto db = Connection::open(first, true).value();
    ASSERT_TRUE(migrate_to(db, 1).ok());
  }
  std::map<std::string, TableDump> fresh;
  {
    auto db = open_database(dir.file("fresh.db")).value();
    fresh = dump(db);
  }
  std::set<int> left_at_versions;
  kill_at_every_point(dir, first, [&](int left_at, Connection& db) {
    left_at_versions.insert(left_at);
    const auto got = dump(db);
    ASSERT_EQ(got.size(), fresh.size());
    for (const auto& [table, t] : fresh) EXPECT_EQ(got.at(table).columns, t.columns) << table;
    EXPECT_EQ(got.at("date_exceptions").rows, fresh.at("date_exceptions").rows);
  });
  EXPECT_TRUE(std::any_of(left_at_versions.begin(), left_at_versions.end(),
                          [](int v) { return v > 1 && v < latest_schema_version(); }));
}

}  // namespace
}  // namespace robocall::store
