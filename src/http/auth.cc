#include "http/auth.h"

#include "http/cookies.h"
#include "http/secrets.h"
#include "http/services.h"
#include "store/audit_repo.h"
#include "store/auth_repo.h"

namespace robocall::http {
namespace {

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
  store::AuthRepo repo(db);
  auto user = repo.find_user(login);
  if (!user.ok()) return user.error();
  if (!*user || (*user)->disabled) {
    // Same cost as a real check, so timing does not reveal which logins exist.
    static const std::string kDummyHash = hash_password("robocall").value();
    verify_password(kDummyHash, password);
    return bad_credentials();
  }
  if (!verify_password((*user)->password_hash, password)) return bad_credentials();
  NewSession out;
  out.caller.user_id = (*user)->id;
  out.caller.login = (*user)->login;
  out.id = random_token();
  out.caller.session_hash = sha256_hex(out.id);
  out.caller.csrf_token = random_token();
  store::Session session{out.caller.session_hash, out.caller.user_id, out.caller.csrf_token, at,
                         at};
  if (auto st = repo.create_session(session); !st.ok()) return st.error();
  return out;
}

Status close_session(store::Connection& db, const Caller& caller) {
  return store::AuthRepo(db).delete_session(caller.session_hash);
}

Result<Caller> authenticate_session(RequestContext& ctx) {
  auto id = cookie_value(ctx.req.get_header_value("Cookie"), kSessionCookie);
  if (!id || id->size() != 64) return no_session();
  store::AuthRepo repo(ctx.db);
  const auto hash = sha256_hex(*id);
  auto session = repo.find_session(hash);
  if (!session.ok()) return session.error();
  if (!*session) return no_session();
  const auto at = now(ctx);
  const auto idle_limit = at - ctx.services.options.session_idle;
  if ((*session)->last_seen < idle_limit) {
    // Idle too long: the session is over; forget it and every other stale one.
    auto purged = repo.delete_idle_sessions(idle_limit);
    if (!purged.ok()) return purged.error();
    return no_session();
  }
  auto user = repo.get_user((*session)->user_id);
  if (!user.ok()) return user.error();
  if (user->disabled) return no_session();
  if ((*session)->last_seen < at) {
    if (auto st = repo.touch_session(hash, at); !st.ok()) return st.error();
  }
  Caller caller;
  caller.user_id = user->id;
  caller.login = user->login;
  caller.session_hash = hash;
  caller.csrf_token = (*session)->csrf_token;
  return caller;
}

Result<Caller> authenticate_token(RequestContext& ctx) {
  auto header = ctx.req.get_header_value("Authorization");
  constexpr std::string_view kPrefix = "Bearer ";
  if (!header.starts_with(kPrefix) || header.size() != kPrefix.size() + 64) {
    return Error{Errc::kUnauthenticated,
                 "Нужен API-токен: заголовок Authorization: Bearer <токен>"};
  }
  store::AuthRepo repo(ctx.db);
  auto token = repo.find_token(sha256_hex(std::string_view(header).substr(kPrefix.size())));
  if (!token.ok()) return token.error();
  if (!*token) return Error{Errc::kUnauthenticated, "Неверный или отозванный API-токен"};
  if (auto st = repo.touch_token((*token)->id, now(ctx)); !st.ok()) return st.error();
  Caller caller;
  caller.token_id = (*token)->id;
  caller.token_name = (*token)->name;
  return caller;
}

bool csrf_matches(const Caller& caller, const Request& req) {
  auto token = req.get_header_value("X-CSRF-Token");
  return !caller.csrf_token.empty() && constant_time_equal(token, caller.csrf_token);
}

Status add_user(store::Connection& db, std::string_view login, std::string_view password,
                domain::Instant at) {
  if (auto st = check_login(login); !st.ok()) return st;
  if (auto st = check_password_strength(password); !st.ok()) return st;
  auto hash = hash_password(password);
  if (!hash.ok()) return hash.error();
  auto id = store::AuthRepo(db).create_user(login, *hash, at);
  if (!id.ok() && id.error().code == Errc::kConflict) {
    return Error::conflict("Пользователь «" + std::string(login) + "» уже есть");
  }
  if (!id.ok()) return id.error();
  return {};
}

Status change_password(store::Connection& db, std::string_view login, std::string_view password) {
  if (auto st = check_password_strength(password); !st.ok()) return st;
  store::AuthRepo repo(db);
  auto user = repo.find_user(login);
  if (!user.ok()) return user.error();
  if (!*user) return Error::not_found("Нет пользователя «" + std::string(login) + "»");
  auto hash = hash_password(password);
  if (!hash.ok()) return hash.error();
  return repo.set_password((*user)->id, *hash);
}

Result<std::optional<std::string>> ensure_admin(store::Connection& db, domain::Instant at) {
  auto count = store::AuthRepo(db).count_users();
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
  auto id = store::AuthRepo(db).create_token(name, sha256_hex(token), at);
  if (!id.ok()) {
    if (id.error().code == Errc::kConflict) {
      return Error::conflict("Токен с именем «" + std::string(name) + "» уже есть");
    }
    return id.error();
  }
  return token;
}

Status write_audit(store::Connection& db, std::string_view actor, std::string_view action,
                   std::string_view details_json, domain::Instant at) {
  store::AuditEntry entry;
  entry.at = at;
  entry.actor = std::string(actor);
  entry.action = std::string(action);
  entry.details = std::string(details_json);
  auto id = store::AuditRepo(db).append(entry);
  if (!id.ok()) return id.error();
  return {};
}

}  // namespace robocall::http
