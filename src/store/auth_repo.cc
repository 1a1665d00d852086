#include "store/auth_repo.h"

#include "store/task_rows.h"

namespace robocall::store {
namespace {

constexpr std::string_view kUserColumns =
    "id, login, password_hash, created_at, disabled, role, must_change_password, last_login_at";
constexpr std::string_view kSessionColumns =
    "id_hash, user_id, csrf_token, created_at, last_seen_at";
constexpr std::string_view kTokenColumns =
    "id, name, hash, created_at, last_used_at, revoked, expires_at";

User read_user(const Statement& s) {
  User u;
  u.id = s.column_int(0);
  u.login = s.column_text(1);
  u.password_hash = s.column_text(2);
  u.created = from_unix(s.column_int(3));
  u.disabled = s.column_int(4) != 0;
  u.role = domain::role_from_string(s.column_text(5)).value_or(domain::Role::kRegistrar);
  u.must_change_password = s.column_int(6) != 0;
  if (auto at = s.column_optional_int(7)) u.last_login = from_unix(*at);
  return u;
}

Session read_session(const Statement& s) {
  return {s.column_text(0), s.column_int(1), s.column_text(2), from_unix(s.column_int(3)),
          from_unix(s.column_int(4))};
}

ApiToken read_token(const Statement& s) {
  ApiToken t;
  t.id = s.column_int(0);
  t.name = s.column_text(1);
  t.hash = s.column_text(2);
  t.created = from_unix(s.column_int(3));
  t.revoked = s.column_int(5) != 0;
  if (auto used = s.column_optional_int(4)) t.last_used = from_unix(*used);
  if (auto expires = s.column_optional_int(6)) t.expires = from_unix(*expires);
  return t;
}

// Runs a one-row lookup and maps the row, or nullopt.
template <class T, class Read>
Result<std::optional<T>> one(Connection& db, std::string_view sql, std::string_view key,
                             Read read) {
  auto stmt = db.prepare(sql);
  if (!stmt) return stmt.error();
  stmt->bind(1, key);
  auto row = stmt->step();
  if (!row) return row.error();
  if (!*row) return std::optional<T>{};
  return std::optional<T>(read(*stmt));
}

// Runs a change that must hit a row; `missing` is the error when none is hit.
Status change(Statement& stmt, Connection& db, const std::string& missing) {
  if (auto st = stmt.run(); !st) return st;
  if (db.changes() == 0) return Error::not_found(missing);
  return {};
}

Status end_sessions_of(Connection& db, std::int64_t user_id, std::string_view keep = {}) {
  auto stmt = db.prepare("DELETE FROM sessions WHERE user_id = ? AND id_hash <> ?");
  if (!stmt) return stmt.error();
  stmt->bind(1, user_id).bind(2, std::string(keep));  // '' when none: no id_hash is empty
  return stmt->run();
}

template <class T, class Read>
Result<std::vector<T>> all(Connection& db, std::string_view sql, Read read) {
  auto stmt = db.prepare(sql);
  if (!stmt) return stmt.error();
  std::vector<T> out;
  for (;;) {
    auto row = stmt->step();
    if (!row) return row.error();
    if (!*row) return out;
    out.push_back(read(*stmt));
  }
}

std::string user_missing(std::int64_t id) {
  return "Пользователь " + std::to_string(id) + " не найден";
}

}  // namespace

Result<std::int64_t> AuthRepo::create_user(const NewUser& user, domain::Instant now) {
  if (user.login.empty()) return Error::invalid("Пустое имя пользователя");
  auto stmt = db_.prepare(
      "INSERT INTO users(login, password_hash, created_at, role, must_change_password)"
      " VALUES (?, ?, ?, ?, ?)");
  if (!stmt) return stmt.error();
  stmt->bind(1, user.login).bind(2, user.password_hash).bind(3, to_unix(now));
  stmt->bind(4, domain::to_string(user.role)).bind(5, user.must_change_password ? 1 : 0);
  if (auto st = stmt->run(); !st) {
    if (st.error().code == Errc::kConflict)
      return Error::conflict("Пользователь «" + user.login + "» уже есть");
    return st.error();
  }
  return db_.last_insert_rowid();
}

Result<std::optional<User>> AuthRepo::find_user(std::string_view login) {
  return one<User>(db_, "SELECT " + std::string(kUserColumns) + " FROM users WHERE login = ?",
                   login, read_user);
}

Result<User> AuthRepo::get_user(std::int64_t id) {
  auto stmt = db_.prepare("SELECT " + std::string(kUserColumns) + " FROM users WHERE id = ?");
  if (!stmt) return stmt.error();
  stmt->bind(1, id);
  auto row = stmt->step();
  if (!row) return row.error();
  if (!*row) return Error::not_found(user_missing(id));
  return read_user(*stmt);
}

Result<std::vector<User>> AuthRepo::users() {
  return all<User>(db_, "SELECT " + std::string(kUserColumns) + " FROM users ORDER BY login",
                   read_user);
}

Result<std::int64_t> AuthRepo::count_users() {
  return db_.query_int("SELECT count(*) FROM users");
}

Result<std::int64_t> AuthRepo::count_active_admins() {
  return db_.query_int("SELECT count(*) FROM users WHERE role = 'admin' AND disabled = 0");
}

Status AuthRepo::set_password(std::int64_t user_id, std::string_view hash,
                              bool must_change_password, std::string_view keep_session) {
  auto tx = Transaction::begin(db_);
  if (!tx) return tx.error();
  auto stmt =
      db_.prepare("UPDATE users SET password_hash = ?, must_change_password = ? WHERE id = ?");
  if (!stmt) return stmt.error();
  stmt->bind(1, hash).bind(2, must_change_password ? 1 : 0).bind(3, user_id);
  if (auto st = change(*stmt, db_, user_missing(user_id)); !st) return st;
  if (auto st = end_sessions_of(db_, user_id, keep_session); !st) return st;
  return tx->commit();
}

Status AuthRepo::set_role(std::int64_t user_id, domain::Role role) {
  auto stmt = db_.prepare("UPDATE users SET role = ? WHERE id = ?");
  if (!stmt) return stmt.error();
  stmt->bind(1, domain::to_string(role)).bind(2, user_id);
  return change(*stmt, db_, user_missing(user_id));
}

Status AuthRepo::set_last_login(std::int64_t user_id, domain::Instant at) {
  auto stmt = db_.prepare("UPDATE users SET last_login_at = ? WHERE id = ?");
  if (!stmt) return stmt.error();
  stmt->bind(1, to_unix(at)).bind(2, user_id);
  return change(*stmt, db_, user_missing(user_id));
}

Status AuthRepo::set_disabled(std::int64_t user_id, bool disabled) {
  auto tx = Transaction::begin(db_);
  if (!tx) return tx.error();
  auto stmt = db_.prepare("UPDATE users SET disabled = ? WHERE id = ?");
  if (!stmt) return stmt.error();
  stmt->bind(1, disabled ? 1 : 0).bind(2, user_id);
  if (auto st = change(*stmt, db_, user_missing(user_id)); !st) return st;
  if (disabled) {
    if (auto st = end_sessions_of(db_, user_id); !st) return st;
  }
  return tx->commit();
}

Status AuthRepo::create_session(const Session& s) {
  auto stmt = db_.prepare(
      "INSERT INTO sessions(id_hash, user_id, csrf_token, created_at, last_seen_at)"
      " VALUES (?, ?, ?, ?, ?)");
  if (!stmt) return stmt.error();
  stmt->bind(1, s.id_hash).bind(2, s.user_id).bind(3, s.csrf_token);
  stmt->bind(4, to_unix(s.created)).bind(5, to_unix(s.last_seen));
  return stmt->run();
}

Result<std::optional<Session>> AuthRepo::find_session(std::string_view id_hash) {
  return one<Session>(db_,
                      "SELECT " + std::string(kSessionColumns) + " FROM sessions WHERE id_hash = ?",
                      id_hash, read_session);
}

Status AuthRepo::touch_session(std::string_view id_hash, domain::Instant now) {
  auto stmt = db_.prepare("UPDATE sessions SET last_seen_at = ? WHERE id_hash = ?");
  if (!stmt) return stmt.error();
  stmt->bind(1, to_unix(now)).bind(2, id_hash);
  return change(*stmt, db_, "Сеанс не найден");
}

Status AuthRepo::delete_session(std::string_view id_hash) {
  auto stmt = db_.prepare("DELETE FROM sessions WHERE id_hash = ?");
  if (!stmt) return stmt.error();
  stmt->bind(1, id_hash);
  return stmt->run();
}

Result<std::int64_t> AuthRepo::delete_stale_sessions(domain::Instant seen_before,
                                                     domain::Instant created_before) {
  auto stmt = db_.prepare("DELETE FROM sessions WHERE last_seen_at < ? OR created_at < ?");
  if (!stmt) return stmt.error();
  stmt->bind(1, to_unix(seen_before)).bind(2, to_unix(created_before));
  if (auto st = stmt->run(); !st) return st.error();
  return static_cast<std::int64_t>(db_.changes());
}

Result<std::int64_t> AuthRepo::create_token(std::string_view name, std::string_view hash,
                                            domain::Instant now,
                                            std::optional<domain::Instant> expires) {
  if (name.empty()) return Error::invalid("Пустое имя токена");
  auto stmt =
      db_.prepare("INSERT INTO api_tokens(name, hash, created_at, expires_at) VALUES (?, ?, ?, ?)");
  if (!stmt) return stmt.error();
  stmt->bind(1, name).bind(2, hash).bind(3, to_unix(now));
  stmt->bind(4, expires ? std::optional<std::int64_t>(to_unix(*expires)) : std::nullopt);
  if (auto st = stmt->run(); !st) {
    if (st.error().code == Errc::kConflict)
      return Error::conflict("Токен «" + std::string(name) + "» уже есть");
    return st.error();
  }
  return db_.last_insert_rowid();
}

Result<std::optional<ApiToken>> AuthRepo::find_token(std::string_view hash) {
  return one<ApiToken>(
      db_,
      "SELECT " + std::string(kTokenColumns) + " FROM api_tokens WHERE hash = ? AND revoked = 0",
      hash, read_token);
}

Status AuthRepo::touch_token(std::int64_t id, domain::Instant now) {
  auto stmt = db_.prepare("UPDATE api_tokens SET last_used_at = ? WHERE id = ?");
  if (!stmt) return stmt.error();
  stmt->bind(1, to_unix(now)).bind(2, id);
  return change(*stmt, db_, "Токен " + std::to_string(id) + " не найден");
}

Status AuthRepo::revoke_token(std::int64_t id) {
  auto stmt = db_.prepare("UPDATE api_tokens SET revoked = 1 WHERE id = ?");
  if (!stmt) return stmt.error();
  stmt->bind(1, id);
  return change(*stmt, db_, "Токен " + std::to_string(id) + " не найден");
}

Result<std::vector<ApiToken>> AuthRepo::tokens() {
  return all<ApiToken>(
      db_, "SELECT " + std::string(kTokenColumns) + " FROM api_tokens ORDER BY name", read_token);
}

}  // namespace robocall::store
