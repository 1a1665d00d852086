// Request body limits by API path: JSON 1 MiB, the integration push 16 MiB,
// XLSX uploads 32 MiB, phrase recordings 16 MiB, calendar files 4 MiB.
// Pure functions; any thread.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace robocall::http {

inline constexpr std::size_t kMiB = 1024 * 1024;
// The largest body the server reads at all (the largest of the limits).
inline constexpr std::size_t kMaxBodyBytes = 32 * kMiB;

std::size_t body_limit_for(std::string_view path);

// "Размер запроса больше допустимого (не более 32 МБ)".
std::string body_limit_message(std::size_t limit);

}  // namespace robocall::http
