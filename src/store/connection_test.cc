#include "store/connection.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "store/test_db.h"

namespace robocall::store {
namespace {

Connection open_scratch(const TempDir& dir) {
  auto db = Connection::open(dir.file("scratch.db"), true);
  EXPECT_TRUE(db.ok()) << db.error().message;
  EXPECT_TRUE(db->exec("CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT UNIQUE, x REAL)").ok());
  return std::move(db).value();
}

std::int64_t count(Connection& db) {
  return db.query_int("SELECT count(*) FROM t").value();
}

TEST(Connection, applies_wal_foreign_keys_synchronous_normal_and_a_busy_timeout) {
  TempDir dir;
  auto db = open_scratch(dir);
  auto mode = db.prepare("PRAGMA journal_mode");
  ASSERT_TRUE(mode.ok());
  ASSERT_TRUE(mode->step().value());
  EXPECT_EQ(mode->column_text(0), "wal");
  EXPECT_EQ(db.query_int("PRAGMA foreign_keys").value(), 1);
  EXPECT_EQ(db.query_int("PRAGMA synchronous").value(), 1);
  EXPECT_GT(db.query_int("PRAGMA busy_timeout").value(), 0);
}

TEST(Connection, creates_16_kib_pages_and_keeps_the_page_size_of_an_existing_file) {
  TempDir dir;
  {
    auto fresh = open_scratch(dir);
    EXPECT_EQ(fresh.query_int("PRAGMA page_size").value(), 16384);
  }
  sqlite3* raw = nullptr;
  const auto old_path = dir.file("old.db");
  ASSERT_EQ(sqlite3_open(old_path.c_str(), &raw), SQLITE_OK);
  ASSERT_EQ(
      sqlite3_exec(raw, "PRAGMA page_size=4096; CREATE TABLE t(x)", nullptr, nullptr, nullptr),
      SQLITE_OK);
  sqlite3_close(raw);
  auto old = Connection::open(old_path, false);
  ASSERT_TRUE(old.ok()) << old.error().message;
  EXPECT_EQ(old->query_int("PRAGMA page_size").value(), 4096);
  EXPECT_TRUE(old->exec("INSERT INTO t VALUES (1)").ok());
}

TEST(Connection, refuses_to_create_a_missing_file_unless_asked) {
  TempDir dir;
  auto db = Connection::open(dir.file("missing.db"), false);
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.error().code, Errc::kIoError);
  EXPECT_FALSE(std::filesystem::exists(dir.file("missing.db")));
}

TEST(Statement, round_trips_every_bound_type_and_null) {
  TempDir dir;
  auto db = open_scratch(dir);
  auto insert = db.prepare("INSERT INTO t(id, name, x) VALUES (?, ?, ?)");
  ASSERT_TRUE(insert.ok());
  ASSERT_TRUE(insert->bind(1, std::int64_t{1} << 40).bind(2, "Иванов").bind(3, 2.5).run().ok());
  insert->reset();
  ASSERT_TRUE(insert->bind(1, 7).bind(2, std::optional<std::string>{}).bind_null(3).run().ok());

  auto select = db.prepare("SELECT id, name, x FROM t ORDER BY id");
  ASSERT_TRUE(select.ok());
  ASSERT_TRUE(select->step().value());
  EXPECT_EQ(select->column_int(0), 7);
  EXPECT_EQ(select->column_optional_text(1), std::nullopt);
  EXPECT_TRUE(select->is_null(2));
  ASSERT_TRUE(select->step().value());
  EXPECT_EQ(select->column_int(0), std::int64_t{1} << 40);
  EXPECT_EQ(select->column_text(1), "Иванов");
  EXPECT_EQ(select->column_view(1), "Иванов");
  EXPECT_DOUBLE_EQ(select->column_double(2), 2.5);
  EXPECT_FALSE(select->step().value());
}

TEST(Statement, reports_a_bad_parameter_index_when_it_runs) {
  TempDir dir;
  auto db = open_scratch(dir);
  auto insert = db.prepare("INSERT INTO t(name) VALUES (?)");
  ASSERT_TRUE(insert.ok());
  EXPECT_FALSE(insert->bind(5, "x").run().ok());
  EXPECT_EQ(count(db), 0);
}

TEST(Statement, maps_a_uniqueness_violation_to_a_conflict) {
  TempDir dir;
  auto db = open_scratch(dir);
  ASSERT_TRUE(db.exec("INSERT INTO t(name) VALUES ('a')").ok());
  auto again = db.prepare("INSERT INTO t(name) VALUES ('a')");
  ASSERT_TRUE(again.ok());
  auto st = again->run();
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().code, Errc::kConflict);
}

TEST(Connection, reports_bad_sql_as_an_error) {
  TempDir dir;
  auto db = open_scratch(dir);
  EXPECT_FALSE(db.prepare("SELEKT 1").ok());
  EXPECT_FALSE(db.exec("DROP TABLE nowhere").ok());
}

TEST(Transaction, rolls_back_when_dropped_without_commit) {
  TempDir dir;
  auto db = open_scratch(dir);
  {
    auto tx = Transaction::begin(db);
    ASSERT_TRUE(tx.ok());
    ASSERT_TRUE(db.exec("INSERT INTO t(name) VALUES ('a')").ok());
  }
  EXPECT_EQ(count(db), 0);
}

TEST(Transaction, keeps_the_changes_once_committed) {
  TempDir dir;
  auto db = open_scratch(dir);
  auto tx = Transaction::begin(db);
  ASSERT_TRUE(tx.ok());
  ASSERT_TRUE(db.exec("INSERT INTO t(name) VALUES ('a')").ok());
  ASSERT_TRUE(tx->commit().ok());
  EXPECT_FALSE(tx->commit().ok());
  auto other = Connection::open(dir.file("scratch.db"), false);
  ASSERT_TRUE(other.ok());
  EXPECT_EQ(count(*other), 1);
}

TEST(Transaction, moved_from_transaction_does_not_roll_back_twice) {
  TempDir dir;
  auto db = open_scratch(dir);
  auto tx = Transaction::begin(db);
  ASSERT_TRUE(tx.ok());
  Transaction moved = std::move(tx).value();
  ASSERT_TRUE(db.exec("INSERT INTO t(name) VALUES ('a')").ok());
  ASSERT_TRUE(moved.commit().ok());
  EXPECT_EQ(count(db), 1);
}

TEST(Transaction, nested_inside_another_rolls_back_alone_and_commits_with_the_outer_one) {
  TempDir dir;
  auto db = open_scratch(dir);
  auto outer = Transaction::begin(db);
  ASSERT_TRUE(outer.ok());
  ASSERT_TRUE(db.exec("INSERT INTO t(name) VALUES ('outer')").ok());
  {
    auto dropped = Transaction::begin(db);
    ASSERT_TRUE(dropped.ok());
    ASSERT_TRUE(db.exec("INSERT INTO t(name) VALUES ('dropped')").ok());
  }
  {
    auto kept = Transaction::begin(db);
    ASSERT_TRUE(kept.ok());
    ASSERT_TRUE(db.exec("INSERT INTO t(name) VALUES ('kept')").ok());
    ASSERT_TRUE(kept->commit().ok());
  }
  EXPECT_EQ(count(db), 2);
  ASSERT_TRUE(outer->commit().ok());
  auto other = Connection::open(dir.file("scratch.db"), false);
  ASSERT_TRUE(other.ok());
  EXPECT_EQ(count(*other), 2);
}

TEST(Transaction, nested_work_vanishes_when_the_outer_one_rolls_back) {
  TempDir dir;
  auto db = open_scratch(dir);
  {
    auto outer = Transaction::begin(db);
    ASSERT_TRUE(outer.ok());
    auto inner = Transaction::begin(db);
    ASSERT_TRUE(inner.ok());
    ASSERT_TRUE(db.exec("INSERT INTO t(name) VALUES ('inner')").ok());
    ASSERT_TRUE(inner->commit().ok());
  }
  EXPECT_EQ(count(db), 0);
}

}  // namespace
}  // namespace robocall::store
