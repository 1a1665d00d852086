#include "http/message.h"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace robocall::http {
namespace {

char lower(char c) {
  return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                            [](char x, char y) { return lower(x) == lower(y); });
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::optional<std::int64_t> parse_number(std::string_view s) {
  if (s.empty() || s.size() > 18) return std::nullopt;
  std::int64_t n = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
  if (ec != std::errc{} || end != s.data() + s.size() || n < 0) return std::nullopt;
  return n;
}

// A parameter of a header value: `boundary` in `multipart/form-data; boundary=x`.
std::optional<std::string> header_param(std::string_view value, std::string_view name) {
  std::size_t pos = 0;
  while ((pos = value.find(';', pos)) != std::string_view::npos) {
    ++pos;
    auto end = value.find(';', pos);
    auto item = trim(value.substr(pos, end == std::string_view::npos ? end : end - pos));
    auto eq = item.find('=');
    if (eq != std::string_view::npos && iequals(trim(item.substr(0, eq)), name)) {
      auto v = trim(item.substr(eq + 1));
      if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
      return std::string(v);
    }
  }
  return std::nullopt;
}

const FormFile kNoFile;

}  // namespace

bool CaseInsensitiveLess::operator()(std::string_view a, std::string_view b) const {
  return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(),
                                      [](char x, char y) { return lower(x) < lower(y); });
}

bool Request::has_header(std::string_view key) const {
  return headers.find(key) != headers.end();
}

std::string Request::get_header_value(std::string_view key) const {
  auto it = headers.find(key);
  return it == headers.end() ? std::string() : it->second;
}

bool Request::has_param(std::string_view key) const {
  return params.find(std::string(key)) != params.end();
}

std::string Request::get_param_value(std::string_view key) const {
  auto it = params.find(std::string(key));
  return it == params.end() ? std::string() : it->second;
}

bool Request::has_body() const {
  auto length = get_header_value("Content-Length");
  return (!length.empty() && length.find_first_not_of('0') != std::string::npos) ||
         has_header("Transfer-Encoding");
}

bool Request::is_multipart_form_data() const {
  auto type = get_header_value("Content-Type");
  return iequals(std::string_view(type).substr(0, 19), "multipart/form-data");
}

bool Request::has_file(std::string_view name) const {
  return files.find(std::string(name)) != files.end();
}

const FormFile& Request::get_file_value(std::string_view name) const {
  auto it = files.find(std::string(name));
  return it == files.end() ? kNoFile : it->second;
}

void Response::set_header(std::string_view key, std::string_view value) {
  // Set-Cookie may repeat; any other header is replaced.
  if (!iequals(key, "Set-Cookie")) headers.erase(std::string(key));
  headers.emplace(std::string(key), std::string(value));
}

bool Response::has_header(std::string_view key) const {
  return headers.find(key) != headers.end();
}

std::string Response::get_header_value(std::string_view key) const {
  auto it = headers.find(key);
  return it == headers.end() ? std::string() : it->second;
}

void Response::set_content(std::string content, std::string_view content_type) {
  body = std::move(content);
  file.reset();
  open_file.reset();
  set_header("Content-Type", content_type);
}

void Response::set_file(std::filesystem::path path, std::string_view content_type) {
  body.clear();
  file = std::move(path);
  open_file.reset();
  set_header("Content-Type", content_type);
}

void Response::set_open_file(UniqueFd fd, std::string_view content_type) {
  body.clear();
  file.reset();
  open_file = std::move(fd);
  set_header("Content-Type", content_type);
}

std::string percent_decode(std::string_view text, bool plus_as_space) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '%' && i + 2 < text.size()) {
      int hi = hex_value(text[i + 1]);
      int lo = hex_value(text[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
        continue;
      }
    }
    out += (plus_as_space && c == '+') ? ' ' : c;
  }
  return out;
}

Params parse_query(std::string_view query) {
  Params out;
  std::size_t pos = 0;
  while (pos <= query.size()) {
    auto end = query.find('&', pos);
    if (end == std::string_view::npos) end = query.size();
    auto item = query.substr(pos, end - pos);
    if (!item.empty()) {
      auto eq = item.find('=');
      auto key = item.substr(0, eq);
      auto value = eq == std::string_view::npos ? std::string_view() : item.substr(eq + 1);
      out.emplace(percent_decode(key, true), percent_decode(value, true));
    }
    pos = end + 1;
  }
  return out;
}

std::vector<ByteRange> parse_ranges(std::string_view header) {
  header = trim(header);
  if (!header.starts_with("bytes=")) return {};
  auto spec = trim(header.substr(6));
  if (spec.find(',') != std::string_view::npos) return {};  // several ranges: the whole body
  auto dash = spec.find('-');
  if (dash == std::string_view::npos) return {};
  auto first_text = trim(spec.substr(0, dash));
  auto last_text = trim(spec.substr(dash + 1));
  if (first_text.empty()) {
    auto suffix = parse_number(last_text);
    if (!suffix) return {};
    return {{-1, *suffix}};
  }
  auto first = parse_number(first_text);
  if (!first) return {};
  if (last_text.empty()) return {{*first, -1}};
  auto last = parse_number(last_text);
  if (!last || *last < *first) return {};
  return {{*first, *last}};
}

std::optional<ByteSpan> resolve_range(const ByteRange& range, std::uint64_t size) {
  auto [first, last] = range;
  if (first < 0) {  // the last `last` bytes
    if (last <= 0 || size == 0) return std::nullopt;
    auto n = std::min<std::uint64_t>(static_cast<std::uint64_t>(last), size);
    return ByteSpan{size - n, n};
  }
  auto begin = static_cast<std::uint64_t>(first);
  if (begin >= size) return std::nullopt;
  std::uint64_t end = last < 0 ? size - 1 : std::min<std::uint64_t>(last, size - 1);
  return ByteSpan{begin, end - begin + 1};
}

std::optional<std::map<std::string, FormFile>> parse_multipart(std::string_view content_type,
                                                               std::string_view body) {
  auto boundary = header_param(content_type, "boundary");
  if (!boundary || boundary->empty() || boundary->size() > 200) return std::nullopt;
  const std::string delimiter = "--" + *boundary;
  std::map<std::string, FormFile> out;
  auto pos = body.find(delimiter);
  if (pos == std::string_view::npos) return std::nullopt;
  pos += delimiter.size();
  for (;;) {
    if (body.substr(pos, 2) == "--") return out;  // the closing delimiter
    if (body.substr(pos, 2) != "\r\n") return std::nullopt;
    pos += 2;
    auto head_end = body.find("\r\n\r\n", pos);
    if (head_end == std::string_view::npos) return std::nullopt;
    auto head = body.substr(pos, head_end - pos);
    auto next = body.find("\r\n" + delimiter, head_end + 4);
    if (next == std::string_view::npos) return std::nullopt;
    FormFile part;
    part.content = std::string(body.substr(head_end + 4, next - head_end - 4));
    std::optional<std::string> name;
    std::size_t line_start = 0;
    while (line_start <= head.size()) {
      auto line_end = head.find("\r\n", line_start);
      if (line_end == std::string_view::npos) line_end = head.size();
      auto line = head.substr(line_start, line_end - line_start);
      auto colon = line.find(':');
      if (colon != std::string_view::npos) {
        auto key = trim(line.substr(0, colon));
        auto value = trim(line.substr(colon + 1));
        if (iequals(key, "Content-Disposition")) {
          name = header_param(value, "name");
          part.filename = header_param(value, "filename").value_or("");
        } else if (iequals(key, "Content-Type")) {
          part.content_type = std::string(value);
        }
      }
      line_start = line_end + 2;
    }
    if (name) out.emplace(*name, std::move(part));
    pos = next + 2 + delimiter.size();
  }
}

}  // namespace robocall::http
