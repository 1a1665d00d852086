// Whole-file I/O for audio assets: reading a file into memory and replacing a
// file atomically through common/durable_file.h. No shared state: any thread may call these
// concurrently, but two writers of the same path race (the last rename wins, both files whole).
#pragma once

#include <cstdint>
#include <filesystem>
#include <span>
#include <vector>

#include "common/durable_file.h"
#include "common/result.h"

namespace robocall::audio {

// Missing or unreadable file: Errc::kIoError (Errc::kNotFound if it does not exist).
Result<std::vector<std::uint8_t>> read_file(const std::filesystem::path& path);

using common::Durability;

// On failure the old file, if any, is left untouched and no temporary remains.
Status write_file_atomically(const std::filesystem::path& path, std::span<const std::uint8_t> bytes,
                             Durability durability = Durability::kFsync);

}  // namespace robocall::audio
