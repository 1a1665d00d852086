#include "xlsx/test_workbooks.h"

#include <unistd.h>
#include <zip.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace robocall::xlsx::testing {

std::filesystem::path temp_dir() {
  static std::atomic<int> counter{0};
  const auto dir =
      std::filesystem::temp_directory_path() /
      ("robocall-xlsx-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::string make_zip(const std::vector<Part>& parts) {
  const auto path = temp_dir() / "book.zip";
  int error = 0;
  zip_t* zip = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  if (zip == nullptr) throw std::runtime_error("zip_open failed");
  for (const auto& part : parts) {
    zip_source_t* source = zip_source_buffer(zip, part.data.data(), part.data.size(), 0);
    if (source == nullptr || zip_file_add(zip, part.name.c_str(), source, ZIP_FL_OVERWRITE) < 0) {
      throw std::runtime_error("zip_file_add failed");
    }
  }
  if (zip_close(zip) != 0) throw std::runtime_error("zip_close failed");
  std::string bytes = read_file(path);
  std::filesystem::remove_all(path.parent_path());
  return bytes;
}

namespace {

std::uint32_t le32(const std::string& b, std::size_t at) {
  std::uint32_t v = 0;
  for (int i = 3; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(b[at + i]);
  return v;
}

std::uint16_t le16(const std::string& b, std::size_t at) {
  return static_cast<std::uint16_t>(static_cast<unsigned char>(b[at]) |
                                    (static_cast<unsigned char>(b[at + 1]) << 8));
}

void put_le32(std::string& b, std::size_t at, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) b[at + i] = static_cast<char>((v >> (8 * i)) & 0xff);
}

}  // namespace

std::string with_declared_size(std::string zip, const std::string& part, std::uint32_t size) {
  int patched = 0;
  // Local file headers (PK\3\4): name length at 26, name at 30, size at 22.
  // Central directory entries (PK\1\2): name length at 28, name at 46, size at 24.
  for (std::size_t at = 0; at + 46 < zip.size(); ++at) {
    if (zip.compare(at, 4, "PK\x03\x04") == 0 && zip.compare(at + 30, part.size(), part) == 0 &&
        le16(zip, at + 26) == part.size()) {
      put_le32(zip, at + 22, size);
      ++patched;
    } else if (zip.compare(at, 4, "PK\x01\x02") == 0 &&
               zip.compare(at + 46, part.size(), part) == 0 && le16(zip, at + 28) == part.size()) {
      put_le32(zip, at + 24, size);
      ++patched;
    }
  }
  if (patched != 2 || le32(zip, 0) != 0x04034b50)
    throw std::runtime_error("with_declared_size: part not found");
  return zip;
}

std::vector<Part> book_parts(const BookOptions& o) {
  const std::string prefix = o.absolute_targets ? "/xl/" : "";
  std::string workbook_rels =
      R"(<?xml version="1.0" encoding="UTF-8"?>)"
      R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
      R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target=")" +
      prefix + R"(worksheets/sheet1.xml"/>)";
  std::vector<Part> parts;
  std::string content_types =
      R"(<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">)"
      R"(<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>)"
      R"(<Default Extension="xml" ContentType="application/xml"/></Types>)";
  parts.push_back({"[Content_Types].xml", content_types});
  parts.push_back(
      {"_rels/.rels",
       R"(<?xml version="1.0" encoding="UTF-8"?>)"
       R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
       R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target=")" +
           std::string(o.absolute_targets ? "/" : "") + R"(xl/workbook.xml"/></Relationships>)"});
  parts.push_back(
      {"xl/workbook.xml",
       R"(<?xml version="1.0" encoding="UTF-8"?>)"
       R"(<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">)" +
           std::string(o.date1904 ? R"(<workbookPr date1904="1"/>)" : "<workbookPr/>") +
           R"(<sheets><sheet name="Лист1" sheetId="1" r:id="rId1"/></sheets></workbook>)"});
  if (!o.shared_strings.empty()) {
    workbook_rels +=
        R"(<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target=")" +
        prefix + R"(sharedStrings.xml"/>)";
    parts.push_back(
        {"xl/sharedStrings.xml",
         R"(<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)" +
             o.shared_strings + "</sst>"});
  }
  if (!o.styles_cell_xfs.empty()) {
    workbook_rels +=
        R"(<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target=")" +
        prefix + R"(styles.xml"/>)";
    parts.push_back(
        {"xl/styles.xml",
         R"(<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)" +
             (o.styles_num_fmts.empty() ? "" : "<numFmts>" + o.styles_num_fmts + "</numFmts>") +
             R"(<cellStyleXfs><xf numFmtId="14"/></cellStyleXfs><cellXfs>)" + o.styles_cell_xfs +
             "</cellXfs></styleSheet>"});
  }
  workbook_rels += "</Relationships>";
  parts.push_back({"xl/_rels/workbook.xml.rels", workbook_rels});
  parts.push_back(
      {"xl/worksheets/sheet1.xml",
       R"(<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>)" +
           o.sheet_xml_rows + "</sheetData></worksheet>"});
  return parts;
}

std::string make_book(const BookOptions& options) {
  return make_zip(book_parts(options));
}

bool run_python(const std::string& script) {
  const auto dir = temp_dir();
  const auto path = dir / "script.py";
  std::ofstream(path) << script;
  const std::string command = "/usr/bin/python3 " + path.string();
  const int rc = std::system(command.c_str());
  std::filesystem::remove_all(dir);
  return rc == 0;
}

}  // namespace robocall::xlsx::testing
