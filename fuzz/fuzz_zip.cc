#include "fuzz_zip.h"

#include <zip.h>

#include <stdexcept>
#include <vector>

namespace robocall::fuzz {

namespace {

void add(zip_t* zip, const char* name, std::string_view data) {
  zip_source_t* source = zip_source_buffer(zip, data.data(), data.size(), 0);
  if (source == nullptr) throw std::runtime_error("zip_source_buffer");
  const zip_int64_t index = zip_file_add(zip, name, source, ZIP_FL_OVERWRITE);
  if (index < 0) throw std::runtime_error("zip_file_add");
  zip_set_file_compression(zip, static_cast<zip_uint64_t>(index), ZIP_CM_STORE, 0);
}

}  // namespace

std::string make_package(const Package& p) {
  const std::string prefix = p.absolute_targets ? "/xl/" : "";
  const std::string package_rels =
      R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
      R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>)";
  const std::string workbook =
      R"(<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">)"
      R"(<sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>)";
  std::string rels =
      R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
      R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target=")" +
      prefix + R"(worksheets/sheet1.xml"/>)";
  if (!p.shared_strings_xml.empty()) {
    rels +=
        R"(<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target=")" +
        prefix + R"(sharedStrings.xml"/>)";
  }
  if (!p.styles_xml.empty()) {
    rels +=
        R"(<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target=")" +
        prefix + R"(styles.xml"/>)";
  }
  rels += "</Relationships>";

  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  zip_t* zip = buffer == nullptr ? nullptr : zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  zip_error_fini(&error);
  if (zip == nullptr) throw std::runtime_error("zip_open_from_source");
  zip_source_keep(buffer);
  add(zip, "_rels/.rels", package_rels);
  add(zip, "xl/workbook.xml", workbook);
  add(zip, "xl/_rels/workbook.xml.rels", rels);
  add(zip, "xl/worksheets/sheet1.xml", p.sheet_xml);
  if (!p.shared_strings_xml.empty()) add(zip, "xl/sharedStrings.xml", p.shared_strings_xml);
  if (!p.styles_xml.empty()) add(zip, "xl/styles.xml", p.styles_xml);
  if (zip_close(zip) != 0) throw std::runtime_error("zip_close");

  std::string bytes;
  zip_stat_t stat;
  if (zip_source_stat(buffer, &stat) == 0 && zip_source_open(buffer) == 0) {
    bytes.resize(stat.size);
    const zip_int64_t got = zip_source_read(buffer, bytes.data(), bytes.size());
    bytes.resize(got < 0 ? 0 : static_cast<std::size_t>(got));
    zip_source_close(buffer);
  }
  zip_source_free(buffer);
  return bytes;
}

}  // namespace robocall::fuzz
