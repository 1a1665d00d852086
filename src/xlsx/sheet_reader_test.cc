// SheetReader against workbooks built at test time: every cell form, the
// package variants of different writers, and hostile files.
#include "xlsx/sheet_reader.h"

#include <gtest/gtest.h>

#include "xlsx/test_workbooks.h"

namespace robocall::xlsx {
namespace {

using namespace std::chrono;
using testing::BookOptions;

local_seconds at(int y, unsigned m, unsigned d, int hh = 0, int mm = 0, int ss = 0) {
  return local_days{year{y} / m / d} + hours{hh} + minutes{mm} + seconds{ss};
}

Result<std::vector<Row>> read_all(const std::string& bytes, const Limits& limits = {}) {
  auto reader = SheetReader::open_memory(bytes, limits);
  if (!reader) return reader.error();
  std::vector<Row> rows;
  Row row;
  for (;;) {
    auto more = reader->next(row);
    if (!more) return more.error();
    if (!*more) return rows;
    rows.push_back(row);
  }
}

std::vector<Row> rows_of(const BookOptions& options) {
  auto rows = read_all(testing::make_book(options));
  EXPECT_TRUE(rows.ok()) << (rows.ok() ? "" : rows.error().message);
  return rows.ok() ? *rows : std::vector<Row>{};
}

const Cell& cell(const std::vector<Row>& rows, std::size_t row, std::size_t column) {
  static const Cell empty;
  if (row >= rows.size() || column >= rows[row].cells.size()) return empty;
  return rows[row].cells[column];
}

TEST(SheetReader, reads_a_worksheet_whose_namespace_is_bound_to_a_prefix) {
  BookOptions book;
  auto parts = testing::book_parts(book);
  bool replaced = false;
  for (auto& part : parts) {
    if (part.name != "xl/worksheets/sheet1.xml") continue;
    part.data =
        R"(<?xml version="1.0" encoding="UTF-8"?>)"
        R"(<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)"
        R"(<x:sheetData><x:row r="3"><x:c r="B3" t="inlineStr"><x:is><x:t>Иванов</x:t></x:is></x:c>)"
        R"(<x:c r="C3" xmlns:r="urn:other"><x:v>9161234567</x:v></x:c></x:row></x:sheetData>)"
        R"(</x:worksheet>)";
    replaced = true;
  }
  ASSERT_TRUE(replaced);
  auto rows = read_all(testing::make_zip(parts));
  ASSERT_TRUE(rows.ok()) << rows.error().message;
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].number, 3);
  EXPECT_EQ(cell(*rows, 0, 1).text, "Иванов");
  EXPECT_EQ(cell(*rows, 0, 2).number, 9161234567.0);
}

TEST(SheetReader, reads_shared_inline_and_rich_text_strings_without_phonetic_runs) {
  BookOptions book;
  book.shared_strings =
      "<si><t>Иванов Иван</t></si>"
      "<si><r><t>Пет</t></r><r><rPr><b/></rPr><t xml:space=\"preserve\">ров "
      "</t></r><r><t>Пётр</t></r>"
      "<rPh sb=\"0\" eb=\"1\"><t>ぺ</t></rPh></si>"
      "<si><t>Line_x000D_</t></si>";
  book.sheet_xml_rows =
      R"(<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c>)"
      R"(<c r="D1" t="inlineStr"><is><t>Сидоров</t></is></c>)"
      R"(<c r="E1" t="inlineStr"><is><r><t>Ан</t></r><r><t>на</t></r><rPh><t>x</t></rPh></is></c>)"
      R"(<c r="F1" t="str"><f>A1</f><v>formula text</v></c></row>)";
  const auto rows = rows_of(book);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(cell(rows, 0, 0).text, "Иванов Иван");
  EXPECT_EQ(cell(rows, 0, 1).text, "Петров Пётр");
  EXPECT_EQ(cell(rows, 0, 2).text, "Line\r");
  EXPECT_EQ(cell(rows, 0, 3).text, "Сидоров");
  EXPECT_EQ(cell(rows, 0, 4).text, "Анна");
  EXPECT_EQ(cell(rows, 0, 5).text, "formula text");
  for (int c = 0; c < 6; ++c) EXPECT_EQ(cell(rows, 0, c).type, CellType::kText) << c;
}

TEST(SheetReader, reads_numbers_booleans_and_errors) {
  BookOptions book;
  book.sheet_xml_rows =
      R"(<row r="1"><c r="A1"><v>9161234567</v></c><c r="B1"><v>-1.5E3</v></c>)"
      R"(<c r="C1" t="b"><v>1</v></c><c r="D1" t="b"><v>0</v></c><c r="E1" t="e"><v>#N/A</v></c>)"
      R"(<c r="F1" t="n"><v>0.25</v></c></row>)";
  const auto rows = rows_of(book);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(cell(rows, 0, 0).type, CellType::kNumber);
  EXPECT_EQ(cell(rows, 0, 0).number, 9161234567.0);
  EXPECT_EQ(cell(rows, 0, 1).number, -1500.0);
  EXPECT_EQ(cell(rows, 0, 2).type, CellType::kBool);
  EXPECT_EQ(cell(rows, 0, 2).number, 1.0);
  EXPECT_EQ(cell(rows, 0, 3).number, 0.0);
  EXPECT_EQ(cell(rows, 0, 4).type, CellType::kError);
  EXPECT_EQ(cell(rows, 0, 4).text, "#N/A");
  EXPECT_EQ(cell(rows, 0, 5).number, 0.25);
}

TEST(SheetReader, honours_cell_references_and_counts_on_where_they_are_missing) {
  BookOptions book;
  book.sheet_xml_rows = R"(<row r="2"><c r="C2"><v>3</v></c><c><v>4</v></c></row>)"
                        R"(<row><c><v>1</v></c><c r="E3"><v>5</v></c></row>)"
                        R"(<row r="7"><c r="A7" t="inlineStr"><is><t></t></is></c></row>)"
                        R"(<row r="9"><c r="B9"><v>6</v></c></row>)";
  const auto rows = rows_of(book);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].number, 2);
  ASSERT_EQ(rows[0].cells.size(), 4u);
  EXPECT_TRUE(rows[0].cells[0].empty());
  EXPECT_EQ(rows[0].cells[2].number, 3.0);
  EXPECT_EQ(rows[0].cells[3].number, 4.0);
  EXPECT_EQ(rows[1].number, 3);
  EXPECT_EQ(rows[1].cells[0].number, 1.0);
  EXPECT_EQ(rows[1].cells[4].number, 5.0);
  EXPECT_EQ(rows[2].number, 9) << "a row holding only an empty string is no row";
  EXPECT_EQ(rows[2].cells[1].number, 6.0);
}

TEST(SheetReader, numbers_with_builtin_or_custom_date_formats_are_dates) {
  BookOptions book;
  book.styles_num_fmts =
      R"(<numFmt numFmtId="164" formatCode="dd.mm.yyyy hh:mm"/><numFmt numFmtId="165" formatCode="0.00"/>)";
  book.styles_cell_xfs =
      R"(<xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="20"/><xf numFmtId="47"/>)";
  book.sheet_xml_rows =
      R"(<row r="1"><c r="A1" s="1"><v>44580</v></c><c r="B1" s="2"><v>44580.418055555555</v></c>)"
      R"(<c r="C1" s="3"><v>44580</v></c><c r="D1" s="0"><v>44580</v></c><c r="E1" s="4"><v>0.41875</v></c>)"
      R"(<c r="F1" s="1"><v>59</v></c><c r="G1" s="1"><v>60</v></c><c r="H1" s="1"><v>61</v></c>)"
      R"(<c r="I1" s="99"><v>7</v></c><c r="J1" t="d"><v>2022-01-19T10:02:00</v></c></row>)";
  const auto rows = rows_of(book);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(cell(rows, 0, 0).type, CellType::kDate);
  EXPECT_EQ(cell(rows, 0, 0).date, at(2022, 1, 19));
  EXPECT_EQ(cell(rows, 0, 1).date, at(2022, 1, 19, 10, 2));
  EXPECT_EQ(cell(rows, 0, 2).type, CellType::kNumber) << "0.00 is no date format";
  EXPECT_EQ(cell(rows, 0, 3).type, CellType::kNumber);
  EXPECT_EQ(cell(rows, 0, 4).type, CellType::kDate);
  EXPECT_EQ(cell(rows, 0, 4).date, at(1899, 12, 31, 10, 3));
  EXPECT_EQ(cell(rows, 0, 5).date, at(1900, 2, 28));
  EXPECT_EQ(cell(rows, 0, 6).type, CellType::kNumber) << "the fake 1900-02-29 stays a number";
  EXPECT_EQ(cell(rows, 0, 7).date, at(1900, 3, 1));
  EXPECT_EQ(cell(rows, 0, 8).type, CellType::kNumber) << "an unknown style index is no date";
  EXPECT_EQ(cell(rows, 0, 9).type, CellType::kDate);
  EXPECT_EQ(cell(rows, 0, 9).date, at(2022, 1, 19, 10, 2));
}

TEST(SheetReader, date1904_workbooks_count_from_1904) {
  BookOptions book;
  book.date1904 = true;
  book.styles_cell_xfs = R"(<xf numFmtId="0"/><xf numFmtId="22"/>)";
  book.sheet_xml_rows = R"(<row r="1"><c r="A1" s="1"><v>43118.5</v></c></row>)";
  auto bytes = testing::make_book(book);
  auto reader = SheetReader::open_memory(bytes);
  ASSERT_TRUE(reader.ok());
  EXPECT_TRUE(reader->date1904());
  const auto rows = rows_of(book);
  EXPECT_EQ(cell(rows, 0, 0).date, at(2022, 1, 19, 12));
}

TEST(SheetReader, absolute_part_paths_as_openpyxl_writes_them_read_the_same) {
  BookOptions book;
  book.absolute_targets = true;
  book.shared_strings = "<si><t>ФИО</t></si>";
  book.styles_cell_xfs = R"(<xf numFmtId="0"/><xf numFmtId="14"/>)";
  book.sheet_xml_rows =
      R"(<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" s="1"><v>44580</v></c></row>)";
  const auto rows = rows_of(book);
  EXPECT_EQ(cell(rows, 0, 0).text, "ФИО");
  EXPECT_EQ(cell(rows, 0, 1).date, at(2022, 1, 19));
}

TEST(SheetReader, reads_the_first_sheet_in_workbook_order_not_in_zip_order) {
  BookOptions book;
  book.sheet_xml_rows = R"(<row r="1"><c r="A1"><v>1</v></c></row>)";
  auto parts = testing::book_parts(book);
  for (auto& part : parts) {
    if (part.name == "xl/workbook.xml") {
      part.data =
          R"(<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:rel="http://schemas.openxmlformats.org/officeDocument/2006/relationships">)"
          R"(<sheets><sheet name="B" sheetId="2" rel:id="rId9"/><sheet name="A" sheetId="1" rel:id="rId1"/></sheets></workbook>)";
    } else if (part.name == "xl/_rels/workbook.xml.rels") {
      part.data =
          R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
          R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>)"
          R"(<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="../xl/worksheets/other.xml"/>)"
          R"(</Relationships>)";
    }
  }
  parts.push_back(
      {"xl/worksheets/other.xml",
       R"(<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>)"
       R"(<row r="4"><c r="A4"><v>2</v></c></row></sheetData></worksheet>)"});
  auto rows = read_all(testing::make_zip(parts));
  ASSERT_TRUE(rows.ok()) << rows.error().message;
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].number, 4);
  EXPECT_EQ((*rows)[0].cells[0].number, 2.0);
}

TEST(SheetReader, an_openpyxl_workbook_reads_with_its_types) {
  const auto dir = testing::temp_dir();
  const auto path = dir / "openpyxl.xlsx";
  ASSERT_TRUE(testing::run_python(
      "import datetime, openpyxl\n"
      "wb = openpyxl.Workbook()\n"
      "ws = wb.active\n"
      "ws.append(['Телефон', 'ФИО', 'Дата приёма'])\n"
      "ws.append([9161234567, 'Иванов Иван', datetime.datetime(2022, 1, 19, 10, 2)])\n"
      "ws.append(['+7 916 123-45-68', 'Петров Пётр', datetime.date(2022, 1, 20)])\n"
      "ws.append([True, None, datetime.time(10, 2, 30)])\n"
      "wb.create_sheet('Second').append(['not read'])\n"
      "wb.save('" +
      path.string() + "')\n"));
  auto rows = read_all(testing::read_file(path));
  std::filesystem::remove_all(dir);
  ASSERT_TRUE(rows.ok()) << rows.error().message;
  ASSERT_EQ(rows->size(), 4u);
  EXPECT_EQ(cell(*rows, 0, 2).text, "Дата приёма");
  EXPECT_EQ(cell(*rows, 1, 0).number, 9161234567.0);
  EXPECT_EQ(cell(*rows, 1, 2).date, at(2022, 1, 19, 10, 2));
  EXPECT_EQ(cell(*rows, 2, 0).text, "+7 916 123-45-68");
  EXPECT_EQ(cell(*rows, 2, 2).date, at(2022, 1, 20));
  EXPECT_EQ(cell(*rows, 3, 0).type, CellType::kBool);
  EXPECT_TRUE(cell(*rows, 3, 1).empty());
  EXPECT_EQ(cell(*rows, 3, 2).type, CellType::kDate);
  EXPECT_EQ(cell(*rows, 3, 2).date - floor<days>(cell(*rows, 3, 2).date),
            hours{10} + minutes{2} + seconds{30});
}

// Hostile and broken files: each gives an error and no rows.

struct HostileCase {
  const char* what;
  std::string bytes;
  Limits limits;
  Errc code;
};

std::string zeros_book(std::size_t size) {
  BookOptions book;
  book.sheet_xml_rows = std::string(size, ' ');
  return testing::make_book(book);
}

std::vector<HostileCase> hostile_cases() {
  std::vector<HostileCase> cases;
  cases.push_back({"not a zip", "Телефон;ФИО\n9161234567;Иванов\n", {}, Errc::kInvalidArgument});
  BookOptions valid;
  valid.sheet_xml_rows = R"(<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>)";
  const std::string good = testing::make_book(valid);
  cases.push_back({"a truncated zip", good.substr(0, good.size() / 2), {}, Errc::kInvalidArgument});
  std::string damaged = good;
  for (std::size_t i = 40; i < damaged.size() / 2; i += 7) damaged[i] = static_cast<char>(0xA5);
  cases.push_back({"a zip with damaged data", damaged, {}, Errc::kCorrupt});

  Limits small_total;
  small_total.max_uncompressed_bytes = 1 << 20;
  cases.push_back({"a sheet bigger than the uncompressed cap", zeros_book(2 << 20), small_total,
                   Errc::kLimitExceeded});
  cases.push_back(
      {"a sheet with an absurd compression ratio", zeros_book(8 << 20), {}, Errc::kLimitExceeded});

  BookOptions laughs;
  auto parts = testing::book_parts(laughs);
  for (auto& part : parts) {
    if (part.name == "xl/worksheets/sheet1.xml") {
      part.data =
          "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
          "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]>"
          "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&lol2;</t></is>"
          "</c></row></sheetData></worksheet>";
    }
  }
  cases.push_back(
      {"entity expansion in a sheet", testing::make_zip(parts), {}, Errc::kInvalidArgument});
  parts = testing::book_parts(laughs);
  for (auto& part : parts) {
    if (part.name == "xl/workbook.xml") {
      part.data = "<!DOCTYPE workbook SYSTEM \"file:///etc/passwd\">" + part.data.substr(38);
    }
  }
  cases.push_back(
      {"a DOCTYPE in the workbook", testing::make_zip(parts), {}, Errc::kInvalidArgument});

  parts = testing::book_parts(laughs);
  for (auto& part : parts) {
    if (part.name == "xl/workbook.xml") {
      part.data =
          R"(<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets/></workbook>)";
    }
  }
  cases.push_back(
      {"a workbook without sheets", testing::make_zip(parts), {}, Errc::kInvalidArgument});
  cases.push_back({"a zip without a workbook",
                   testing::make_zip({{"hello.txt", "hi"}}),
                   {},
                   Errc::kInvalidArgument});

  BookOptions far_row;
  far_row.sheet_xml_rows = R"(<row r="1048577"><c><v>1</v></c></row>)";
  cases.push_back(
      {"a row beyond Excel's last", testing::make_book(far_row), {}, Errc::kLimitExceeded});
  BookOptions far_column;
  far_column.sheet_xml_rows = R"(<row r="1"><c r="XFE1"><v>1</v></c></row>)";
  cases.push_back(
      {"a column beyond XFD", testing::make_book(far_column), {}, Errc::kLimitExceeded});
  // Found by the fuzzer: the parser still delivered the cell's end after the
  // refusal, and the reader made room for 2^30 cells.
  BookOptions absurd_column;
  absurd_column.sheet_xml_rows = R"(<row r="1"><c r="ZZZZZZZZZZ1"><v>1</v></c></row>)";
  cases.push_back(
      {"a column far beyond XFD", testing::make_book(absurd_column), {}, Errc::kLimitExceeded});
  Limits few_columns;
  few_columns.max_columns = 3;
  BookOptions wide;
  wide.sheet_xml_rows =
      R"(<row r="1"><c><v>1</v></c><c><v>1</v></c><c><v>1</v></c><c><v>1</v></c></row>)";
  cases.push_back(
      {"more columns than allowed", testing::make_book(wide), few_columns, Errc::kLimitExceeded});
  BookOptions bad_utf8;
  bad_utf8.sheet_xml_rows =
      "<row r=\"1\"><c t=\"inlineStr\"><is><t>\xD0\x98\xFF\xFE</t></is></c></row>";
  cases.push_back({"invalid UTF-8", testing::make_book(bad_utf8), {}, Errc::kCorrupt});
  BookOptions latin1;
  latin1.sheet_xml_rows = "<row r=\"1\"><c t=\"inlineStr\"><is><t>caf\xE9</t></is></c></row>";
  auto latin_parts = testing::book_parts(latin1);
  for (auto& part : latin_parts) {
    if (part.name == "xl/worksheets/sheet1.xml") {
      part.data.replace(0, part.data.find("?>") + 2,
                        "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>");
    }
  }
  cases.push_back(
      {"a declared non-UTF-8 encoding", testing::make_zip(latin_parts), {}, Errc::kCorrupt});
  BookOptions missing_string;
  missing_string.sheet_xml_rows = R"(<row r="1"><c r="A1" t="s"><v>3</v></c></row>)";
  cases.push_back({"a shared string index with no table",
                   testing::make_book(missing_string),
                   {},
                   Errc::kCorrupt});
  BookOptions broken_xml;
  broken_xml.sheet_xml_rows = R"(<row r="1"><c r="A1"><v>1</v></row>)";
  cases.push_back({"malformed XML", testing::make_book(broken_xml), {}, Errc::kCorrupt});
  BookOptions bad_number;
  bad_number.sheet_xml_rows = R"(<row r="1"><c r="A1"><v>12abc</v></c></row>)";
  cases.push_back(
      {"a number that is no number", testing::make_book(bad_number), {}, Errc::kCorrupt});
  return cases;
}

TEST(SheetReader, hostile_or_broken_files_are_rejected_with_a_russian_message) {
  for (const auto& c : hostile_cases()) {
    auto rows = read_all(c.bytes, c.limits);
    ASSERT_FALSE(rows.ok()) << c.what;
    EXPECT_EQ(rows.error().code, c.code) << c.what << ": " << rows.error().message;
    EXPECT_NE(rows.error().message.find("Файл"), std::string::npos)
        << c.what << ": " << rows.error().message;
  }
}

TEST(SheetReader, a_missing_file_is_not_found) {
  auto reader = SheetReader::open("/nonexistent/robocall/book.xlsx");
  ASSERT_FALSE(reader.ok());
  EXPECT_EQ(reader.error().code, Errc::kNotFound);
}

}  // namespace
}  // namespace robocall::xlsx
