// The session cookie: its Set-Cookie values and reading it back from a
// Cookie header. A session cookie: no Max-Age/Expires (it ends when the
// browser closes), HttpOnly, SameSite=Strict, Path=/, Secure under TLS.
// Pure functions; any thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace robocall::http {

inline constexpr std::string_view kSessionCookie = "robocall_session";

std::string session_set_cookie(std::string_view session_id, bool secure);
// Expires the cookie in the browser (logout).
std::string session_clear_cookie(bool secure);

// The value of cookie `name` in a Cookie request header, if present.
std::optional<std::string> cookie_value(std::string_view header, std::string_view name);

}  // namespace robocall::http
