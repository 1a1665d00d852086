// libFuzzer target for the XLSX reader. An input starting with "PK" is read
// as a whole XLSX file; any other input is the worksheet XML of an otherwise
// valid package (so the fuzzer reaches the sheet parser without having to
// forge zip checksums). Every row is read; errors are expected, crashes,
// leaks and undefined behaviour are not.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_zip.h"
#include "xlsx/sheet_reader.h"

namespace {

constexpr std::string_view kStrings =
    R"(<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)"
    R"(<si><t>Телефон</t></si><si><r><t>Ив</t></r><r><t>анов</t></r><rPh><t>x</t></rPh></si></sst>)";
constexpr std::string_view kStyles =
    R"(<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)"
    R"(<numFmts><numFmt numFmtId="164" formatCode="dd.mm.yyyy hh:mm"/></numFmts>)"
    R"(<cellXfs><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/></cellXfs></styleSheet>)";

void read_everything(std::string_view bytes) {
  robocall::xlsx::Limits limits;
  limits.max_uncompressed_bytes = 16 << 20;
  auto reader = robocall::xlsx::SheetReader::open_memory(bytes, limits);
  if (!reader) return;
  robocall::xlsx::Row row;
  while (true) {
    auto more = reader->next(row);
    if (!more || !*more) return;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  if (input.substr(0, 2) == "PK") {
    read_everything(input);
  } else {
    const std::string package = robocall::fuzz::make_package({input, kStrings, kStyles, false});
    read_everything(package);
  }
  return 0;
}
