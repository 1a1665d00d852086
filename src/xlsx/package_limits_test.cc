// Workbooks that would cost memory out of proportion, or lie about their
// parts' sizes, built at test time: refused with a Russian message before
// the damage, never read as an empty workbook.
#include <gtest/gtest.h>

#include "xlsx/sheet_reader.h"
#include "xlsx/test_workbooks.h"

namespace robocall::xlsx {
namespace {

using testing::BookOptions;

Result<std::size_t> count_rows(const std::string& bytes, const Limits& limits = {}) {
  auto reader = SheetReader::open_memory(bytes, limits);
  if (!reader) return reader.error();
  Row row;
  std::size_t n = 0;
  for (;;) {
    auto more = reader->next(row);
    if (!more) return more.error();
    if (!*more) return n;
    ++n;
  }
}

std::string book_with_strings(const std::string& sst_attributes, const std::string& strings) {
  BookOptions o;
  o.sheet_xml_rows = R"(<row r="1"><c r="A1" t="s"><v>0</v></c></row>)";
  o.shared_strings = strings;
  auto parts = testing::book_parts(o);
  for (auto& part : parts)
    if (part.name == "xl/sharedStrings.xml")
      part.data.replace(part.data.find("<sst ") + 4, 0, " " + sst_attributes);
  return testing::make_zip(parts);
}

void expect_too_big(const Result<std::size_t>& rows, const char* what) {
  ASSERT_FALSE(rows.ok()) << what;
  EXPECT_EQ(rows.error().code, Errc::kLimitExceeded) << what << ": " << rows.error().message;
  EXPECT_NE(rows.error().message.find("слишком"), std::string::npos) << rows.error().message;
}

TEST(PackageLimits, a_table_declaring_more_strings_than_256_mb_hold_is_refused_before_reading) {
  // 40 million strings cost at least 320 MB of offsets; the part is a few
  // hundred bytes, so only the declared count can tell.
  expect_too_big(count_rows(book_with_strings(R"(count="40000000" uniqueCount="40000000")",
                                              "<si><t>x</t></si>")),
                 "declared count");
  expect_too_big(count_rows(book_with_strings(R"(uniqueCount="99999999999999999999999")",
                                              "<si><t>x</t></si>")),
                 "a count beyond 64 bits");
}

TEST(PackageLimits, a_table_part_bigger_than_the_limit_is_refused_by_its_declared_size) {
  Limits limits;
  limits.max_shared_strings_bytes = 1000;
  std::string strings;
  for (int i = 0; i < 100; ++i) strings += "<si><t>abcdefghij</t></si>";
  expect_too_big(count_rows(book_with_strings("", strings), limits), "part size");
}

TEST(PackageLimits, strings_that_add_up_past_the_limit_as_they_are_read_are_refused) {
  Limits limits;
  limits.max_shared_strings_bytes = 5000;
  std::string strings;  // 700 empty strings: 3.5 KB of XML, 5.6 KB of offsets
  for (int i = 0; i < 700; ++i) strings += "<si/>";
  expect_too_big(count_rows(book_with_strings(R"(uniqueCount="1")", strings), limits),
                 "a count that lies");
}

TEST(PackageLimits, a_table_within_the_limit_reads) {
  auto rows = count_rows(book_with_strings(R"(count="1" uniqueCount="1")", "<si><t>x</t></si>"));
  ASSERT_TRUE(rows.ok()) << rows.error().message;
  EXPECT_EQ(*rows, 1u);
}

TEST(PackageLimits, a_part_shorter_than_its_header_says_is_corrupt_not_an_empty_workbook) {
  BookOptions o;
  o.sheet_xml_rows = R"(<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>)";
  const auto good = testing::make_book(o);
  ASSERT_TRUE(count_rows(good).ok());
  for (const char* part : {"xl/worksheets/sheet1.xml", "xl/workbook.xml"}) {
    const auto stored = testing::book_parts(o);
    std::uint32_t size = 0;
    for (const auto& p : stored)
      if (p.name == part) size = static_cast<std::uint32_t>(p.data.size());
    auto rows = count_rows(testing::with_declared_size(good, part, size + 100));
    ASSERT_FALSE(rows.ok()) << part << " read " << (rows.ok() ? *rows : 0) << " rows";
    EXPECT_EQ(rows.error().code, Errc::kCorrupt) << part << ": " << rows.error().message;
    EXPECT_NE(rows.error().message.find("Файл XLSX повреждён"), std::string::npos)
        << rows.error().message;
  }
}

}  // namespace
}  // namespace robocall::xlsx
