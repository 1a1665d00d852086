// Static files of the web UI (web/dist): maps a URL path to a file inside the
// web root without ever leaving it, with the single-page-app fallback to
// index.html. Pure path logic plus one stat; any thread.
#pragma once

#include <filesystem>
#include <optional>
#include <string_view>

namespace robocall::http {

struct StaticFile {
  std::filesystem::path path;
  std::string_view content_type;
  bool immutable = false;  // hashed asset names (assets/...) may be cached for long
};

// The file to serve for url_path (already percent-decoded) under root, or
// nullopt for "404". Paths with "..", NUL, backslashes or dot-files are
// refused; a path that names no file and has no extension falls back to
// root/index.html (client-side routes). REQUIRES: root is absolute.
std::optional<StaticFile> resolve_static(const std::filesystem::path& root,
                                         std::string_view url_path);

std::string_view content_type_for(const std::filesystem::path& file);

}  // namespace robocall::http
