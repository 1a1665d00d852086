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

Caller user_caller(const store::User& user) {
  Caller caller;
  caller.user_id = user.id;
  caller.login = user.login;
  caller.role = user.role;
  caller.must_change_password = user.must_change_password;
  return caller;
}

}  // namespace

Status check_password_strength(std::string_view password) {
  if (password.size() < kMinPasswordLength) {
    return Error::invalid("Пароль должен быть не короче " + std::to_string(kMinPasswordLength) +
                          " символов");
  }
  if (password.size() > 1000) return Error::invalid("Пароль слишком длинный");
  return {};
}

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
  out.caller = user_caller(**user);
  out.id = random_token();
  out.caller.session_hash = sha256_hex(out.id);
  out.caller.csrf_token = random_token();
  store::Session session{out.caller.session_hash, out.caller.user_id, out.caller.csrf_token, at,
                         at};
  if (auto st = repo.create_session(session); !st.ok()) return st.error();
  if (auto st = repo.set_last_login(out.caller.user_id, at); !st.ok()) return st.error();
  return out;
}

Status close_session(store::Connection& db, const Caller& caller) {
  return store::AuthRepo(db).delete_session(caller.session_hash);
}

Result<Caller> authenticate_session(RequestContext& ctx, bool renew) {
  auto id = cookie_value(ctx.req.get_header_value("Cookie"), kSessionCookie);
  if (!id || id->size() != 64) return no_session();
  store::AuthRepo repo(ctx.db);
  const auto hash = sha256_hex(*id);
  auto session = repo.find_session(hash);
  if (!session.ok()) return session.error();
  if (!*session) return no_session();
  const auto at = now(ctx);
  const auto idle_limit = at - ctx.services.options.session_idle;
  const auto age_limit = at - ctx.services.options.session_lifetime;
  if ((*session)->last_seen < idle_limit || (*session)->created < age_limit) {
    // Idle too long or too old: the session is over; forget it and every
    // other stale one.
    auto purged = repo.delete_stale_sessions(idle_limit, age_limit);
    if (!purged.ok()) return purged.error();
    return no_session();
  }
  auto user = repo.get_user((*session)->user_id);
  if (!user.ok()) return user.error();
  if (user->disabled) return no_session();
  if (renew && (*session)->last_seen < at) {
    if (auto st = repo.touch_session(hash, at); !st.ok()) return st.error();
  }
  Caller caller = user_caller(*user);
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
  const auto at = now(ctx);
  if ((*token)->expires && *(*token)->expires <= at) {
    return Error{Errc::kUnauthenticated, "Срок действия API-токена истёк"};
  }
  if (auto st = repo.touch_token((*token)->id, at); !st.ok()) return st.error();
  Caller caller;
  caller.token_id = (*token)->id;
  caller.token_name = (*token)->name;
  return caller;
}

bool csrf_matches(const Caller& caller, const Request& req) {
  auto token = req.get_header_value("X-CSRF-Token");
  return !caller.csrf_token.empty() && constant_time_equal(token, caller.csrf_token);
}

Status change_own_password(store::Connection& db, const Caller& caller,
                           std::string_view current_password, std::string_view new_password) {
  store::AuthRepo repo(db);
  auto user = repo.get_user(caller.user_id);
  if (!user.ok()) return user.error();
  if (!verify_password(user->password_hash, current_password)) {
    return Error::invalid("Текущий пароль указан неверно");
  }
  if (current_password == new_password) {
    return Error::invalid("Новый пароль должен отличаться от текущего");
  }
  if (auto st = check_password_strength(new_password); !st.ok()) return st;
  auto hash = hash_password(new_password);
  if (!hash.ok()) return hash.error();
  return repo.set_password(user->id, *hash, /*must_change_password=*/false, caller.session_hash);
}

Result<std::string> create_token(store::Connection& db, std::string_view name, domain::Instant at,
                                 std::optional<domain::Instant> expires) {
  if (name.empty() || name.size() > 100) {
    return Error::invalid("Имя токена должно быть от 1 до 100 символов");
  }
  if (expires && *expires <= at) return Error::invalid("Срок действия токена уже прошёл");
  auto token = random_token();
  auto id = store::AuthRepo(db).create_token(name, sha256_hex(token), at, expires);
  if (!id.ok()) {
    if (id.error().code == Errc::kConflict) {
      return Error::conflict("Токен с именем «" + std::string(name) + "» уже есть");
    }
    return id.error();
  }
  return token;
}

Status revoke_token(store::Connection& db, std::string_view name) {
  store::AuthRepo repo(db);
  auto tokens = repo.tokens();
  if (!tokens.ok()) return tokens.error();
  for (const auto& t : *tokens) {
    if (t.name == name) return repo.revoke_token(t.id);
  }
  return Error::not_found("Нет токена «" + std::string(name) + "»");
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
