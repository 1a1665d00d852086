// Files of a backup (docs/DESIGN.md "Backup and restore"): the SHA-256 of a
// file, and copies that are either whole at their final path or absent
// (common/durable_file.h).
// Any thread except the SIP loop (file I/O).
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "common/result.h"

namespace robocall::store {

struct FileDigest {
  std::uint64_t size = 0;
  std::string sha256;  // 64 lower-case hex characters
  bool operator==(const FileDigest&) const = default;
};

// Reads the whole file. kNotFound when it is missing, kIoError otherwise.
Result<FileDigest> digest_file(const std::filesystem::path& path);

// Copies `from` to `to` (its folder must exist), replacing `to` atomically,
// and returns the digest of what was copied. With `expected`, a copy whose
// digest differs is removed and reported as kCorrupt. kNotFound when `from`
// is missing.
Result<FileDigest> copy_file_durably(const std::filesystem::path& from,
                                     const std::filesystem::path& to,
                                     const std::optional<FileDigest>& expected = std::nullopt);

// Writes `text` to `to` atomically and durably.
Status write_file_durably(const std::filesystem::path& to, std::string_view text);

}  // namespace robocall::store
