#include "store/pg_connection.h"

#include <libpq-fe.h>

#include <charconv>
#include <cmath>
#include <limits>
#include <vector>

#include "store/pg_sql.h"

namespace robocall::store {
namespace pg {
namespace {

// Type OIDs (server/catalog/pg_type_d.h) of the parameters PostgreSQL cannot
// infer from text: integers and reals are sent typed, text as "unknown" so
// that the column or operator decides (a text '5' into an INTEGER column).
constexpr Oid kBoolOid = 16;
constexpr Oid kInt8Oid = 20;
constexpr Oid kFloat8Oid = 701;

}  // namespace

struct Session {
  PGconn* conn = nullptr;
  int changes = 0;
  int transactions = 0;
};

struct Query {
  Session* session = nullptr;
  std::string sql;
  int params = 0;
  std::vector<std::string> values;
  std::vector<char> nulls;
  std::vector<Oid> types;
  std::string bind_error;
  PGresult* result = nullptr;
  int rows = 0;
  int row = -1;

  ~Query() { PQclear(result); }
};

namespace {

std::string_view trimmed(const char* text) {
  std::string_view s = text != nullptr ? text : "";
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.remove_suffix(1);
  return s;
}

// The server's message (primary, then detail) or libpq's when there is no result.
Error make_error(const Session& session, const PGresult* result, std::string_view what) {
  std::string message = "Ошибка базы данных (";
  message += what;
  message += "): ";
  const char* sqlstate = nullptr;
  const char* primary =
      result != nullptr ? PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
  if (primary != nullptr) {
    sqlstate = PQresultErrorField(result, PG_DIAG_SQLSTATE);
    message += primary;
    if (const char* detail = PQresultErrorField(result, PG_DIAG_MESSAGE_DETAIL)) {
      message += " (";
      message += trimmed(detail);
      message += ")";
    }
  } else {
    message += trimmed(PQerrorMessage(session.conn));
  }
  const bool lost = PQstatus(session.conn) == CONNECTION_BAD;
  return Error{postgres_errc(sqlstate != nullptr ? sqlstate : "", lost), std::move(message)};
}

// Rows changed, as SQLite counts them: only INSERT, UPDATE, DELETE (and MERGE).
void note_changes(Session& session, const PGresult* result) {
  const std::string_view status = PQcmdStatus(const_cast<PGresult*>(result));
  for (std::string_view verb : {"INSERT", "UPDATE", "DELETE", "MERGE"}) {
    if (status.starts_with(verb)) {
      session.changes = std::atoi(PQcmdTuples(const_cast<PGresult*>(result)));
      return;
    }
  }
}

struct ResultCloser {
  void operator()(PGresult* result) const { PQclear(result); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultCloser>;

void ignore_notice(void*, const char*) {}

// A connection the server dropped (restarted, failed over, idle timeout) is
// made again when no transaction of the caller's was open on it.
void reconnect_if_lost(Session& session) {
  if (PQstatus(session.conn) == CONNECTION_BAD && session.transactions == 0) PQreset(session.conn);
}

bool set_param(Query& query, int index) {
  if (index < 1 || index > query.params) {
    if (query.bind_error.empty())
      query.bind_error = "номер параметра " + std::to_string(index) + " вне диапазона 1…" +
                         std::to_string(query.params);
    return false;
  }
  return true;
}

}  // namespace

void SessionCloser::operator()(Session* session) const {
  if (session != nullptr) PQfinish(session->conn);
  delete session;
}

void QueryDeleter::operator()(Query* query) const {
  delete query;
}

Result<SessionPtr> connect(const std::string& url) {
  const std::string lock_timeout =
      "-c lock_timeout=" + std::to_string(Connection::kBusyTimeout.count());
  // Values before dbname are defaults the URL may override; after it, ours.
  const char* keywords[] = {"application_name", "connect_timeout", "options",
                            "dbname",           "client_encoding", nullptr};
  const char* values[] = {"robocall", "10", lock_timeout.c_str(), url.c_str(), "UTF8", nullptr};
  SessionPtr session(new Session);
  session->conn = PQconnectdbParams(keywords, values, /*expand_dbname=*/1);
  if (session->conn == nullptr) return Error::internal("libpq: нет памяти для соединения");
  if (PQstatus(session->conn) != CONNECTION_OK)
    return Error{Errc::kUnavailable, "Не удалось подключиться к PostgreSQL: " +
                                         std::string(trimmed(PQerrorMessage(session->conn)))};
  PQsetNoticeProcessor(session->conn, &ignore_notice, nullptr);
  return session;
}

Status exec(Session& session, std::string_view sql) {
  reconnect_if_lost(session);
  ResultPtr result(PQexec(session.conn, std::string(sql).c_str()));
  switch (PQresultStatus(result.get())) {
    case PGRES_COMMAND_OK:
    case PGRES_TUPLES_OK:
    case PGRES_EMPTY_QUERY:
      note_changes(session, result.get());
      return {};
    default:
      return make_error(session, result.get(), "выполнение запроса");
  }
}

Query* prepare(Session& session, std::string_view sql) {
  auto rewritten = to_postgres_placeholders(sql);
  auto* query = new Query;
  query->session = &session;
  query->sql = std::move(rewritten.sql);
  query->params = rewritten.params;
  query->values.resize(static_cast<std::size_t>(query->params));
  query->nulls.assign(static_cast<std::size_t>(query->params), 1);
  query->types.assign(static_cast<std::size_t>(query->params), 0);
  return query;
}

bool in_transaction(const Session& session) {
  if (session.transactions > 0) return true;
  const auto status = PQtransactionStatus(session.conn);
  return status == PQTRANS_INTRANS || status == PQTRANS_INERROR || status == PQTRANS_ACTIVE;
}

void transaction_opened(Session& session) {
  ++session.transactions;
}

void transaction_closed(Session& session) {
  if (session.transactions > 0) --session.transactions;
}

bool in_failed_transaction(const Session& session) {
  return PQtransactionStatus(session.conn) == PQTRANS_INERROR;
}

std::int64_t last_insert_id(Session& session) {
  if (in_failed_transaction(session)) return 0;
  // lastval() fails when no sequence was used yet; inside a transaction the
  // failure must not abort it, hence the savepoint.
  const bool nested = in_transaction(session);
  const char* sql = nested
                        ? "SAVEPOINT robocall_lastval; SELECT lastval(); RELEASE robocall_lastval"
                        : "SELECT lastval()";
  if (PQsendQuery(session.conn, sql) == 0) return 0;
  std::int64_t id = 0;
  bool failed = false;
  while (PGresult* raw = PQgetResult(session.conn)) {
    ResultPtr result(raw);
    const auto status = PQresultStatus(raw);
    if (status == PGRES_TUPLES_OK && PQntuples(raw) == 1) {
      const std::string_view text = PQgetvalue(raw, 0, 0);
      std::from_chars(text.data(), text.data() + text.size(), id);
    } else if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
      failed = true;
    }
  }
  if (failed && nested) {
    ResultPtr(PQexec(session.conn, "ROLLBACK TO robocall_lastval; RELEASE robocall_lastval"));
  }
  return failed ? 0 : id;
}

int changes(const Session& session) {
  return session.changes;
}

void set_lock_timeout(Session& session, std::chrono::milliseconds timeout) {
  // Zero would mean "wait for ever" to PostgreSQL: one millisecond is "at once".
  const auto ms = timeout.count() > 0 ? timeout.count() : 1;
  (void)exec(session, "SET lock_timeout = " + std::to_string(ms));
}

void bind_int(Query& query, int index, std::int64_t value) {
  if (!set_param(query, index)) return;
  const auto i = static_cast<std::size_t>(index - 1);
  query.values[i] = std::to_string(value);
  query.nulls[i] = 0;
  query.types[i] = kInt8Oid;
}

void bind_double(Query& query, int index, double value) {
  if (!set_param(query, index)) return;
  const auto i = static_cast<std::size_t>(index - 1);
  if (std::isnan(value)) {
    query.values[i] = "NaN";
  } else if (std::isinf(value)) {
    query.values[i] = value > 0 ? "Infinity" : "-Infinity";
  } else {
    char buffer[32];
    const auto end = std::to_chars(buffer, buffer + sizeof buffer, value).ptr;
    query.values[i].assign(buffer, end);
  }
  query.nulls[i] = 0;
  query.types[i] = kFloat8Oid;
}

void bind_text(Query& query, int index, std::string_view value) {
  if (!set_param(query, index)) return;
  const auto i = static_cast<std::size_t>(index - 1);
  query.values[i].assign(value);
  query.nulls[i] = 0;
  query.types[i] = 0;
}

void bind_null(Query& query, int index) {
  if (!set_param(query, index)) return;
  const auto i = static_cast<std::size_t>(index - 1);
  query.values[i].clear();
  query.nulls[i] = 1;
  query.types[i] = 0;
}

Result<bool> step(Query& query) {
  if (!query.bind_error.empty())
    return Error::internal("Ошибка базы данных (параметры запроса): " + query.bind_error);
  Session& session = *query.session;
  if (query.result == nullptr) {
    reconnect_if_lost(session);
    std::vector<const char*> values(static_cast<std::size_t>(query.params));
    for (std::size_t i = 0; i < values.size(); ++i)
      values[i] = query.nulls[i] != 0 ? nullptr : query.values[i].c_str();
    PGresult* result = PQexecParams(session.conn, query.sql.c_str(), query.params,
                                    query.types.data(), values.data(), nullptr, nullptr, 0);
    const auto status = PQresultStatus(result);
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
      ResultPtr failed(result);
      return make_error(session, result, "выполнение запроса");
    }
    query.result = result;
    query.rows = status == PGRES_TUPLES_OK ? PQntuples(result) : 0;
    query.row = -1;
    if (status == PGRES_COMMAND_OK) note_changes(session, result);
  }
  if (query.row < query.rows) ++query.row;
  return query.row < query.rows;
}

void reset(Query& query, bool clear_bindings) {
  PQclear(query.result);
  query.result = nullptr;
  query.rows = 0;
  query.row = -1;
  query.bind_error.clear();
  if (clear_bindings) {
    for (auto& value : query.values) value.clear();
    std::fill(query.nulls.begin(), query.nulls.end(), 1);
    std::fill(query.types.begin(), query.types.end(), 0);
  }
}

bool is_null(const Query& query, int column) {
  if (query.result == nullptr || query.row < 0 || query.row >= query.rows) return true;
  if (column < 0 || column >= PQnfields(query.result)) return true;
  return PQgetisnull(query.result, query.row, column) != 0;
}

// Booleans read as SQLite's 1 and 0 (a comparison's result is an integer there).
std::string_view column_view(const Query& query, int column) {
  if (is_null(query, column)) return {};
  if (PQftype(query.result, column) == kBoolOid)
    return *PQgetvalue(query.result, query.row, column) == 't' ? "1" : "0";
  return std::string_view(PQgetvalue(query.result, query.row, column),
                          static_cast<std::size_t>(PQgetlength(query.result, query.row, column)));
}

double column_double(const Query& query, int column) {
  const auto text = column_view(query, column);
  double value = 0;
  std::from_chars(text.data(), text.data() + text.size(), value);
  return value;
}

// Like SQLite's conversions: booleans are 0/1, a real is truncated.
std::int64_t column_int(const Query& query, int column) {
  const auto text = column_view(query, column);
  if (text.empty()) return 0;
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec == std::errc{} && end == text.data() + text.size()) return value;
  const double real = column_double(query, column);
  if (std::isnan(real)) return 0;
  if (real >= 9.2e18) return std::numeric_limits<std::int64_t>::max();
  if (real <= -9.2e18) return std::numeric_limits<std::int64_t>::min();
  return static_cast<std::int64_t>(real);
}

}  // namespace pg

bool is_postgres_location(std::string_view location) {
  return location.starts_with("postgresql://") || location.starts_with("postgres://");
}

Result<Connection> Connection::open_postgres(const std::string& url) {
  auto session = pg::connect(url);
  if (!session) return session.error();
  Connection conn;
  conn.pg_ = std::move(session).value();
  conn.path_ = url;
  return conn;
}

}  // namespace robocall::store
