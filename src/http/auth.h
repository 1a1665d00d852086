// Authentication over the store: users (argon2id), browser sessions (only a
// hash of the session id is stored; idle timeout), CSRF tokens, bearer API
// tokens (only their hash is stored) and the audit log. Functions take the
// calling thread's Connection; any HTTP thread or the CLI.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "common/result.h"
#include "domain/task.h"
#include "http/router.h"
#include "store/connection.h"

namespace robocall::http {

inline constexpr std::size_t kMinPasswordLength = 8;

// Checks login and password; on success opens a session. The returned id is
// the cookie value (never stored; its SHA-256 is). kUnauthenticated with one
// message for an unknown login and a wrong password.
struct NewSession {
  std::string id;
  Caller caller;
};
Result<NewSession> open_session(store::Connection& db, std::string_view login,
                                std::string_view password, domain::Instant now);
Status close_session(store::Connection& db, const Caller& caller);

// The caller of a request with the session cookie; refreshes last-seen.
// kUnauthenticated when missing, unknown or idle longer than the options say.
Result<Caller> authenticate_session(RequestContext& ctx);
// The caller of a request with "Authorization: Bearer <token>".
Result<Caller> authenticate_token(RequestContext& ctx);
// The request's X-CSRF-Token equals the session's token (constant time).
bool csrf_matches(const Caller& caller, const Request& req);

// Users (the CLI and first start). Passwords shorter than
// kMinPasswordLength are refused.
Status add_user(store::Connection& db, std::string_view login, std::string_view password,
                domain::Instant now);
// Also ends every session of the user.
Status change_password(store::Connection& db, std::string_view login, std::string_view password);
// On first start (no users at all) creates "admin" with a random password and
// returns that password (to print once); otherwise nullopt.
Result<std::optional<std::string>> ensure_admin(store::Connection& db, domain::Instant now);

// Creates an API token and returns it (to print once); only its hash is kept.
Result<std::string> create_token(store::Connection& db, std::string_view name, domain::Instant now);

Status write_audit(store::Connection& db, std::string_view actor, std::string_view action,
                   std::string_view details_json, domain::Instant at);

}  // namespace robocall::http
