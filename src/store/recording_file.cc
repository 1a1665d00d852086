#include "store/recording_file.h"

#include <system_error>

namespace robocall::store {

std::filesystem::path recordings_folder(const std::filesystem::path& data_dir,
                                        const std::filesystem::path& configured) {
  return configured.empty() ? data_dir / "recordings" : configured;
}

std::string stored_recording(const std::filesystem::path& recordings_dir,
                             const std::filesystem::path& file) {
  const auto rel = file.lexically_normal().lexically_relative(recordings_dir.lexically_normal());
  if (rel.empty() || rel.is_absolute() || *rel.begin() == "..") return file.string();
  return rel.string();
}

std::filesystem::path recording_file(const std::filesystem::path& recordings_dir,
                                     std::string_view stored) {
  const std::filesystem::path value(stored);
  if (value.empty()) return {};
  if (value.is_relative()) {
    const auto rel = value.lexically_normal();
    if (rel.empty() || *rel.begin() == "..") return {};
    return recordings_dir / rel;
  }
  std::error_code ec;
  if (std::filesystem::exists(value, ec) || !value.has_parent_path()) return value;
  const auto moved = recordings_dir / value.parent_path().filename() / value.filename();
  return std::filesystem::exists(moved, ec) ? moved : value;
}

}  // namespace robocall::store
