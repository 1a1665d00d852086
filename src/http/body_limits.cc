#include "http/body_limits.h"

namespace robocall::http {

std::size_t body_limit_for(std::string_view path) {
  if (path == "/api/imports") return 32 * kMiB;
  if (path == "/api/v1/tasks") return 16 * kMiB;
  if (path.starts_with("/api/settings/phrases/") && path.ends_with("/recording")) return 16 * kMiB;
  if (path == "/api/settings/voice/pack") return 50 * kMiB;
  if (path.starts_with("/api/settings/voice/fragments/")) return 16 * kMiB;
  if (path == "/api/settings/exceptions/import") return 4 * kMiB;
  return 1 * kMiB;
}

std::string body_limit_message(std::size_t limit) {
  auto amount =
      limit >= kMiB ? std::to_string(limit / kMiB) + " МБ" : std::to_string(limit / 1024) + " КБ";
  return "Размер запроса больше допустимого (не более " + amount + ")";
}

}  // namespace robocall::http
