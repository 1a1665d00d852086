// Connection, Statement, Transaction: RAII wrappers over one sqlite3 handle.
// A Connection belongs to ONE thread at a time (each HTTP thread, the dialer
// and the store writer open their own); Statements and Transactions borrow it
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
  void note_bind(int rc);

  sqlite3* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
  int bind_error_ = 0;
};

class Connection {
 public:
  // How long a statement waits for another connection's lock before it
  // fails with kUnavailable.
  static constexpr std::chrono::milliseconds kBusyTimeout{5000};

  // Opens (creating when allowed) a database file and applies the per-connection
  // settings: WAL, foreign_keys=ON, busy_timeout, synchronous=NORMAL.
  // The schema is not touched: use store::open_database() for a ready database.
  static Result<Connection> open(const std::filesystem::path& path, bool create);
  // Opens read-only without changing any setting or file: used to inspect a
  // file before deciding whether it is ours.
  static Result<Connection> open_read_only(const std::filesystem::path& path);

  Connection() = default;
  Connection(Connection&&) noexcept = default;
  Connection& operator=(Connection&&) noexcept = default;

  // Runs one or more statements without parameters.
  Status exec(std::string_view sql);
  Result<Statement> prepare(std::string_view sql);
  // Runs a query returning one integer (first column of the first row).
  Result<std::int64_t> query_int(std::string_view sql);

  std::int64_t last_insert_rowid() const;
  int changes() const;
  // Zero: a locked database fails at once.
  void set_busy_timeout(std::chrono::milliseconds timeout);
  sqlite3* handle() const { return db_.get(); }
  const std::filesystem::path& path() const { return path_; }

 private:
  struct Closer {
    void operator()(sqlite3* db) const;
  };
  std::unique_ptr<sqlite3, Closer> db_;
  std::filesystem::path path_;
};

// A transaction that rolls back unless commit() succeeded.
// Write transactions start IMMEDIATE (take the write lock at once, so two
// writers never deadlock upgrading a read lock); read transactions DEFERRED.
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
