#include "xlsx/sheet_reader.h"

#include <charconv>
#include <cstdlib>
#include <deque>
#include <string>
#include <vector>

#include "xlsx/cell_ref.h"
#include "xlsx/excel_date.h"
#include "xlsx/package.h"
#include "xlsx/xml_parser.h"
#include "xlsx/xml_scanner.h"
#include "xlsx/zip_archive.h"

namespace robocall::xlsx {

namespace {

constexpr std::size_t kChunkBytes = 64 * 1024;

std::optional<double> parse_number(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  double value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

// "2022-01-19T10:02:00" (a t="d" cell): the wall-clock time, or nullopt.
std::optional<std::chrono::local_seconds> parse_iso(std::string_view text) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  const std::string copy(text);
  const int n = std::sscanf(copy.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d", &y, &mo, &d, &h, &mi, &s);
  if (n < 3) return std::nullopt;
  const std::chrono::year_month_day date{std::chrono::year{y}, std::chrono::month(mo),
                                         std::chrono::day(d)};
  if (!date.ok() || h > 23 || mi > 59 || s > 59) return std::nullopt;
  return std::chrono::local_days{date} + std::chrono::hours{h} + std::chrono::minutes{mi} +
         std::chrono::seconds{s};
}

enum class ValueKind { kNumber, kShared, kInline, kString, kBool, kError, kIsoDate };

// The value of the unprefixed one-letter attribute `name` of a worksheet
// element, or nullptr (XmlScanner reports attribute names as written).
const char* short_attr(const char** attrs, char name) {
  for (const char** a = attrs; *a != nullptr; a += 2) {
    if (a[0][0] == name && a[0][1] == '\0') return a[1];
  }
  return nullptr;
}

}  // namespace

struct SheetReader::Impl : XmlHandler {
  Impl(ZipArchive&& z, Limits l) : zip(std::move(z)), limits(l) {}

  ZipArchive zip;
  Limits limits;
  SharedStrings strings;
  std::vector<bool> date_xf;
  bool date1904 = false;
  std::optional<PartStream> stream;
  std::unique_ptr<XmlScanner> parser;
  std::unique_ptr<char[]> buffer;
  bool finished = false;
  std::deque<Row> ready;

  // Parse state of the current row and cell.
  Row row;
  std::size_t row_width = 0;  // cells of the last row: the next one reserves as many
  bool in_row = false;
  bool row_has_value = false;
  int last_row = 0;
  int next_column = 0;
  bool in_cell = false;
  int column = 0;
  ValueKind kind = ValueKind::kNumber;
  bool date_style = false;
  bool in_value = false;  // inside <v>, or <t> of an inline string outside <rPh>
  bool in_inline = false;
  int phonetic_depth = 0;
  std::string text;
  bool has_value = false;

  void on_start(std::string_view name, const char** attrs) override {
    if (name == "row") {
      start_row(attrs);
    } else if (name == "c") {
      start_cell(attrs);
    } else if (!in_cell) {
      return;
    } else if (name == "v") {
      in_value = true;
      has_value = true;
    } else if (name == "is") {
      in_inline = true;
      has_value = true;
    } else if (name == "rPh") {
      ++phonetic_depth;
    } else if (name == "t" && in_inline && phonetic_depth == 0) {
      in_value = true;
    }
  }

  void on_end(std::string_view name) override {
    if (name == "v" || name == "t") {
      in_value = false;
    } else if (name == "is") {
      in_inline = false;
    } else if (name == "rPh") {
      --phonetic_depth;
    } else if (name == "c") {
      end_cell();
    } else if (name == "row") {
      in_row = false;
      row_width = row.cells.size();
      if (row_has_value) ready.push_back(std::move(row));
      row = Row{};
    }
  }

  void on_text(std::string_view data) override {
    if (!in_value) return;
    text += data;
    if (text.size() > limits.max_text_bytes) {
      failure = Error::limit("Файл XLSX отклонён: слишком длинный текст в ячейке (строка " +
                             std::to_string(row.number) + ").");
    }
  }

  void start_row(const char** attrs) {
    int number = last_row + 1;
    if (const char* r = short_attr(attrs, 'r')) {
      const auto value = parse_number(r);
      if (!value || *value < 1 || *value != static_cast<double>(static_cast<long long>(*value))) {
        failure = Error::corrupt(std::string("Файл XLSX повреждён: неверный номер строки \"") + r +
                                 "\".");
        return;
      }
      number = *value > limits.max_rows ? limits.max_rows + 1 : static_cast<int>(*value);
    }
    if (number > limits.max_rows) {
      failure = Error::limit("Файл XLSX отклонён: номер строки " + std::to_string(number) +
                             " за пределами листа Excel.");
      return;
    }
    in_row = true;
    row_has_value = false;
    row = Row{};
    row.cells.reserve(row_width);
    row.number = number;
    last_row = number;
    next_column = 0;
  }

  void start_cell(const char** attrs) {
    if (!in_row) {
      failure = Error::corrupt("Файл XLSX повреждён: ячейка вне строки.");
      return;
    }
    // One pass over the attributes: a sheet has a million cells.
    const char* r = nullptr;
    const char* t = nullptr;
    const char* s = nullptr;
    for (const char** a = attrs; *a != nullptr; a += 2) {
      const char* name = a[0];
      if (name[0] == '\0' || name[1] != '\0') continue;
      if (name[0] == 'r') r = a[1];
      if (name[0] == 't') t = a[1];
      if (name[0] == 's') s = a[1];
    }
    int at = next_column;
    if (r != nullptr) {
      const auto ref = parse_cell_ref(r);
      if (!ref) {
        failure = Error::corrupt(std::string("Файл XLSX повреждён: неверный адрес ячейки \"") + r +
                                 "\".");
        return;
      }
      at = ref->column;
    }
    if (at < 0 || at >= limits.max_columns) {
      failure = Error::limit("Файл XLSX отклонён: слишком много столбцов (строка " +
                             std::to_string(row.number) + ").");
      return;
    }
    column = at;
    next_column = column + 1;
    kind = ValueKind::kNumber;
    if (t != nullptr) {
      const std::string_view type(t);
      if (type == "s")
        kind = ValueKind::kShared;
      else if (type == "inlineStr")
        kind = ValueKind::kInline;
      else if (type == "str")
        kind = ValueKind::kString;
      else if (type == "b")
        kind = ValueKind::kBool;
      else if (type == "e")
        kind = ValueKind::kError;
      else if (type == "d")
        kind = ValueKind::kIsoDate;
    }
    date_style = false;
    if (s != nullptr) {
      const auto index = parse_number(s);
      date_style = index && *index >= 0 && *index < static_cast<double>(date_xf.size()) &&
                   date_xf[static_cast<std::size_t>(*index)];
    }
    in_cell = true;
    in_inline = false;
    in_value = false;
    has_value = false;
    phonetic_depth = 0;
    text.clear();
  }

  void end_cell() {
    in_cell = false;
    // After a failure the parser may still deliver this element's end: the
    // cell it closes was never accepted (its column may be out of range).
    if (failure || !has_value) return;
    Cell cell;
    switch (kind) {
      case ValueKind::kShared: {
        const auto index = parse_number(text);
        if (!index || *index < 0 || *index >= static_cast<double>(strings.size())) {
          failure = Error::corrupt("Файл XLSX повреждён: ссылка на несуществующую строку (строка " +
                                   std::to_string(row.number) + ").");
          return;
        }
        cell.type = CellType::kText;
        cell.text = strings.at(static_cast<std::size_t>(*index));
        break;
      }
      case ValueKind::kInline:
      case ValueKind::kString:
        cell.type = CellType::kText;
        decode_ooxml_escapes(text);
        cell.text = text;
        break;
      case ValueKind::kBool:
        cell.type = CellType::kBool;
        cell.number = (text == "1" || text == "true") ? 1 : 0;
        break;
      case ValueKind::kError:
        cell.type = CellType::kError;
        cell.text = text;
        break;
      case ValueKind::kIsoDate:
        if (auto date = parse_iso(text)) {
          cell.type = CellType::kDate;
          cell.date = *date;
          cell.number = local_to_serial(*date, date1904);
        } else {
          cell.type = CellType::kText;
          cell.text = text;
        }
        break;
      case ValueKind::kNumber: {
        const auto value = parse_number(text);
        if (!value) {
          failure = Error::corrupt("Файл XLSX повреждён: неверное число в строке " +
                                   std::to_string(row.number) + ".");
          return;
        }
        cell.type = CellType::kNumber;
        cell.number = *value;
        if (date_style) {
          if (auto date = serial_to_local(*value, date1904)) {
            cell.type = CellType::kDate;
            cell.date = *date;
          }
        }
        break;
      }
    }
    if (cell.type == CellType::kText && cell.text.empty()) return;
    if (static_cast<std::size_t>(column) >= row.cells.size()) {
      row.cells.resize(static_cast<std::size_t>(column) + 1);
    }
    row.cells[static_cast<std::size_t>(column)] = std::move(cell);
    row_has_value = true;
  }

  Status pump() {
    auto n = stream->read(buffer.get(), kChunkBytes);
    if (!n) return n.error();
    if (*n == 0) finished = true;
    return parser->feed(std::string_view(buffer.get(), *n), *n == 0);
  }
};

SheetReader::SheetReader(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
SheetReader::SheetReader(SheetReader&&) noexcept = default;
SheetReader& SheetReader::operator=(SheetReader&&) noexcept = default;
SheetReader::~SheetReader() = default;

bool SheetReader::date1904() const {
  return impl_->date1904;
}

Result<SheetReader> SheetReader::from_archive(ZipArchive&& zip, const Limits& limits) {
  auto impl = std::make_unique<Impl>(std::move(zip), limits);
  auto book = read_workbook(impl->zip);
  if (!book) return book.error();
  impl->date1904 = book->date1904;
  if (!book->styles_part.empty()) {
    auto styles = read_date_styles(impl->zip, book->styles_part);
    if (!styles) return styles.error();
    impl->date_xf = std::move(*styles);
  }
  if (!book->shared_strings_part.empty()) {
    auto strings = SharedStrings::read(impl->zip, book->shared_strings_part, limits);
    if (!strings) return strings.error();
    impl->strings = std::move(*strings);
  }
  auto stream = impl->zip.open_part(book->sheet_part);
  if (!stream) return stream.error();
  impl->stream.emplace(std::move(*stream));
  impl->parser = std::make_unique<XmlScanner>(*impl, book->sheet_part);
  impl->buffer = std::make_unique<char[]>(kChunkBytes);
  return SheetReader(std::move(impl));
}

Result<SheetReader> SheetReader::open(const std::filesystem::path& path, const Limits& limits) {
  auto zip = ZipArchive::open_file(path, limits);
  if (!zip) return zip.error();
  return from_archive(std::move(*zip), limits);
}

Result<SheetReader> SheetReader::open_memory(std::string_view data, const Limits& limits) {
  auto zip = ZipArchive::open_memory(data, limits);
  if (!zip) return zip.error();
  return from_archive(std::move(*zip), limits);
}

Result<bool> SheetReader::next(Row& row) {
  Impl& impl = *impl_;
  while (impl.ready.empty() && !impl.finished) {
    if (auto status = impl.pump(); !status) {
      impl.finished = true;
      impl.ready.clear();
      return status.error();
    }
  }
  if (impl.ready.empty()) return false;
  row = std::move(impl.ready.front());
  impl.ready.pop_front();
  return true;
}

}  // namespace robocall::xlsx
