// Authentication over the store: browser sessions (only a hash of the
// session id is stored; an idle timeout and an absolute lifetime), CSRF
// tokens, bearer API tokens (only their hash is stored; revocable, optional
// expiry) and the audit log (docs/SECURITY.md "Sessions and tokens",
// "Audit"). Functions take the calling thread's Connection; any HTTP thread
// or the CLI.
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

// A password a user may choose: kInvalidArgument with a Russian message otherwise.
Status check_password_strength(std::string_view password);

// Checks login and password; on success opens a session and notes the
// login time. The returned id is the cookie value (never stored; its SHA-256
// is). kUnauthenticated with one message for an unknown login, a disabled
// user and a wrong password.
struct NewSession {
  std::string id;
  Caller caller;
};
Result<NewSession> open_session(store::Connection& db, std::string_view login,
                                std::string_view password, domain::Instant now);
Status close_session(store::Connection& db, const Caller& caller);

// The caller of a request with the session cookie; refreshes last-seen
// unless `renew` is false (a poll, which is not activity).
// kUnauthenticated when missing, unknown, idle longer than
// ServerOptions::session_idle, older than ServerOptions::session_lifetime,
// or of a disabled user.
Result<Caller> authenticate_session(RequestContext& ctx, bool renew = true);
// The caller of a request with "Authorization: Bearer <token>";
// kUnauthenticated when unknown, revoked or expired.
Result<Caller> authenticate_token(RequestContext& ctx);
// The request's X-CSRF-Token equals the session's token (constant time).
bool csrf_matches(const Caller& caller, const Request& req);

// The caller's own password change: checks the current password, clears
// "must change", ends the user's other sessions (the caller's stays).
Status change_own_password(store::Connection& db, const Caller& caller,
                           std::string_view current_password, std::string_view new_password);

// Creates an API token and returns it (to print once); only its hash is
// kept. With `expires`, the token is refused from then on.
Result<std::string> create_token(store::Connection& db, std::string_view name, domain::Instant now,
                                 std::optional<domain::Instant> expires = std::nullopt);
// Revokes the token of this name (the CLI); kNotFound when there is none.
Status revoke_token(store::Connection& db, std::string_view name);

Status write_audit(store::Connection& db, std::string_view actor, std::string_view action,
                   std::string_view details_json, domain::Instant at);

}  // namespace robocall::http
