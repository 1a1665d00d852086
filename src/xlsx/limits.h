// Limits that make a hostile workbook an error instead of a resource problem.
// Plain value type, any thread.
#pragma once

#include <cstdint>

namespace robocall::xlsx {

struct Limits {
  // Sum of the uncompressed sizes of every part read.
  std::uint64_t max_uncompressed_bytes = std::uint64_t{1} << 30;
  // Uncompressed/compressed ratio allowed for a part bigger than ratio_floor_bytes.
  std::uint64_t max_ratio = 200;
  std::uint64_t ratio_floor_bytes = std::uint64_t{1} << 20;
  // Excel's own sheet limits.
  int max_rows = 1048576;
  int max_columns = 16384;
  // Characters of one cell or shared string (Excel: 32767), in UTF-8 bytes.
  std::uint64_t max_text_bytes = 32767 * 4;
  // Memory the shared string table may take (its text plus an index entry a
  // string), refused before reading from the part's size and its declared
  // count, and checked while reading.
  std::uint64_t max_shared_strings_bytes = std::uint64_t{256} << 20;
};

}  // namespace robocall::xlsx
