#include "store/connection.h"

#include <sqlite3.h>

#include <utility>

#include "store/pg_connection.h"
#include "store/text_fold.h"

namespace robocall::store {
namespace {

// Page cache per connection, in KiB (negative = KiB for PRAGMA cache_size).
constexpr int kCacheKib = 32 * 1024;
// Page size of a database this process creates (SQLite's default is 4096).
// Rows of tasks carry a name, JSON fields and eight indexes: with 16 KiB
// pages a 200,000-row import writes and checkpoints a quarter of the pages
// and runs 13 % faster, the list stays as fast (bench/README.md). An
// existing file keeps the page size it was created with.
constexpr int kNewPageSize = 16384;

}  // namespace

Error sqlite_error(sqlite3* db, int code, std::string_view what) {
  std::string message = "Ошибка базы данных (";
  message += what;
  message += "): ";
  message += db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(code);
  switch (code & 0xff) {
    case SQLITE_CONSTRAINT:
      return Error::conflict(std::move(message));
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return Error::corrupt(std::move(message));
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return Error{Errc::kUnavailable, std::move(message)};
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_PERM:
      return Error::io(std::move(message));
    default:
      return Error::internal(std::move(message));
  }
}

// Statement

Statement::Statement(Statement&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)),
      stmt_(std::exchange(other.stmt_, nullptr)),
      bind_error_(std::exchange(other.bind_error_, 0)),
      pg_(std::move(other.pg_)) {}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    sqlite3_finalize(stmt_);
    db_ = std::exchange(other.db_, nullptr);
    stmt_ = std::exchange(other.stmt_, nullptr);
    bind_error_ = std::exchange(other.bind_error_, 0);
    pg_ = std::move(other.pg_);
  }
  return *this;
}

Statement::~Statement() {
  sqlite3_finalize(stmt_);
}

void Statement::note_bind(int rc) {
  if (rc != SQLITE_OK && bind_error_ == 0) bind_error_ = rc;
}

Statement& Statement::bind(int index, std::int64_t value) {
  if (pg_) {
    pg::bind_int(*pg_, index, value);
    return *this;
  }
  note_bind(sqlite3_bind_int64(stmt_, index, value));
  return *this;
}

Statement& Statement::bind(int index, double value) {
  if (pg_) {
    pg::bind_double(*pg_, index, value);
    return *this;
  }
  note_bind(sqlite3_bind_double(stmt_, index, value));
  return *this;
}

Statement& Statement::bind(int index, std::string_view value) {
  if (pg_) {
    pg::bind_text(*pg_, index, value);
    return *this;
  }
  note_bind(
      sqlite3_bind_text64(stmt_, index, value.data(), value.size(), SQLITE_TRANSIENT, SQLITE_UTF8));
  return *this;
}

Statement& Statement::bind_null(int index) {
  if (pg_) {
    pg::bind_null(*pg_, index);
    return *this;
  }
  note_bind(sqlite3_bind_null(stmt_, index));
  return *this;
}

Result<bool> Statement::step() {
  if (pg_) return pg::step(*pg_);
  if (bind_error_ != 0) return sqlite_error(db_, bind_error_, "параметры запроса");
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return sqlite_error(db_, rc, "выполнение запроса");
}

Status Statement::run() {
  for (;;) {
    auto row = step();
    if (!row) return row.error();
    if (!*row) return {};
  }
}

void Statement::reset(bool clear_bindings) {
  if (pg_) return pg::reset(*pg_, clear_bindings);
  sqlite3_reset(stmt_);
  if (clear_bindings) sqlite3_clear_bindings(stmt_);
  bind_error_ = 0;
}

bool Statement::is_null(int column) const {
  if (pg_) return pg::is_null(*pg_, column);
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

std::int64_t Statement::column_int(int column) const {
  if (pg_) return pg::column_int(*pg_, column);
  return sqlite3_column_int64(stmt_, column);
}

double Statement::column_double(int column) const {
  if (pg_) return pg::column_double(*pg_, column);
  return sqlite3_column_double(stmt_, column);
}

std::string Statement::column_text(int column) const {
  if (pg_) return std::string(pg::column_view(*pg_, column));
  const auto* text = sqlite3_column_text(stmt_, column);
  if (text == nullptr) return {};
  return std::string(reinterpret_cast<const char*>(text),
                     static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
}

std::string_view Statement::column_view(int column) const {
  if (pg_) return pg::column_view(*pg_, column);
  const auto* text = sqlite3_column_text(stmt_, column);
  if (text == nullptr) return {};
  return std::string_view(reinterpret_cast<const char*>(text),
                          static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
}

std::optional<std::int64_t> Statement::column_optional_int(int column) const {
  if (is_null(column)) return std::nullopt;
  return column_int(column);
}

std::optional<std::string> Statement::column_optional_text(int column) const {
  if (is_null(column)) return std::nullopt;
  return column_text(column);
}

// Connection

namespace {

// Before the process's first connection: SQLite otherwise counts every
// allocation under a global mutex for sqlite3_memory_used(), which nothing
// here reads; on a bulk import that locking was 5 % of the storing thread.
// sqlite3_config() only works before SQLite initialises, so once, here.
void configure_sqlite_once() {
  static const bool configured = [] {
    (void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    return true;
  }();
  (void)configured;
}

}  // namespace

void Connection::Closer::operator()(sqlite3* db) const {
  sqlite3_close_v2(db);
}

Result<Connection> Connection::open(const std::filesystem::path& path, bool create) {
  if (is_postgres_location(path.native())) return open_postgres(path.native());
  configure_sqlite_once();
  sqlite3* raw = nullptr;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
  if (create) flags |= SQLITE_OPEN_CREATE;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  Connection conn;
  conn.db_.reset(raw);
  conn.path_ = path;
  if (rc != SQLITE_OK) return sqlite_error(raw, rc, "открытие " + path.string());
  sqlite3_extended_result_codes(raw, 1);
  conn.set_busy_timeout(kBusyTimeout);
  if (const int fold = register_fold_function(raw); fold != SQLITE_OK)
    return sqlite_error(raw, fold, "регистрация функций");
  // Only an empty file takes a page size, and only before WAL is on.
  auto pages = conn.query_int("PRAGMA page_count");
  if (!pages) return pages.error();
  if (*pages == 0) {
    if (auto st = conn.exec("PRAGMA page_size=" + std::to_string(kNewPageSize)); !st)
      return st.error();
  }
  auto mode = conn.prepare("PRAGMA journal_mode=WAL");
  if (!mode) return mode.error();
  auto row = mode->step();
  if (!row) return row.error();
  if (!*row || mode->column_text(0) != "wal")
    return Error::io("Не удалось включить журнал WAL для " + path.string());
  mode = Statement{};
  const std::string settings =
      "PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL;"
      " PRAGMA cache_size=-" +
      std::to_string(kCacheKib) + ";";
  if (auto st = conn.exec(settings); !st) return st.error();
  return conn;
}

Result<Connection> Connection::open_read_only(const std::filesystem::path& path) {
  configure_sqlite_once();
  sqlite3* raw = nullptr;
  const int rc =
      sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr);
  Connection conn;
  conn.db_.reset(raw);
  conn.path_ = path;
  if (rc != SQLITE_OK) return sqlite_error(raw, rc, "открытие " + path.string());
  sqlite3_extended_result_codes(raw, 1);
  conn.set_busy_timeout(kBusyTimeout);
  return conn;
}

bool Connection::in_transaction() const {
  if (pg_) return pg::in_transaction(*pg_);
  return sqlite3_get_autocommit(db_.get()) == 0;
}

void Connection::set_busy_timeout(std::chrono::milliseconds timeout) {
  if (pg_) return pg::set_lock_timeout(*pg_, timeout);
  sqlite3_busy_timeout(db_.get(), static_cast<int>(timeout.count()));
}

Status Connection::exec(std::string_view sql) {
  if (pg_) return pg::exec(*pg_, sql);
  const std::string text(sql);
  char* message = nullptr;
  const int rc = sqlite3_exec(db_.get(), text.c_str(), nullptr, nullptr, &message);
  sqlite3_free(message);
  if (rc != SQLITE_OK) return sqlite_error(db_.get(), rc, "выполнение запроса");
  return {};
}

Result<Statement> Connection::prepare(std::string_view sql) {
  if (pg_) return Statement(pg::prepare(*pg_, sql));
  sqlite3_stmt* stmt = nullptr;
  const int rc =
      sqlite3_prepare_v2(db_.get(), sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
  if (rc != SQLITE_OK) return sqlite_error(db_.get(), rc, "подготовка запроса");
  return Statement(db_.get(), stmt);
}

Result<std::int64_t> Connection::query_int(std::string_view sql) {
  auto stmt = prepare(sql);
  if (!stmt) return stmt.error();
  auto row = stmt->step();
  if (!row) return row.error();
  if (!*row) return Error::internal("Запрос не вернул строк");
  return stmt->column_int(0);
}

std::int64_t Connection::last_insert_rowid() const {
  if (pg_) return pg::last_insert_id(*pg_);
  return sqlite3_last_insert_rowid(db_.get());
}

int Connection::changes() const {
  if (pg_) return pg::changes(*pg_);
  return sqlite3_changes(db_.get());
}

// Transaction

Result<Transaction> Transaction::begin(Connection& db, Kind kind) {
  const bool nested = db.in_transaction();
  const bool immediate = kind == Kind::kWrite && db.backend() == Backend::kSqlite;
  const char* sql =
      nested ? "SAVEPOINT robocall_nested" : (immediate ? "BEGIN IMMEDIATE" : "BEGIN");
  if (auto st = db.exec(sql); !st) return st.error();
  if (!nested && db.pg_) pg::transaction_opened(*db.pg_);
  return Transaction(&db, nested);
}

Transaction::Transaction(Transaction&& other) noexcept
    : db_(other.db_), nested_(other.nested_), open_(std::exchange(other.open_, false)) {}

Transaction::~Transaction() {
  if (!open_) return;
  if (nested_) {
    (void)db_->exec("ROLLBACK TO robocall_nested; RELEASE robocall_nested");
  } else {
    (void)db_->exec("ROLLBACK");
    if (db_->pg_) pg::transaction_closed(*db_->pg_);
  }
}

Status Transaction::commit() {
  if (!open_) return Error::internal("Транзакция уже завершена");
  // PostgreSQL answers COMMIT of an aborted transaction with a silent ROLLBACK.
  if (!nested_ && db_->pg_ && pg::in_failed_transaction(*db_->pg_))
    return Error::internal("Ошибка базы данных (фиксация транзакции): транзакция прервана ошибкой");
  auto st = db_->exec(nested_ ? "RELEASE robocall_nested" : "COMMIT");
  if (!st) return st;
  open_ = false;
  if (!nested_ && db_->pg_) pg::transaction_closed(*db_->pg_);
  return {};
}

}  // namespace robocall::store
