// SheetReader: streams the rows of the first worksheet of an XLSX workbook.
// Memory stays constant in the number of rows: the shared string table and the
// styles are held, rows are parsed one zip chunk at a time and handed out.
// One thread at a time.
#pragma once

#include <filesystem>
#include <memory>
#include <string_view>

#include "common/result.h"
#include "xlsx/cell.h"
#include "xlsx/limits.h"

namespace robocall::xlsx {

class ZipArchive;

class SheetReader {
 public:
  // Opens the workbook and reads its package parts; the sheet's rows come
  // from next(). A file that is not an XLSX workbook gives a Russian error.
  static Result<SheetReader> open(const std::filesystem::path& path, const Limits& limits = {});
  // REQUIRES: data outlives the reader.
  static Result<SheetReader> open_memory(std::string_view data, const Limits& limits = {});

  SheetReader(SheetReader&&) noexcept;
  SheetReader& operator=(SheetReader&&) noexcept;
  ~SheetReader();

  // Fills `row` with the next row that has a value and returns true; false at
  // the end of the sheet; an error (Russian) for a damaged or hostile sheet,
  // after which the reader must not be used.
  Result<bool> next(Row& row);

  // Whether the workbook counts dates from 1904 (for bare serial numbers).
  bool date1904() const;

 private:
  struct Impl;
  explicit SheetReader(std::unique_ptr<Impl> impl);
  static Result<SheetReader> from_archive(ZipArchive&& zip, const Limits& limits);
  std::unique_ptr<Impl> impl_;
};

}  // namespace robocall::xlsx
