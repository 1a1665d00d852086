// TempDir: a fresh directory under the system temp dir for a test's database
// files, removed with everything in it when the object dies. Tests only.
#pragma once

#include <filesystem>
#include <string_view>

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

}  // namespace robocall::store
