// PostgreSQL alone: what a connection the server dropped does.
#include <gtest/gtest.h>

#include <string>

#include "store/connection.h"
#include "store/test_db.h"

namespace robocall::store {
namespace {

struct LostConnection : ::testing::Test {
  void SetUp() override {
    if (test.backend() != Backend::kPostgres) GTEST_SKIP() << "a SQLite file has no server";
    db = Connection::open(test.location(), false).value();
    other = Connection::open(test.location(), false).value();
    ASSERT_TRUE(db.exec("CREATE TABLE t(name TEXT)").ok());
  }

  void lose_db() {
    const auto pid = db.query_int("SELECT pg_backend_pid()").value();
    ASSERT_TRUE(other.exec("SELECT pg_terminate_backend(" + std::to_string(pid) + ")").ok());
  }

  std::int64_t count() { return other.query_int("SELECT count(*) FROM t").value(); }

  TestDatabase test;
  Connection db;
  Connection other;
};

TEST_F(LostConnection, is_unavailable_then_comes_back_for_the_next_statement) {
  lose_db();
  auto lost = db.query_int("SELECT 1");
  ASSERT_FALSE(lost.ok());
  EXPECT_EQ(lost.error().code, Errc::kUnavailable) << lost.error().message;
  EXPECT_EQ(db.query_int("SELECT count(*) FROM t").value(), 0);
}

TEST_F(LostConnection, statements_of_a_transaction_whose_connection_was_lost_fail_until_it_ends) {
  {
    auto tx = Transaction::begin(db);
    ASSERT_TRUE(tx.ok());
    ASSERT_TRUE(db.exec("INSERT INTO t(name) VALUES ('a')").ok());
    lose_db();
    EXPECT_FALSE(db.exec("INSERT INTO t(name) VALUES ('b')").ok());
    auto alone = db.exec("INSERT INTO t(name) VALUES ('c')");
    ASSERT_FALSE(alone.ok());
    EXPECT_EQ(alone.error().code, Errc::kUnavailable);
    EXPECT_TRUE(db.in_transaction());
    EXPECT_FALSE(tx->commit().ok());
  }
  EXPECT_FALSE(db.in_transaction());
  ASSERT_TRUE(db.exec("INSERT INTO t(name) VALUES ('d')").ok());
  EXPECT_EQ(count(), 1);
}

}  // namespace
}  // namespace robocall::store
