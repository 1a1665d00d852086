// Helpers for tests with real database files. Tests only.
// TempDir: a fresh directory under the system temp dir for a test's database
// files, removed with everything in it when the object dies.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "store/connection.h"

namespace robocall::store {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  std::filesystem::path file(std::string_view name) const { return path_ / name; }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// What PRAGMA integrity_check says: "ok" for a sound file, else the first
// problem (or the error that kept it from running).
std::string integrity_check(Connection& db);

}  // namespace robocall::store
