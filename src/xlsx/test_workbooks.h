// Test helper: small XLSX packages built at test time, part by part with
// libzip (for the exotic forms) or by python3-openpyxl. Test code only.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace robocall::xlsx::testing {

struct Part {
  std::string name;
  std::string data;
};

// The bytes of a zip holding `parts` (deflated).
std::string make_zip(const std::vector<Part>& parts);

struct BookOptions {
  std::string sheet_xml_rows;   // the <sheetData> content
  std::string shared_strings;   // <si> elements; no sharedStrings part when empty
  std::string styles_cell_xfs;  // <xf> elements; no styles part when empty
  std::string styles_num_fmts;  // <numFmt> elements
  bool date1904 = false;
  bool absolute_targets = false;  // "/xl/worksheets/sheet1.xml" as openpyxl writes
};

// The zip with the uncompressed size of `part` declared as `size` in its
// local header and in the central directory (the data unchanged).
std::string with_declared_size(std::string zip, const std::string& part, std::uint32_t size);

// A minimal valid workbook with one sheet.
std::vector<Part> book_parts(const BookOptions& options);
std::string make_book(const BookOptions& options);

// A fresh empty directory under the system temp dir.
std::filesystem::path temp_dir();

// Runs python3 (the Debian interpreter, which has openpyxl) on `script`;
// true when it exits 0.
bool run_python(const std::string& script);

std::string read_file(const std::filesystem::path& path);

}  // namespace robocall::xlsx::testing
