// Writes the fuzz target's seed corpus into the folder given as argv[1]:
// small workbooks (whole zips) and bare sheet XML covering every cell form.
// Generated at build time so that no binary seed is committed.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "fuzz_zip.h"

namespace {

const std::vector<std::string> kSheets = {
    R"(<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>)"
    R"(<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>)"
    R"(<row r="2"><c r="A2"><v>9161234567</v></c><c r="B2" t="inlineStr"><is><t>Иванов</t></is></c>)"
    R"(<c r="C2" s="2"><v>44580.418055555555</v></c><c r="D2" s="1"><v>30000</v></c></row>)"
    R"(</sheetData></worksheet>)",
    R"(<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>)"
    R"(<row><c><v>1</v></c><c t="b"><v>1</v></c><c t="e"><v>#N/A</v></c><c t="str"><v>x</v></c></row>)"
    R"(<row r="5"><c r="E5" t="d"><v>2022-01-19T10:02:00</v></c><c r="XFD5"><v>60</v></c></row>)"
    R"(</sheetData></worksheet>)",
    R"(<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>)"
    R"(<row r="1"><c r="A1" t="inlineStr"><is><r><t>a_x000D_</t></r><rPh><t>b</t></rPh></is></c></row>)"
    R"(</sheetData></worksheet>)",
};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: xlsx_seed_corpus DIR\n";
    return 2;
  }
  const std::filesystem::path dir = argv[1];
  std::filesystem::create_directories(dir);
  int n = 0;
  auto write = [&](const std::string& bytes) {
    std::ofstream(dir / ("seed-" + std::to_string(n++)), std::ios::binary) << bytes;
  };
  for (const auto& sheet : kSheets) {
    write(sheet);
    write(robocall::fuzz::make_package({sheet, "", "", false}));
    write(robocall::fuzz::make_package(
        {sheet,
         R"(<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>Телефон</t></si><si><t>ФИО</t></si></sst>)",
         R"(<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="22"/></cellXfs></styleSheet>)",
         true}));
  }
  return 0;
}
