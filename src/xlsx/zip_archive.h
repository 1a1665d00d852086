// ZipArchive: a read-only zip (an XLSX package) from a file or a buffer, with
// its parts read as streams under the zip-bomb limits. Owns the libzip handle.
// One thread at a time; an open PartStream keeps its archive alive by reference.
#pragma once

#include <zip.h>

#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "xlsx/limits.h"

namespace robocall::xlsx {

class PartStream;

class ZipArchive {
 public:
  static Result<ZipArchive> open_file(const std::filesystem::path& path, const Limits& limits);
  // REQUIRES: data outlives the archive.
  static Result<ZipArchive> open_memory(std::string_view data, const Limits& limits);

  // The names of every entry, in archive order.
  std::vector<std::string> names() const;
  // The part's index in the archive (names compare case-insensitively), if any.
  std::optional<zip_int64_t> find(const std::string& name) const;
  // The part's uncompressed size as the archive declares it.
  Result<std::uint64_t> part_size(const std::string& name) const;
  // Opens a part for reading, after checking its declared size and ratio.
  Result<PartStream> open_part(const std::string& name);
  // Reads a whole (small) part into memory.
  Result<std::string> read_part(const std::string& name);

 private:
  struct Closer {
    void operator()(zip_t* z) const { zip_discard(z); }
  };
  struct State {
    std::unique_ptr<zip_t, Closer> zip;
    Limits limits;
    std::uint64_t bytes_read = 0;
  };
  explicit ZipArchive(std::unique_ptr<State> state) : state_(std::move(state)) {}
  static Result<ZipArchive> from_source(zip_source_t* source, const Limits& limits);
  Result<zip_stat_t> stat_part(const std::string& name) const;

  std::unique_ptr<State> state_;
  friend class PartStream;
};

class PartStream {
 public:
  // Reads up to n bytes; 0 at the end of the part. A part that ends before
  // the size its header declares is kCorrupt.
  Result<std::size_t> read(char* buffer, std::size_t n);
  const std::string& name() const { return name_; }

 private:
  struct Closer {
    void operator()(zip_file_t* f) const { zip_fclose(f); }
  };
  PartStream(std::string name, zip_file_t* file, std::uint64_t declared, std::uint64_t* bytes_read,
             const Limits* limits)
      : name_(std::move(name)),
        file_(file),
        declared_(declared),
        bytes_read_(bytes_read),
        limits_(limits) {}

  std::string name_;
  std::unique_ptr<zip_file_t, Closer> file_;
  std::uint64_t declared_;  // the uncompressed size in the archive's directory
  std::uint64_t delivered_ = 0;
  std::uint64_t* bytes_read_;
  const Limits* limits_;
  friend class ZipArchive;
};

}  // namespace robocall::xlsx
