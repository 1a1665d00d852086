#include "http/static_files.h"

#include <system_error>

namespace robocall::http {
namespace {

bool safe_segment(std::string_view s) {
  if (s.empty()) return true;          // "//" collapses
  if (s.front() == '.') return false;  // "..", ".", dot-files
  for (char c : s) {
    if (c == '\0' || c == '\\' || c == ':') return false;
  }
  return true;
}

bool regular_file_exists(const std::filesystem::path& p) {
  std::error_code ec;
  return std::filesystem::is_regular_file(p, ec);
}

}  // namespace

std::string_view content_type_for(const std::filesystem::path& file) {
  auto ext = file.extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".json") return "application/json";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".woff") return "font/woff";
  if (ext == ".txt") return "text/plain; charset=utf-8";
  if (ext == ".xlsx") return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  if (ext == ".wav") return "audio/wav";
  return "application/octet-stream";
}

std::optional<StaticFile> resolve_static(const std::filesystem::path& root,
                                         std::string_view url_path) {
  if (url_path.empty() || url_path.front() != '/') return std::nullopt;
  std::filesystem::path rel;
  std::size_t pos = 1;
  while (pos <= url_path.size()) {
    auto next = url_path.find('/', pos);
    if (next == std::string_view::npos) next = url_path.size();
    auto segment = url_path.substr(pos, next - pos);
    if (!safe_segment(segment)) return std::nullopt;
    if (!segment.empty()) rel /= std::string(segment);
    pos = next + 1;
  }
  if (rel.empty()) rel = "index.html";
  auto candidate = root / rel;
  if (regular_file_exists(candidate)) {
    bool immutable = rel.begin() != rel.end() && *rel.begin() == "assets";
    return StaticFile{candidate, content_type_for(candidate), immutable};
  }
  if (rel.has_extension()) return std::nullopt;
  auto index = root / "index.html";
  if (!regular_file_exists(index)) return std::nullopt;
  return StaticFile{index, content_type_for(index), false};
}

}  // namespace robocall::http
