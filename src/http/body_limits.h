// Request body limits by API path: JSON 1 MiB, the integration push 16 MiB,
// XLSX uploads 32 MiB, phrase recordings and voice fragments 16 MiB, the voice
// pack ZIP 50 MiB, calendar files 4 MiB; routes
// without authentication (login) at most 16 KiB.
// Pure functions; any thread.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace robocall::http {

inline constexpr std::size_t kMiB = 1024 * 1024;
// The largest body the server reads at all (the largest of the limits).
inline constexpr std::size_t kMaxBodyBytes = 50 * kMiB;
// The most a route without authentication reads (a login is a few dozen bytes).
inline constexpr std::size_t kPublicBodyBytes = 16 * 1024;

std::size_t body_limit_for(std::string_view path);

// "Размер запроса больше допустимого (не более 32 МБ)" (or "16 КБ").
std::string body_limit_message(std::size_t limit);

}  // namespace robocall::http
