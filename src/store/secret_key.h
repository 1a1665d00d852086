// The one place the secret box's key is read from or created: a 32-byte key
// in a file (64 hex characters, or 32 raw bytes) that only its owner may
// read, `--secret-key-file` (default <data-dir>/secret.key) or the systemd
// credential robocall-secret-key (docs/SECURITY.md "Files and secrets").
// Any thread; serve calls it once at start.
#pragma once

#include <filesystem>
#include <optional>

#include "common/result.h"
#include "store/secret_box.h"

namespace robocall::store {

inline constexpr std::string_view kCredentialName = "robocall-secret-key";

struct KeySource {
  std::filesystem::path path;
  bool credential = false;  // systemd's: never created by robocall
};

// The flag's file when given; else $CREDENTIALS_DIRECTORY/robocall-secret-key
// when that directory is set (credentials_dir, may be null); else
// <data_dir>/secret.key.
KeySource secret_key_source(const std::optional<std::filesystem::path>& flag,
                            const std::filesystem::path& data_dir, const char* credentials_dir);

// Missing: kNotFound. Readable or writable by group or others, not a regular
// file or not a key: kInvalidArgument with a Russian message naming the file.
Result<SecretKey> read_secret_key(const std::filesystem::path& path);

// Writes a new random key to a new file, mode 0600 (never replaces a file).
Result<SecretKey> create_secret_key(const std::filesystem::path& path);

}  // namespace robocall::store
