// The PostgreSQL schema (schema_pg.h) on the server ROBOCALL_TEST_POSTGRES
// names (skipped without one), and the SQL functions it defines for the
// repositories, compared with SQLite's on both backends.
#include "store/schema_pg.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "domain/production_calendar.h"
#include "store/pg_sql.h"
#include "store/schema.h"
#include "store/test_db.h"
#include "store/text_fold.h"

namespace robocall::store {
namespace {

// An empty database of its own on the test server, dropped at the end.
class EmptyPostgresDatabase : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* server = std::getenv(kTestPostgresVariable);
    if (server == nullptr || *server == '\0')
      GTEST_SKIP() << "no PostgreSQL server (" << kTestPostgresVariable << ")";
    server_ = server;
    static int counter = 0;
    name_ = "schema_pg_" + std::to_string(getpid()) + "_" + std::to_string(++counter);
    auto admin = Connection::open(server_, false);
    ASSERT_TRUE(admin.ok()) << admin.error().message;
    ASSERT_TRUE(admin->exec("CREATE DATABASE " + name_).ok());
  }
  void TearDown() override {
    if (name_.empty()) return;
    auto admin = Connection::open(server_, false);
    ASSERT_TRUE(admin.ok());
    EXPECT_TRUE(admin->exec("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)").ok());
  }
  std::string location() const { return with_database(server_, name_); }

  // Every column, index, constraint and trigger of our tables, as the
  // catalog describes them, and the stored rows that a schema writes.
  static std::vector<std::string> schema_of(Connection& db) {
    std::vector<std::string> out;
    for (const char* sql :
         {"SELECT table_name || '.' || column_name || ' ' || data_type || ' ' ||"
          " coalesce(column_default, '') || ' ' || is_nullable FROM information_schema.columns"
          " WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position",
          "SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() ORDER BY 1",
          "SELECT conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint"
          " WHERE connamespace = CAST(current_schema() AS regnamespace) ORDER BY 1",
          "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1",
          "SELECT version || '' FROM robocall_schema",
          "SELECT count(*) || ' date exceptions' FROM date_exceptions"}) {
      auto stmt = db.prepare(sql);
      EXPECT_TRUE(stmt.ok()) << stmt.error().message;
      if (!stmt) continue;
      for (;;) {
        auto row = stmt->step();
        EXPECT_TRUE(row.ok()) << row.error().message;
        if (!row || !*row) break;
        out.push_back(stmt->column_text(0));
      }
    }
    return out;
  }

  std::string server_;
  std::string name_;
};

TEST_F(EmptyPostgresDatabase, gets_the_latest_schema_with_the_built_in_calendar_as_a_new_file) {
  auto db = open_database(location());
  ASSERT_TRUE(db.ok()) << db.error().message;
  EXPECT_EQ(db->backend(), Backend::kPostgres);
  EXPECT_EQ(schema_version(*db).value(), latest_schema_version());
  EXPECT_EQ(db->query_int("SELECT count(*) FROM tasks").value(), 0);
  EXPECT_EQ(db->query_int("SELECT count(*) FROM date_exceptions").value(),
            static_cast<std::int64_t>(domain::default_production_exceptions().size()));
}

// Rows of a query's first two columns as "a b".
std::vector<std::string> pairs(Connection& db, std::string_view sql) {
  std::vector<std::string> out;
  auto stmt = db.prepare(sql);
  EXPECT_TRUE(stmt.ok()) << stmt.error().message;
  if (!stmt) return out;
  while (stmt->step().value()) out.push_back(stmt->column_text(0) + " " + stmt->column_text(1));
  return out;
}

TEST_F(EmptyPostgresDatabase, has_the_tables_columns_and_indexes_of_a_fresh_sqlite_file) {
  TempDir dir;
  auto sqlite = open_database(dir.file("fresh.db"));
  ASSERT_TRUE(sqlite.ok()) << sqlite.error().message;
  auto pg = open_database(location());
  ASSERT_TRUE(pg.ok()) << pg.error().message;
  EXPECT_EQ(pairs(*pg,
                  "SELECT table_name, column_name FROM information_schema.columns"
                  " WHERE table_schema = current_schema() AND table_name <> 'robocall_schema'"
                  " ORDER BY table_name, ordinal_position"),
            pairs(*sqlite,
                  "SELECT m.name, c.name FROM sqlite_schema AS m, pragma_table_xinfo(m.name) AS c"
                  " WHERE m.type = 'table' ORDER BY m.name, c.cid"));
  // Indexes made by CREATE INDEX (those of the keys and UNIQUE constraints
  // are named by each database its own way).
  EXPECT_EQ(pairs(*pg,
                  "SELECT tablename, indexname FROM pg_indexes"
                  " WHERE schemaname = current_schema() AND indexname NOT IN"
                  " (SELECT conname FROM pg_constraint) ORDER BY 1, 2"),
            pairs(*sqlite,
                  "SELECT tbl_name, name FROM sqlite_schema WHERE type = 'index'"
                  " AND sql IS NOT NULL ORDER BY 1, 2"));
}

TEST_F(EmptyPostgresDatabase, opened_again_is_left_as_it_was) {
  auto first = open_database(location());
  ASSERT_TRUE(first.ok()) << first.error().message;
  const auto before = schema_of(*first);
  ASSERT_GT(before.size(), 100u);
  auto again = open_database(location());
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(schema_of(*again), before);
}

TEST_F(EmptyPostgresDatabase, of_a_newer_version_is_refused_as_a_newer_file_is) {
  {
    auto db = open_database(location());
    ASSERT_TRUE(db.ok()) << db.error().message;
    ASSERT_TRUE(db->exec("UPDATE robocall_schema SET version = " +
                         std::to_string(latest_schema_version() + 1))
                    .ok());
  }
  auto refused = open_database(location());
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, Errc::kConflict);
  EXPECT_NE(refused.error().message.find("создана более новой версией robocall"), std::string::npos)
      << refused.error().message;
  auto db = Connection::open(location(), false);
  ASSERT_TRUE(db.ok());
  EXPECT_EQ(schema_version(*db).value(), latest_schema_version() + 1);
}

TEST_F(EmptyPostgresDatabase, with_only_a_version_table_at_0_gets_the_schema) {
  {
    auto db = Connection::open(location(), false);
    ASSERT_TRUE(db.ok()) << db.error().message;
    ASSERT_TRUE(db->exec("CREATE TABLE robocall_schema(version INTEGER NOT NULL);"
                         " INSERT INTO robocall_schema(version) VALUES (0)")
                    .ok());
  }
  auto db = open_database(location());
  ASSERT_TRUE(db.ok()) << db.error().message;
  EXPECT_EQ(schema_version(*db).value(), latest_schema_version());
}

TEST_F(EmptyPostgresDatabase, of_another_program_is_refused_and_left_untouched) {
  {
    auto db = Connection::open(location(), false);
    ASSERT_TRUE(db.ok()) << db.error().message;
    ASSERT_TRUE(db->exec("CREATE TABLE patients(id BIGINT)").ok());
  }
  auto refused = open_database(location());
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, Errc::kCorrupt);
  EXPECT_NE(refused.error().message.find("другой программы"), std::string::npos)
      << refused.error().message;
  auto db = Connection::open(location(), false);
  ASSERT_TRUE(db.ok());
  EXPECT_EQ(db->query_int("SELECT count(*) FROM information_schema.tables"
                          " WHERE table_schema = current_schema()")
                .value(),
            1);
}

// The functions the PostgreSQL schema defines answer as SQLite's do.
TEST(SchemaFunctions, fold_instr_and_json_valid_answer_the_same_on_both_backends) {
  TestDatabase test_db;
  auto db = test_db.open();
  ASSERT_TRUE(db.ok()) << db.error().message;
  for (const std::string text : {"Ёлкина Анна", "ИВАНОВ-Петров", "Zoë Ådne", "ёж Ё", "", "Щука"}) {
    auto fold = db->prepare("SELECT robocall_fold(?)");
    ASSERT_TRUE(fold.ok()) << fold.error().message;
    fold->bind(1, text);
    ASSERT_TRUE(fold->step().value());
    EXPECT_EQ(fold->column_text(0), fold_for_search(text)) << text;
  }
  struct Case {
    std::string text, needle;
    std::int64_t at;
  };
  for (const auto& c : std::vector<Case>{{"анна", "нн", 2}, {"abc", "x", 0}, {"abc", "", 1}}) {
    auto instr = db->prepare("SELECT instr(?, ?)");
    ASSERT_TRUE(instr.ok()) << instr.error().message;
    instr->bind(1, c.text).bind(2, c.needle);
    ASSERT_TRUE(instr->step().value());
    EXPECT_EQ(instr->column_int(0), c.at) << c.text << " " << c.needle;
  }
  for (const auto& [json, valid] : std::vector<std::pair<std::string, int>>{
           {"{}", 1}, {"[1, \"а\"]", 1}, {"{\"a\":", 0}, {"", 0}, {"nul", 0}, {"12", 1}}) {
    auto check = db->prepare("SELECT json_valid(?)");
    ASSERT_TRUE(check.ok()) << check.error().message;
    check->bind(1, json);
    ASSERT_TRUE(check->step().value());
    EXPECT_EQ(check->column_int(0), valid) << json;
  }
}

}  // namespace
}  // namespace robocall::store
