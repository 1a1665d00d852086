// The XLSX package around the first worksheet: relationships, the workbook
// (sheet order, date system), styles (which cell formats are dates) and the
// shared string table. Read once when a workbook is opened; any one thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "xlsx/zip_archive.h"

namespace robocall::xlsx {

// A part name relative to the zip root, from a relationship target written
// relative to `source_part`'s folder or absolute ("/xl/worksheets/sheet1.xml").
std::string resolve_target(std::string_view source_part, std::string_view target);

// The relationships part of `part` ("xl/workbook.xml" -> "xl/_rels/workbook.xml.rels").
std::string rels_part_of(std::string_view part);

struct Relationship {
  std::string id;
  std::string type;    // the full type URI
  std::string target;  // the part name, resolved
};

// The relationships of `part` (of the package when part is empty); an absent
// relationships part gives none.
Result<std::vector<Relationship>> read_relationships(ZipArchive& zip, const std::string& part);

struct Workbook {
  std::string part;                 // e.g. "xl/workbook.xml"
  std::string sheet_part;           // the first sheet in workbook order
  std::string styles_part;          // empty when the workbook has none
  std::string shared_strings_part;  // empty when the workbook has none
  bool date1904 = false;
};

Result<Workbook> read_workbook(ZipArchive& zip);

// For each cell format (the `s` attribute of a cell): whether it shows a date.
Result<std::vector<bool>> read_date_styles(ZipArchive& zip, const std::string& part);

// The shared string table, packed: text of rich-text runs joined, phonetic
// runs left out. A table that would take more than
// limits.max_shared_strings_bytes (by the part's uncompressed size, by the
// count it declares, or as it is read) is kLimitExceeded.
class SharedStrings {
 public:
  static Result<SharedStrings> read(ZipArchive& zip, const std::string& part, const Limits& limits);
  // What one string costs at least besides its text: its end offset.
  static constexpr std::uint64_t kEntryBytes = sizeof(std::size_t);
  std::size_t size() const { return ends_.size(); }
  // REQUIRES: index < size()
  std::string_view at(std::size_t index) const {
    const std::size_t begin = index == 0 ? 0 : ends_[index - 1];
    return std::string_view(pool_).substr(begin, ends_[index] - begin);
  }

 private:
  friend class SharedStringsHandler;
  std::string pool_;
  std::vector<std::size_t> ends_;
};

// Decodes the _xHHHH_ escapes OOXML uses for control characters, in place.
void decode_ooxml_escapes(std::string& text);

}  // namespace robocall::xlsx
