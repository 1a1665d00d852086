#include "store/sole_writer.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "store/test_db.h"

namespace robocall::store {
namespace {

Connection open_db(const std::filesystem::path& path) {
  auto db = Connection::open(path, true);
  EXPECT_TRUE(db.ok()) << db.error().message;
  return std::move(db).value();
}

std::string journal_mode(Connection& db) {
  auto mode = db.prepare("PRAGMA journal_mode");
  EXPECT_TRUE(mode.ok());
  EXPECT_TRUE(mode->step().value());
  return mode->column_text(0);
}

TEST(SoleWriter, alone_writes_through_a_rollback_journal_and_returns_to_wal) {
  TempDir dir;
  auto db = open_db(dir.file("t.db"));
  ASSERT_TRUE(db.exec("CREATE TABLE t(x)").ok());
  {
    auto sole = SoleWriter::begin(db);
    ASSERT_TRUE(sole.ok()) << sole.error().message;
    EXPECT_TRUE(sole->direct());
    EXPECT_EQ(journal_mode(db), "delete");
    EXPECT_EQ(db.query_int("PRAGMA synchronous").value(), 2);
    EXPECT_FALSE(std::filesystem::exists(dir.file("t.db-wal")));
    auto tx = Transaction::begin(db);
    ASSERT_TRUE(tx.ok());
    ASSERT_TRUE(db.exec("INSERT INTO t VALUES (1), (2)").ok());
    ASSERT_TRUE(tx->commit().ok());
  }
  EXPECT_EQ(journal_mode(db), "wal");
  EXPECT_EQ(db.query_int("PRAGMA synchronous").value(), 1);
  auto other = open_db(dir.file("t.db"));
  EXPECT_EQ(other.query_int("SELECT count(*) FROM t").value(), 2);
}

TEST(SoleWriter, stays_in_wal_without_waiting_when_another_connection_has_the_database_open) {
  TempDir dir;
  auto db = open_db(dir.file("t.db"));
  ASSERT_TRUE(db.exec("CREATE TABLE t(x)").ok());
  auto reader = open_db(dir.file("t.db"));
  ASSERT_EQ(reader.query_int("SELECT count(*) FROM t").value(), 0);
  {
    auto sole = SoleWriter::begin(db);
    ASSERT_TRUE(sole.ok()) << sole.error().message;
    EXPECT_FALSE(sole->direct());
    EXPECT_EQ(journal_mode(db), "wal");
    EXPECT_EQ(db.query_int("PRAGMA busy_timeout").value(), Connection::kBusyTimeout.count());
    ASSERT_TRUE(db.exec("INSERT INTO t VALUES (1)").ok());
    EXPECT_EQ(reader.query_int("SELECT count(*) FROM t").value(), 1);
  }
  EXPECT_EQ(journal_mode(db), "wal");
  EXPECT_TRUE(reader.exec("INSERT INTO t VALUES (2)").ok());
}

TEST(SoleWriter, is_refused_inside_a_transaction) {
  TempDir dir;
  auto db = open_db(dir.file("t.db"));
  auto tx = Transaction::begin(db);
  ASSERT_TRUE(tx.ok());
  auto sole = SoleWriter::begin(db);
  ASSERT_FALSE(sole.ok());
  EXPECT_EQ(sole.error().code, Errc::kInvalidArgument);
  EXPECT_EQ(journal_mode(db), "wal");
}

// A process killed in the middle of a direct transaction, after its cache
// spilled into the file: the next open rolls the file back from the journal.
TEST(SoleWriter, a_transaction_cut_short_by_the_process_dying_is_rolled_back_at_the_next_open) {
  TempDir dir;
  const auto path = dir.file("t.db");
  {
    auto db = open_db(path);
    ASSERT_TRUE(db.exec("CREATE TABLE t(x); INSERT INTO t VALUES (zeroblob(100))").ok());
  }
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    auto db = Connection::open(path, false);
    if (!db) _exit(2);
    auto sole = SoleWriter::begin(*db);
    if (!sole || !sole->direct()) _exit(3);
    // A tiny cache: the rows spill into the database file long before the end.
    if (!db->exec("PRAGMA cache_size=8; BEGIN IMMEDIATE;"
                  " WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 4000)"
                  " INSERT INTO t SELECT randomblob(2000) FROM n;"
                  " UPDATE t SET x = zeroblob(50) WHERE rowid = 1"))
      _exit(4);
    _exit(0);  // no commit, no close: as if killed
  }
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status));
  ASSERT_EQ(WEXITSTATUS(status), 0);
  ASSERT_TRUE(std::filesystem::exists(dir.file("t.db-journal")));
  ASSERT_GT(std::filesystem::file_size(path), 4000u * 2000u);

  auto db = open_db(path);
  EXPECT_EQ(db.query_int("SELECT count(*) FROM t").value(), 1);
  EXPECT_EQ(db.query_int("SELECT length(x) FROM t").value(), 100);
  EXPECT_EQ(integrity_check(db), "ok");
  EXPECT_EQ(journal_mode(db), "wal");
}

}  // namespace
}  // namespace robocall::store
