// Helpers for tests with real databases. Tests only.
// TempDir: a fresh directory under the system temp dir for a test's database
// files, removed with everything in it when the object dies.
// TestDatabase: a fresh, empty robocall database for one test, on the
// backend the environment chooses.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "store/connection.h"

namespace robocall::store {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  std::filesystem::path file(std::string_view name) const { return path_ / name; }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// The variable naming the PostgreSQL server tests run against (a libpq URL,
// scripts/test-postgres prints it); unset or empty: SQLite files.
inline constexpr const char* kTestPostgresVariable = "ROBOCALL_TEST_POSTGRES";

// A SQLite file in a TempDir, or, when ROBOCALL_TEST_POSTGRES is set, a new
// database on that server copied from the template `robocall_template`
// (the schema applied once per server by the first test that needs it) and
// dropped by the destructor. Declare it before the connections it opens.
// The template is made once per server: a server kept between runs (rather
// than scripts/test-postgres's, one per ctest run) keeps a stale schema
// until `DROP DATABASE robocall_template`.
// Throws std::runtime_error when the server cannot make the database.
class TestDatabase {
 public:
  TestDatabase();
  ~TestDatabase();
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  // Another ready connection: store::open_database(location()).
  Result<Connection> open();
  // What --db would take: the file path or the PostgreSQL URL.
  std::string location() const { return location_; }
  Backend backend() const { return backend_; }
  // A directory for the test's other files, removed with the object.
  const TempDir& dir() const { return dir_; }

 private:
  TempDir dir_;
  Backend backend_ = Backend::kSqlite;
  std::string location_;
  std::string name_;
  // To the server's maintenance database: makes and drops the test's one.
  Connection admin_;
};

// What PRAGMA integrity_check says: "ok" for a sound file, else the first
// problem (or the error that kept it from running).
std::string integrity_check(Connection& db);

}  // namespace robocall::store
