// The manifest of a backup folder (docs/DESIGN.md "Backup and restore"):
// every file of the backup by its path relative to the folder, its size and
// SHA-256, as manifest.json, written last. Pure: formatting and parsing only.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "store/file_digest.h"

namespace robocall::store {

inline constexpr std::string_view kManifestName = "manifest.json";
inline constexpr std::string_view kBackupDatabaseName = "robocall.db";

struct ManifestEntry {
  // Relative: robocall.db, recordings/<day>/<id>.wav, phrases/<name>, voice/<name>.
  std::string path;
  FileDigest digest;
  bool operator==(const ManifestEntry&) const = default;
};

struct Manifest {
  std::int64_t created_at = 0;  // unix seconds
  int schema_version = 0;       // of the database copy
  std::vector<ManifestEntry> files;
  bool operator==(const Manifest&) const = default;

  const ManifestEntry* find(std::string_view path) const;
};

std::string format_manifest(const Manifest& manifest);

// kCorrupt with a Russian message for anything but a manifest this program
// writes: unknown format, a path outside the folder or of an unknown kind, a
// bad checksum, a path twice, no database.
Result<Manifest> parse_manifest(std::string_view text);

// A path a manifest may hold: robocall.db, or recordings/, phrases/ or voice/
// followed by plain names (no "..", ".", empty parts or backslashes).
bool is_backup_path(std::string_view path);

// Where a file the database names (attempts.recording, phrases.recording)
// lives relative to the data folder: recordings/<day>/<file> or
// phrases/<file>, from the path's last parts; nullopt for any other path.
std::optional<std::string> data_relative_path(const std::filesystem::path& stored);

}  // namespace robocall::store
