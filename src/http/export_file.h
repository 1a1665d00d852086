// ExportFile: a workbook written to <data-dir>/exports for one download
// (docs/SECURITY.md "Exports"). The file is removed on every path: by
// open_for_sending() (the download reads the open file, whose name is
// already gone), else by the destructor (an error on the way); what a
// crash leaves behind, clear_exports() removes when the server starts.
// One request's thread.
#pragma once

#include <filesystem>
#include <string_view>

#include "common/result.h"
#include "common/unique_fd.h"

namespace robocall::http {

using common::UniqueFd;

class ExportFile {
 public:
  // A new unique name "<prefix>-<random>.xlsx" in <data_dir>/exports (the
  // folder is created 0700); nothing is written yet.
  static Result<ExportFile> create(const std::filesystem::path& data_dir, std::string_view prefix);

  ~ExportFile();
  ExportFile(ExportFile&& o) noexcept;
  ExportFile& operator=(ExportFile&&) = delete;
  ExportFile(const ExportFile&) = delete;

  const std::filesystem::path& path() const { return path_; }

  // Opens the written file and removes its name: the returned descriptor
  // is the only way left to the data, freed when it is closed.
  Result<UniqueFd> open_for_sending();

 private:
  explicit ExportFile(std::filesystem::path path) : path_(std::move(path)) {}

  std::filesystem::path path_;  // empty once removed or moved from
};

// <data_dir>/exports as it must be when no download runs: every file in it
// is removed. Returns how many were.
std::size_t clear_exports(const std::filesystem::path& data_dir);

}  // namespace robocall::http
