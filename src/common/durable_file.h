// Files that are either whole at their final path or absent: a temporary file
// in the same folder, filled, fsync'd, renamed over the target, and the
// folder fsync'd (docs/DESIGN.md "Backup and restore"). Files are created
// 0600, readable by their owner only (docs/SECURITY.md "Files and secrets").
// No shared state: any thread but the SIP loop may call these (file I/O); two
// writers of the same path race (the last rename wins, both files whole).
#pragma once

#include <filesystem>
#include <functional>

#include "common/result.h"

namespace robocall::common {

// Whether a replaced file must survive a power cut (fsync of file and folder)
// or may be lost or torn by one (a cache that can be rebuilt and checks what
// it reads).
enum class Durability { kFsync, kNoFsync };

// Writes the whole of `bytes` to `fd`, retrying short writes; `path` names
// the file in the error.
Status write_all(int fd, const void* bytes, std::size_t size, const std::filesystem::path& path);

// Creates a temporary file beside `path`, lets `fill` write it, then renames
// it over `path`. When `fill` or any step fails, the old file, if any, is left
// untouched, no temporary remains, and the first error is returned.
Status replace_file(const std::filesystem::path& path,
                    const std::function<Status(int fd, const std::filesystem::path& tmp)>& fill,
                    Durability durability = Durability::kFsync);

// Renames atomically and makes the rename durable (fsync of the folder).
Status rename_durably(const std::filesystem::path& from, const std::filesystem::path& to);

}  // namespace robocall::common
