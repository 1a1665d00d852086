#include "store/pg_sql.h"

#include <gtest/gtest.h>

namespace robocall::store {
namespace {

struct PlaceholderCase {
  std::string_view sqlite;
  std::string_view postgres;
  int params;
};

TEST(PostgresSql, placeholders_become_numbered_outside_quotes_and_comments) {
  const PlaceholderCase cases[] = {
      {"SELECT 1", "SELECT 1", 0},
      {"SELECT ?", "SELECT $1", 1},
      {"INSERT INTO t(a, b) VALUES (?, ?)", "INSERT INTO t(a, b) VALUES ($1, $2)", 2},
      {"WHERE a = ?2 AND b = ?1", "WHERE a = $2 AND b = $1", 2},
      {"WHERE a = ?3 AND b = ?", "WHERE a = $3 AND b = $4", 4},
      {"WHERE a = ?1 OR b = ?1", "WHERE a = $1 OR b = $1", 1},
      {"SELECT '?' || ?", "SELECT '?' || $1", 1},
      {"SELECT 'it''s ?', ?", "SELECT 'it''s ?', $1", 1},
      {"SELECT E'\\' ?', ?", "SELECT E'\\' ?', $1", 1},
      {"SELECT \"odd?name\" FROM t WHERE x = ?", "SELECT \"odd?name\" FROM t WHERE x = $1", 1},
      {"SELECT ? -- why?\n, ?", "SELECT $1 -- why?\n, $2", 2},
      {"SELECT /* ? */ ?", "SELECT /* ? */ $1", 1},
      {"SELECT $$a ? b$$, ?", "SELECT $$a ? b$$, $1", 1},
      {"SELECT $fn$ ? $fn$, ?", "SELECT $fn$ ? $fn$, $1", 1},
      {"SELECT 'Привет ?', ?", "SELECT 'Привет ?', $1", 1},
      {"SELECT 'unterminated ?", "SELECT 'unterminated ?", 0},
  };
  for (const auto& c : cases) {
    const auto got = to_postgres_placeholders(c.sqlite);
    EXPECT_EQ(got.sql, c.postgres) << c.sqlite;
    EXPECT_EQ(got.params, c.params) << c.sqlite;
  }
}

TEST(PostgresSql, sqlstates_map_to_conflict_retry_or_internal) {
  const struct {
    std::string_view sqlstate;
    bool lost;
    Errc want;
  } cases[] = {
      {"23505", false, Errc::kConflict},     // unique_violation
      {"23503", false, Errc::kConflict},     // foreign_key_violation
      {"23514", false, Errc::kConflict},     // check_violation
      {"23502", false, Errc::kConflict},     // not_null_violation
      {"40001", false, Errc::kUnavailable},  // serialization_failure
      {"40P01", false, Errc::kUnavailable},  // deadlock_detected
      {"55P03", false, Errc::kUnavailable},  // lock_not_available
      {"57014", false, Errc::kUnavailable},  // query_canceled
      {"57P01", false, Errc::kUnavailable},  // admin_shutdown
      {"08006", false, Errc::kUnavailable},  // connection_failure
      {"", true, Errc::kUnavailable},        // libpq lost the server
      {"42601", false, Errc::kInternal},     // syntax_error
      {"42P01", false, Errc::kInternal},     // undefined_table
      {"25P02", false, Errc::kInternal},     // in_failed_sql_transaction
      {"", false, Errc::kInternal},
  };
  for (const auto& c : cases) EXPECT_EQ(postgres_errc(c.sqlstate, c.lost), c.want) << c.sqlstate;
}

TEST(PostgresSql, another_database_on_the_same_server_keeps_host_and_options) {
  EXPECT_EQ(with_database("postgresql:///postgres?host=/tmp/pg", "t_1"),
            "postgresql:///t_1?host=/tmp/pg");
  EXPECT_EQ(with_database("postgresql://u:p@db.local:5433/robocall", "t_1"),
            "postgresql://u:p@db.local:5433/t_1");
  EXPECT_EQ(with_database("postgres://db.local", "t_1"), "postgres://db.local/t_1");
  EXPECT_EQ(with_database("postgresql://db.local?sslmode=require", "t_1"),
            "postgresql://db.local/t_1?sslmode=require");
}

}  // namespace
}  // namespace robocall::store
