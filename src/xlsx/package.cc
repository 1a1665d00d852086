#include "xlsx/package.h"

#include <charconv>
#include <map>
#include <memory>

#include "xlsx/excel_date.h"
#include "xlsx/xml_parser.h"

namespace robocall::xlsx {

namespace {

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool truthy(const char* value) {
  return value != nullptr && (std::string_view(value) == "1" || std::string_view(value) == "true");
}

std::optional<int> to_int(const char* value) {
  if (value == nullptr) return std::nullopt;
  std::string_view s(value);
  int n = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
  if (ec != std::errc() || ptr != s.data() + s.size()) return std::nullopt;
  return n;
}

class RelationshipsHandler : public XmlHandler {
 public:
  RelationshipsHandler(std::string_view source) : source_(source) {}
  void on_start(std::string_view name, const char** attrs) override {
    if (name != "Relationship") return;
    const char* id = attr(attrs, "Id");
    const char* type = attr(attrs, "Type");
    const char* target = attr(attrs, "Target");
    const char* mode = attr(attrs, "TargetMode");
    if (id == nullptr || type == nullptr || target == nullptr) return;
    if (mode != nullptr && std::string_view(mode) == "External") return;
    rels.push_back({id, type, resolve_target(source_, target)});
  }
  void on_end(std::string_view) override {}
  void on_text(std::string_view) override {}

  std::vector<Relationship> rels;

 private:
  std::string_view source_;
};

class WorkbookHandler : public XmlHandler {
 public:
  void on_start(std::string_view name, const char** attrs) override {
    if (name == "workbookPr") {
      date1904 = truthy(attr(attrs, "date1904"));
    } else if (name == "sheet" && first_sheet_rid.empty()) {
      if (const char* rid = attr(attrs, "id", true)) first_sheet_rid = rid;
    }
  }
  void on_end(std::string_view) override {}
  void on_text(std::string_view) override {}

  bool date1904 = false;
  std::string first_sheet_rid;
};

class StylesHandler : public XmlHandler {
 public:
  void on_start(std::string_view name, const char** attrs) override {
    if (name == "numFmt") {
      const auto id = to_int(attr(attrs, "numFmtId"));
      const char* code = attr(attrs, "formatCode");
      if (id && code != nullptr) custom_date_[*id] = is_date_format_code(code);
    } else if (name == "cellXfs") {
      in_cell_xfs_ = true;
    } else if (name == "xf" && in_cell_xfs_) {
      const int id = to_int(attr(attrs, "numFmtId")).value_or(0);
      const auto custom = custom_date_.find(id);
      date_xf.push_back(custom != custom_date_.end() ? custom->second : is_builtin_date_format(id));
    }
  }
  void on_end(std::string_view name) override {
    if (name == "cellXfs") in_cell_xfs_ = false;
  }
  void on_text(std::string_view) override {}

  std::vector<bool> date_xf;

 private:
  std::map<int, bool> custom_date_;
  bool in_cell_xfs_ = false;
};

}  // namespace

Error shared_strings_too_big() {
  return Error::limit(
      "Файл XLSX отклонён: таблица строк слишком большая (больше 256 МБ в памяти). Разделите "
      "файл на несколько.");
}

class SharedStringsHandler : public XmlHandler {
 public:
  SharedStringsHandler(SharedStrings& out, const Limits& limits) : out_(out), limits_(limits) {}
  void on_start(std::string_view name, const char** attrs) override {
    if (name == "sst") {
      // The declared number of strings, before a single one is read.
      if (const char* value = attr(attrs, "uniqueCount"); value != nullptr) {
        const std::string_view v(value);
        std::uint64_t n = 0;
        const auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
        if (ec == std::errc::result_out_of_range ||
            (ec == std::errc() &&
             n > limits_.max_shared_strings_bytes / SharedStrings::kEntryBytes))
          failure = shared_strings_too_big();
      }
    } else if (name == "si") {
      in_si_ = true;
      text_.clear();
    } else if (name == "rPh") {
      ++phonetic_depth_;
    } else if (name == "t" && in_si_ && phonetic_depth_ == 0) {
      in_t_ = true;
    }
  }
  void on_end(std::string_view name) override {
    if (name == "si") {
      in_si_ = false;
      decode_ooxml_escapes(text_);
      out_.pool_ += text_;
      out_.ends_.push_back(out_.pool_.size());
      if (out_.pool_.size() + out_.ends_.size() * SharedStrings::kEntryBytes >
          limits_.max_shared_strings_bytes)
        failure = shared_strings_too_big();
    } else if (name == "rPh") {
      --phonetic_depth_;
    } else if (name == "t") {
      in_t_ = false;
    }
  }
  void on_text(std::string_view text) override {
    if (!in_t_) return;
    text_ += text;
    if (text_.size() > limits_.max_text_bytes) {
      failure = Error::limit("Файл XLSX отклонён: слишком длинная строка в таблице строк.");
    }
  }

 private:
  SharedStrings& out_;
  const Limits& limits_;
  std::string text_;
  bool in_si_ = false;
  bool in_t_ = false;
  int phonetic_depth_ = 0;
};

std::string resolve_target(std::string_view source_part, std::string_view target) {
  std::string path;
  if (!target.empty() && target.front() == '/') {
    path = target.substr(1);
  } else {
    const auto slash = source_part.rfind('/');
    if (slash != std::string_view::npos) path = source_part.substr(0, slash + 1);
    path += target;
  }
  std::vector<std::string> segments;
  std::size_t begin = 0;
  while (begin <= path.size()) {
    auto end = path.find('/', begin);
    if (end == std::string::npos) end = path.size();
    const std::string segment = path.substr(begin, end - begin);
    if (segment == "..") {
      if (!segments.empty()) segments.pop_back();
    } else if (!segment.empty() && segment != ".") {
      segments.push_back(segment);
    }
    begin = end + 1;
  }
  std::string resolved;
  for (const auto& segment : segments) {
    if (!resolved.empty()) resolved += '/';
    resolved += segment;
  }
  return resolved;
}

std::string rels_part_of(std::string_view part) {
  const auto slash = part.rfind('/');
  const std::string_view folder = slash == std::string_view::npos ? "" : part.substr(0, slash + 1);
  const std::string_view file = slash == std::string_view::npos ? part : part.substr(slash + 1);
  return std::string(folder) + "_rels/" + std::string(file) + ".rels";
}

Result<std::vector<Relationship>> read_relationships(ZipArchive& zip, const std::string& part) {
  const std::string rels = part.empty() ? "_rels/.rels" : rels_part_of(part);
  if (!zip.find(rels)) return std::vector<Relationship>{};
  auto data = zip.read_part(rels);
  if (!data) return data.error();
  RelationshipsHandler handler(part);
  if (auto status = parse_xml(handler, rels, *data); !status) return status.error();
  return std::move(handler.rels);
}

Result<Workbook> read_workbook(ZipArchive& zip) {
  Workbook book;
  auto package_rels = read_relationships(zip, "");
  if (!package_rels) return package_rels.error();
  for (const auto& rel : *package_rels) {
    if (ends_with(rel.type, "/officeDocument")) {
      book.part = rel.target;
      break;
    }
  }
  if (book.part.empty()) book.part = "xl/workbook.xml";
  if (!zip.find(book.part)) {
    return Error::invalid("Файл не является книгой XLSX: в архиве нет книги (" + book.part + ").");
  }
  auto data = zip.read_part(book.part);
  if (!data) return data.error();
  WorkbookHandler handler;
  if (auto status = parse_xml(handler, book.part, *data); !status) return status.error();
  book.date1904 = handler.date1904;

  auto rels = read_relationships(zip, book.part);
  if (!rels) return rels.error();
  for (const auto& rel : *rels) {
    if (rel.id == handler.first_sheet_rid) book.sheet_part = rel.target;
    if (ends_with(rel.type, "/styles")) book.styles_part = rel.target;
    if (ends_with(rel.type, "/sharedStrings")) book.shared_strings_part = rel.target;
  }
  if (handler.first_sheet_rid.empty() || book.sheet_part.empty() || !zip.find(book.sheet_part)) {
    return Error::invalid("Файл XLSX не содержит листа с данными.");
  }
  if (!book.styles_part.empty() && !zip.find(book.styles_part)) book.styles_part.clear();
  if (!book.shared_strings_part.empty() && !zip.find(book.shared_strings_part)) {
    book.shared_strings_part.clear();
  }
  return book;
}

Result<std::vector<bool>> read_date_styles(ZipArchive& zip, const std::string& part) {
  auto data = zip.read_part(part);
  if (!data) return data.error();
  StylesHandler handler;
  if (auto status = parse_xml(handler, part, *data); !status) return status.error();
  return std::move(handler.date_xf);
}

Result<SharedStrings> SharedStrings::read(ZipArchive& zip, const std::string& part,
                                          const Limits& limits) {
  SharedStrings strings;
  auto size = zip.part_size(part);
  if (!size) return size.error();
  if (*size > limits.max_shared_strings_bytes) return shared_strings_too_big();
  auto stream = zip.open_part(part);
  if (!stream) return stream.error();
  SharedStringsHandler handler(strings, limits);
  XmlParser parser(handler, part);
  auto buffer = std::make_unique<char[]>(65536);
  for (;;) {
    auto n = stream->read(buffer.get(), 65536);
    if (!n) return n.error();
    if (auto status = parser.feed(std::string_view(buffer.get(), *n), *n == 0); !status) {
      return status.error();
    }
    if (*n == 0) break;
  }
  return strings;
}

void decode_ooxml_escapes(std::string& text) {
  if (text.find("_x") == std::string::npos) return;
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    unsigned code = 0;
    if (text[i] == '_' && i + 6 < text.size() && text[i + 1] == 'x' && text[i + 6] == '_') {
      auto [ptr, ec] = std::from_chars(text.data() + i + 2, text.data() + i + 6, code, 16);
      if (ec == std::errc() && ptr == text.data() + i + 6) {
        if (code < 0x80) {
          out += static_cast<char>(code);
        } else if (code < 0x800) {
          out += static_cast<char>(0xC0 | (code >> 6));
          out += static_cast<char>(0x80 | (code & 0x3F));
        } else if (code < 0xD800 || code > 0xDFFF) {
          out += static_cast<char>(0xE0 | (code >> 12));
          out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
          out += static_cast<char>(0x80 | (code & 0x3F));
        } else {
          out.append(text, i, 7);
        }
        i += 6;
        continue;
      }
    }
    out += text[i];
  }
  text = std::move(out);
}

}  // namespace robocall::xlsx
