#include "xlsx/package.h"

#include <gtest/gtest.h>

namespace robocall::xlsx {
namespace {

TEST(Package, relationship_targets_resolve_relative_to_the_source_folder_or_absolute) {
  struct Case {
    const char* source;
    const char* target;
    const char* expected;
  };
  const Case cases[] = {
      {"xl/workbook.xml", "worksheets/sheet1.xml", "xl/worksheets/sheet1.xml"},
      {"xl/workbook.xml", "/xl/worksheets/sheet1.xml", "xl/worksheets/sheet1.xml"},
      {"xl/workbook.xml", "../xl/./worksheets/sheet2.xml", "xl/worksheets/sheet2.xml"},
      {"", "xl/workbook.xml", "xl/workbook.xml"},
      {"", "/xl/workbook.xml", "xl/workbook.xml"},
      {"xl/workbook.xml", "../../../etc/passwd", "etc/passwd"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(resolve_target(c.source, c.target), c.expected) << c.source << " + " << c.target;
  }
}

TEST(Package, the_rels_part_sits_in_a_rels_folder_beside_its_part) {
  EXPECT_EQ(rels_part_of("xl/workbook.xml"), "xl/_rels/workbook.xml.rels");
  EXPECT_EQ(rels_part_of("workbook.xml"), "_rels/workbook.xml.rels");
}

TEST(Package, ooxml_escapes_decode_to_their_characters) {
  const std::pair<std::string, std::string> cases[] = {
      {"a_x000D_b", "a\rb"}, {"_x0416_", "Ж"},       {"plain", "plain"},
      {"_x12_", "_x12_"},    {"_xZZZZ_", "_xZZZZ_"},
  };
  for (auto [in, expected] : cases) {
    decode_ooxml_escapes(in);
    EXPECT_EQ(in, expected);
  }
}

}  // namespace
}  // namespace robocall::xlsx
