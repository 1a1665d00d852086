#include "http/auth.h"

#include "http/cookies.h"
#include "http/secrets.h"
#include "http/services.h"

namespace robocall::http {
namespace {

std::int64_t seconds(domain::Instant t) {
  return t.time_since_epoch().count();
}

domain::Instant now() {
  return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
}

Error bad_credentials() {
  return {Errc::kUnauthenticated, "Неверный логин или пароль"};
}
Error no_session() {
  return {Errc::kUnauthenticated, "Сеанс завершён или не начат. Войдите снова."};
}

Status check_password_strength(std::string_view password) {
  if (password.size() < kMinPasswordLength) {
    return Error::invalid("Пароль должен быть не короче " + std::to_string(kMinPasswordLength) +
                          " символов");
  }
  if (password.size() > 1000) return Error::invalid("Пароль слишком длинный");
  return {};
}

Status check_login(std::string_view login) {
  if (login.empty() || login.size() > 100) {
    return Error::invalid("Логин должен быть от 1 до 100 символов");
  }
  for (unsigned char c : login) {
    if (c <= ' ' || c == 0x7f) return Error::invalid("Логин не может содержать пробелы");
  }
  return {};
}

}  // namespace

Result<NewSession> open_session(store::Connection& db, std::string_view login,
                                std::string_view password, domain::Instant at) {
  auto find = db.prepare("SELECT id, password_hash FROM users WHERE login = ? AND disabled = 0");
  if (!find.ok()) return find.error();
  find->bind(1, login);
  auto row = find->step();
  if (!row.ok()) return row.error();
  if (!*row) {
    // Same cost as a real check, so timing does not reveal which logins exist.
    static const std::string kDummyHash = hash_password("robocall").value();
    verify_password(kDummyHash, password);
    return bad_credentials();
  }
  NewSession out;
  out.caller.user_id = find->column_int(0);
  out.caller.login = std::string(login);
  if (!verify_password(find->column_text(1), password)) return bad_credentials();

  out.id = random_token();
  out.caller.session_hash = sha256_hex(out.id);
  out.caller.csrf_token = random_token();
  auto insert = db.prepare(
      "INSERT INTO sessions(id_hash, user_id, csrf_token, created_at, last_seen_at) "
      "VALUES (?, ?, ?, ?, ?)");
  if (!insert.ok()) return insert.error();
  insert->bind(1, out.caller.session_hash)
      .bind(2, out.caller.user_id)
      .bind(3, out.caller.csrf_token)
      .bind(4, seconds(at))
      .bind(5, seconds(at));
  if (auto st = insert->run(); !st.ok()) return st.error();
  return out;
}

Status close_session(store::Connection& db, const Caller& caller) {
  auto del = db.prepare("DELETE FROM sessions WHERE id_hash = ?");
  if (!del.ok()) return del.error();
  del->bind(1, caller.session_hash);
  return del->run();
}

Result<Caller> authenticate_session(RequestContext& ctx) {
  auto id = cookie_value(ctx.req.get_header_value("Cookie"), kSessionCookie);
  if (!id || id->size() != 64) return no_session();
  Caller caller;
  caller.session_hash = sha256_hex(*id);
  const auto at = now();
  const auto idle_limit = seconds(at) - ctx.services.options.session_idle.count();
  auto find = ctx.db.prepare(
      "SELECT s.user_id, u.login, s.csrf_token, s.last_seen_at FROM sessions s "
      "JOIN users u ON u.id = s.user_id WHERE s.id_hash = ? AND u.disabled = 0");
  if (!find.ok()) return find.error();
  find->bind(1, caller.session_hash);
  auto row = find->step();
  if (!row.ok()) return row.error();
  if (!*row) return no_session();
  caller.user_id = find->column_int(0);
  caller.login = find->column_text(1);
  caller.csrf_token = find->column_text(2);
  const auto last_seen = find->column_int(3);
  find->reset();
  if (last_seen < idle_limit) {
    // Idle too long: the session is over; forget it and every other stale one.
    auto purge = ctx.db.prepare("DELETE FROM sessions WHERE last_seen_at < ?");
    if (!purge.ok()) return purge.error();
    purge->bind(1, idle_limit);
    if (auto st = purge->run(); !st.ok()) return st.error();
    return no_session();
  }
  if (last_seen < seconds(at)) {
    auto touch = ctx.db.prepare("UPDATE sessions SET last_seen_at = ? WHERE id_hash = ?");
    if (!touch.ok()) return touch.error();
    touch->bind(1, seconds(at)).bind(2, caller.session_hash);
    if (auto st = touch->run(); !st.ok()) return st.error();
  }
  return caller;
}

Result<Caller> authenticate_token(RequestContext& ctx) {
  auto header = ctx.req.get_header_value("Authorization");
  constexpr std::string_view kPrefix = "Bearer ";
  if (!header.starts_with(kPrefix) || header.size() != kPrefix.size() + 64) {
    return Error{Errc::kUnauthenticated,
                 "Нужен API-токен: заголовок Authorization: Bearer <токен>"};
  }
  auto hash = sha256_hex(std::string_view(header).substr(kPrefix.size()));
  auto find = ctx.db.prepare("SELECT id, name FROM api_tokens WHERE hash = ? AND revoked = 0");
  if (!find.ok()) return find.error();
  find->bind(1, hash);
  auto row = find->step();
  if (!row.ok()) return row.error();
  if (!*row) return Error{Errc::kUnauthenticated, "Неверный или отозванный API-токен"};
  Caller caller;
  caller.token_id = find->column_int(0);
  caller.token_name = find->column_text(1);
  find->reset();
  auto touch = ctx.db.prepare("UPDATE api_tokens SET last_used_at = ? WHERE id = ?");
  if (!touch.ok()) return touch.error();
  touch->bind(1, seconds(now())).bind(2, caller.token_id);
  if (auto st = touch->run(); !st.ok()) return st.error();
  return caller;
}

bool csrf_matches(const Caller& caller, const httplib::Request& req) {
  auto token = req.get_header_value("X-CSRF-Token");
  return !caller.csrf_token.empty() && constant_time_equal(token, caller.csrf_token);
}

Status add_user(store::Connection& db, std::string_view login, std::string_view password,
                domain::Instant at) {
  if (auto st = check_login(login); !st.ok()) return st;
  if (auto st = check_password_strength(password); !st.ok()) return st;
  auto hash = hash_password(password);
  if (!hash.ok()) return hash.error();
  auto insert = db.prepare("INSERT INTO users(login, password_hash, created_at) VALUES (?, ?, ?)");
  if (!insert.ok()) return insert.error();
  insert->bind(1, login).bind(2, *hash).bind(3, seconds(at));
  auto st = insert->run();
  if (!st.ok() && st.error().code == Errc::kConflict) {
    return Error::conflict("Пользователь «" + std::string(login) + "» уже есть");
  }
  return st;
}

Status change_password(store::Connection& db, std::string_view login, std::string_view password) {
  if (auto st = check_password_strength(password); !st.ok()) return st;
  auto hash = hash_password(password);
  if (!hash.ok()) return hash.error();
  auto tx = store::Transaction::begin(db);
  if (!tx.ok()) return tx.error();
  auto update = db.prepare("UPDATE users SET password_hash = ? WHERE login = ?");
  if (!update.ok()) return update.error();
  update->bind(1, *hash).bind(2, login);
  if (auto st = update->run(); !st.ok()) return st;
  if (db.changes() == 0) return Error::not_found("Нет пользователя «" + std::string(login) + "»");
  auto end =
      db.prepare("DELETE FROM sessions WHERE user_id = (SELECT id FROM users WHERE login = ?)");
  if (!end.ok()) return end.error();
  end->bind(1, login);
  if (auto st = end->run(); !st.ok()) return st;
  return tx->commit();
}

Result<std::optional<std::string>> ensure_admin(store::Connection& db, domain::Instant at) {
  auto count = db.query_int("SELECT count(*) FROM users");
  if (!count.ok()) return count.error();
  if (*count > 0) return std::optional<std::string>();
  auto password = random_password(16);
  if (auto st = add_user(db, "admin", password, at); !st.ok()) return st.error();
  return std::optional<std::string>(password);
}

Result<std::string> create_token(store::Connection& db, std::string_view name, domain::Instant at) {
  if (name.empty() || name.size() > 100) {
    return Error::invalid("Имя токена должно быть от 1 до 100 символов");
  }
  auto token = random_token();
  auto insert = db.prepare("INSERT INTO api_tokens(name, hash, created_at) VALUES (?, ?, ?)");
  if (!insert.ok()) return insert.error();
  insert->bind(1, name).bind(2, sha256_hex(token)).bind(3, seconds(at));
  auto st = insert->run();
  if (!st.ok()) {
    if (st.error().code == Errc::kConflict) {
      return Error::conflict("Токен с именем «" + std::string(name) + "» уже есть");
    }
    return st.error();
  }
  return token;
}

Status write_audit(store::Connection& db, std::string_view actor, std::string_view action,
                   std::string_view details_json) {
  auto insert = db.prepare("INSERT INTO audit_log(at, actor, action, details) VALUES (?, ?, ?, ?)");
  if (!insert.ok()) return insert.error();
  insert->bind(1, seconds(now())).bind(2, actor).bind(3, action).bind(4, details_json);
  return insert->run();
}

}  // namespace robocall::http
