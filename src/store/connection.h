// Connection, Statement, Transaction: RAII wrappers over one database
// connection, a SQLite file or a PostgreSQL server (libpq, pg_connection.cc):
// repositories write SQLite-flavoured SQL with `?` placeholders and ask
// backend() where the dialects differ. A Connection belongs to ONE thread at a time (each HTTP
// thread, the dialer and the store writer open their own); Statements and Transactions borrow it
// and must not outlive it. Errors come back as Result; no exceptions.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "common/result.h"

struct sqlite3;
struct sqlite3_stmt;

namespace robocall::store {

enum class Backend { kSqlite, kPostgres };

// True for a libpq URL (postgresql://… or postgres://…); anything else that
// --db takes is a SQLite file path.
bool is_postgres_location(std::string_view location);

namespace pg {
struct Session;
struct Query;
struct SessionCloser {
  void operator()(Session* session) const;
};
struct QueryDeleter {
  void operator()(Query* query) const;
};
}  // namespace pg

// Maps a SQLite result code and the handle's message to an Error
// (constraint → kConflict, corrupt/not a database → kCorrupt, busy → kUnavailable,
// I/O and full disk → kIoError, anything else → kInternal).
Error sqlite_error(sqlite3* db, int code, std::string_view what);

class Statement {
 public:
  Statement() = default;
  Statement(Statement&&) noexcept;
  Statement& operator=(Statement&&) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  // Binds by 1-based index. A binding error is kept and reported by step()/run().
  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  Statement& bind(int index, double value);
  Statement& bind(int index, std::string_view value);
  Statement& bind(int index, const std::string& value) {
    return bind(index, std::string_view(value));
  }
  Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
  Statement& bind_null(int index);
  template <class T>
  Statement& bind(int index, const std::optional<T>& value) {
    return value ? bind(index, *value) : bind_null(index);
  }

  // Advances: true when a row is available, false when done.
  Result<bool> step();
  // Steps to completion, expecting no rows to be needed.
  Status run();
  // Makes the statement ready to run again; keeps or clears the bindings.
  void reset(bool clear_bindings = true);

  // Columns by 0-based index, valid after step() returned true.
  bool is_null(int column) const;
  std::int64_t column_int(int column) const;
  double column_double(int column) const;
  std::string column_text(int column) const;
  // The text without a copy; valid until the next step(), reset() or destruction.
  std::string_view column_view(int column) const;
  std::optional<std::int64_t> column_optional_int(int column) const;
  std::optional<std::string> column_optional_text(int column) const;

 private:
  friend class Connection;
  Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  explicit Statement(pg::Query* query) : pg_(query) {}
  void note_bind(int rc);

  sqlite3* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
  int bind_error_ = 0;
  std::unique_ptr<pg::Query, pg::QueryDeleter> pg_;
};

class Connection {
 public:
  // How long a statement waits for another connection's lock before it
  // fails with kUnavailable.
  static constexpr std::chrono::milliseconds kBusyTimeout{5000};

  // Opens (creating when allowed) a database file and applies the per-connection
  // settings: WAL, foreign_keys=ON, busy_timeout, synchronous=NORMAL.
  // A PostgreSQL location (is_postgres_location) connects to that server
  // instead (`create` does not apply: the database must exist), in UTF-8,
  // with lock_timeout = kBusyTimeout.
  // The schema is not touched: use store::open_database() for a ready database.
  static Result<Connection> open(const std::filesystem::path& path, bool create);
  // Opens read-only without changing any setting or file: used to inspect a
  // file before deciding whether it is ours.
  static Result<Connection> open_read_only(const std::filesystem::path& path);

  Connection() = default;
  Connection(Connection&&) noexcept = default;
  Connection& operator=(Connection&&) noexcept = default;

  Backend backend() const { return pg_ ? Backend::kPostgres : Backend::kSqlite; }
  // Open and usable (false for a default-constructed or moved-from one).
  bool is_open() const { return db_ != nullptr || pg_ != nullptr; }
  // Inside BEGIN … (not in autocommit mode).
  bool in_transaction() const;

  // Runs one or more statements without parameters.
  Status exec(std::string_view sql);
  Result<Statement> prepare(std::string_view sql);
  // Runs a query returning one integer (first column of the first row).
  Result<std::int64_t> query_int(std::string_view sql);

  // The id of the last row inserted (PostgreSQL: lastval(), the last value
  // a sequence gave this session; 0 when none did). RETURNING id says the
  // same on both backends.
  std::int64_t last_insert_rowid() const;
  // Rows the last INSERT, UPDATE or DELETE changed.
  int changes() const;
  // Zero: a locked database fails at once (PostgreSQL: lock_timeout).
  void set_busy_timeout(std::chrono::milliseconds timeout);
  // The SQLite handle; nullptr on PostgreSQL.
  sqlite3* handle() const { return db_.get(); }
  // The file, or the PostgreSQL URL.
  const std::filesystem::path& path() const { return path_; }

 private:
  friend class Transaction;
  struct Closer {
    void operator()(sqlite3* db) const;
  };
  static Result<Connection> open_postgres(const std::string& url);
  std::unique_ptr<sqlite3, Closer> db_;
  std::unique_ptr<pg::Session, pg::SessionCloser> pg_;
  std::filesystem::path path_;
};

// A transaction that rolls back unless commit() succeeded.
// Write transactions start IMMEDIATE (take the write lock at once, so two
// writers never deadlock upgrading a read lock); read transactions DEFERRED.
// On PostgreSQL both are a plain BEGIN (READ COMMITTED). Unlike SQLite, a
// failed statement there aborts the whole transaction: only rollback is left.
// Begun while the connection is already inside a transaction, it becomes a
// SAVEPOINT of that one: repositories stay atomic on their own and compose
// into a caller's larger transaction (an import: report row + its tasks).
class Transaction {
 public:
  enum class Kind { kRead, kWrite };
  static Result<Transaction> begin(Connection& db, Kind kind = Kind::kWrite);

  Transaction(Transaction&& other) noexcept;
  Transaction& operator=(Transaction&&) = delete;
  Transaction(const Transaction&) = delete;
  ~Transaction();

  Status commit();

 private:
  Transaction(Connection* db, bool nested) : db_(db), nested_(nested) {}
  Connection* db_;
  bool nested_;
  bool open_ = true;
};

}  // namespace robocall::store
