#include "xlsx/xml_scanner.h"

#include <algorithm>
#include <cstring>

#include "xlsx/xml_chars.h"

namespace robocall::xlsx {

namespace {

constexpr std::size_t kMaxMarkup = std::size_t{1} << 20;
constexpr std::size_t kMaxDepth = 1000;
// The names of the elements open at once, together (worksheets nest a few
// short names): a few kilobytes of input cannot hold a gigabyte of them.
constexpr std::size_t kMaxOpenNames = 64 * 1024;
// Attributes of one tag compared pairwise up to this many, sorted beyond:
// a 1 MiB tag holds 200,000 of them.
constexpr std::size_t kPairwiseAttributes = 8;
constexpr auto npos = std::string::npos;
constexpr std::string_view kBom = "\xEF\xBB\xBF";

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

bool is_name_start(char ch) {
  const auto c = static_cast<unsigned char>(ch);
  const unsigned lower = c | 0x20u;
  return (lower >= 'a' && lower <= 'z') || c == '_' || c == ':' || c >= 0x80;
}

bool is_name_char(char ch) {
  return is_name_start(ch) || (ch >= '0' && ch <= '9') || ch == '-' || ch == '.';
}

// Worksheets are mostly one long line: memchr finds the few line ends fast.
std::int64_t count_lines(const char* p, std::size_t n) {
  std::int64_t lines = 0;
  const char* end = p + n;
  while (const void* nl = std::memchr(p, '\n', static_cast<std::size_t>(end - p))) {
    ++lines;
    p = static_cast<const char*>(nl) + 1;
  }
  return lines;
}

std::string_view local_name(std::string_view name) {
  const auto cut = name.rfind(':');
  return cut == npos ? name : name.substr(cut + 1);
}

// Bytes that text needs to look at: references, line ends, "]]>".
constexpr bool special_in_text(char c) {
  return c == '&' || c == '\r' || c == ']';
}
// And in attribute values: whitespace becomes a space, '<' is refused.
constexpr bool special_in_attribute(char c) {
  return c == '&' || c == '\r' || c == '\n' || c == '\t' || c == '<';
}

}  // namespace

XmlScanner::XmlScanner(XmlHandler& handler, std::string part)
    : handler_(handler), part_(std::move(part)) {}

Status XmlScanner::feed(std::string_view data, bool final) {
  if (failed_) return error();
  if (pos_ > 0) {
    lines_ += count_lines(buf_.data(), pos_);
    buf_.erase(0, pos_);
    dropped_ += pos_;
    pos_ = 0;
  }
  const std::size_t old = buf_.size();
  buf_.append(data);
  const std::size_t bad =
      utf8_.feed(reinterpret_cast<const unsigned char*>(buf_.data()) + old, data.size());
  if (bad != data.size() || (final && !utf8_.complete())) {
    pos_ = old + bad;
    fail("not well-formed (invalid token)");
    return error();
  }
  if (!started_) {
    if (!final && buf_.size() < kBom.size() && kBom.starts_with(buf_)) return {};
    if (std::string_view(buf_).starts_with(kBom)) pos_ = kBom.size();
    document_start_ = dropped_ + pos_;
    started_ = true;
  }
  while (pos_ < buf_.size()) {
    Step step = Step::kDone;
    if (buf_[pos_] == '<') {
      step = markup(final);
    } else {
      const void* lt = std::memchr(buf_.data() + pos_, '<', buf_.size() - pos_);
      std::size_t end = lt != nullptr
                            ? static_cast<std::size_t>(static_cast<const char*>(lt) - buf_.data())
                            : buf_.size();
      if (lt == nullptr && !final) {
        end = safe_text_end(pos_, end);
        if (end == npos) return error();
        if (end == pos_) break;
      }
      step = starts_.empty() ? outside_text(pos_, end) : text(pos_, end, Mode::kText);
      if (step == Step::kDone) pos_ = end;
    }
    if (step == Step::kFailed) return error();
    if (step == Step::kMore) break;
  }
  if (final) {
    if (!root_seen_) {
      fail("no element found");
      return error();
    }
    if (!starts_.empty()) {
      fail("unclosed element");
      return error();
    }
  }
  return {};
}

std::size_t XmlScanner::safe_text_end(std::size_t begin, std::size_t end) {
  const char* p = buf_.data();
  std::size_t cut = end;
  // A reference not finished yet waits for its end.
  if (const void* amp = memrchr(p + begin, '&', end - begin)) {
    const auto at = static_cast<std::size_t>(static_cast<const char*>(amp) - p);
    if (std::memchr(p + at, ';', end - at) == nullptr) {
      if (end - at > kMaxMarkup) {
        pos_ = at;
        fail("reference longer than 1 MiB");
        return npos;
      }
      cut = at;
    }
  }
  // "\r\n" and "]]>" are decided by the bytes that follow.
  if (cut > begin && p[cut - 1] == '\r') {
    --cut;
  } else {
    for (int i = 0; i < 2 && cut > begin && p[cut - 1] == ']'; ++i) --cut;
  }
  // A character split between two pieces goes out whole.
  for (int i = 0; i < 3 && cut > begin && (static_cast<unsigned char>(p[cut - 1]) & 0xC0) == 0x80;
       ++i)
    --cut;
  if (cut > begin && static_cast<unsigned char>(p[cut - 1]) >= 0xC0) --cut;
  return cut;
}

XmlScanner::Step XmlScanner::markup(bool final) {
  const char* p = buf_.data();
  const std::size_t n = buf_.size();
  const std::size_t avail = n - pos_;
  if (avail < 2) return incomplete(final);
  const std::string_view rest(p + pos_, avail);
  const char second = p[pos_ + 1];
  if (second == '/') {
    const void* gt = std::memchr(p + pos_ + 2, '>', avail - 2);
    if (gt == nullptr) return incomplete(final);
    return end_tag(static_cast<std::size_t>(static_cast<const char*>(gt) - p));
  }
  if (second == '?') return instruction(final);
  if (second == '!') {
    constexpr std::string_view kComment = "<!--";
    constexpr std::string_view kCdata = "<![CDATA[";
    constexpr std::string_view kDoctype = "<!DOCTYPE";
    if (rest.starts_with(kDoctype)) {
      pos_ = n;
      failed_ = true;
      if (!handler_.failure) handler_.failure = xml_doctype_error();
      return Step::kFailed;
    }
    if (rest.starts_with(kComment)) {
      // "--" may appear only as the comment's end.
      const auto dashes = rest.find("--", kComment.size());
      if (dashes == npos || dashes + 2 >= rest.size()) return incomplete(final);
      if (rest[dashes + 2] != '>') return fail("not well-formed (invalid token)");
      pos_ += dashes + 3;
      return Step::kDone;
    }
    if (rest.starts_with(kCdata)) {
      if (starts_.empty()) return fail("not well-formed (invalid token)");
      const auto close = rest.find("]]>", kCdata.size());
      if (close == npos) return incomplete(final);
      const Step step = text(pos_ + kCdata.size(), pos_ + close, Mode::kCdata);
      if (step == Step::kDone) pos_ += close + 3;
      return step;
    }
    const bool prefix = (rest.size() < kComment.size() && kComment.starts_with(rest)) ||
                        (rest.size() < kCdata.size() && kCdata.starts_with(rest)) ||
                        (rest.size() < kDoctype.size() && kDoctype.starts_with(rest));
    return prefix ? incomplete(final) : fail("not well-formed (invalid token)");
  }
  // A start tag ends at the first '>' outside a quoted value.
  char quote = 0;
  for (std::size_t i = pos_ + 1; i < n; ++i) {
    const char c = p[i];
    if (quote != 0) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '>') {
      return start_tag(i);
    } else if (c == '<') {
      return fail("not well-formed (invalid token)");
    }
  }
  return incomplete(final);
}

XmlScanner::Step XmlScanner::incomplete(bool final) {
  if (final) return fail("unclosed token");
  if (buf_.size() - pos_ > kMaxMarkup) return fail("markup longer than 1 MiB");
  return Step::kMore;
}

XmlScanner::Step XmlScanner::instruction(bool final) {
  const std::string_view rest(buf_.data() + pos_, buf_.size() - pos_);
  const auto end = rest.find("?>", 2);
  if (end == npos) return incomplete(final);
  std::size_t i = 2;
  if (!is_name_start(rest[i])) return fail("not well-formed (invalid token)");
  while (i < end && is_name_char(rest[i])) ++i;
  const std::string_view target = rest.substr(2, i - 2);
  if (i < end && !is_space(rest[i])) return fail("not well-formed (invalid token)");
  const bool xml = target.size() == 3 && (target[0] | 0x20) == 'x' && (target[1] | 0x20) == 'm' &&
                   (target[2] | 0x20) == 'l';
  // Only the XML declaration may be called "xml", and only at the very
  // start: nothing read before it, not even whitespace.
  if (xml && (target != "xml" || dropped_ + pos_ != document_start_))
    return fail("XML or text declaration not at start of entity");
  pos_ += end + 2;
  return Step::kDone;
}

XmlScanner::Step XmlScanner::start_tag(std::size_t gt) {
  char* p = buf_.data();
  std::size_t i = pos_ + 1;
  if (!is_name_start(p[i])) return fail("not well-formed (invalid token)");
  const std::size_t name_begin = i;
  while (is_name_char(p[i])) ++i;
  const std::size_t name_end = i;
  spans_.clear();
  bool empty = false;
  for (;;) {
    const bool space = is_space(p[i]);
    while (is_space(p[i])) ++i;
    if (p[i] == '>') break;
    if (p[i] == '/') {
      if (p[i + 1] != '>') return fail("not well-formed (invalid token)");
      empty = true;
      ++i;
      break;
    }
    if (!space || !is_name_start(p[i])) return fail("not well-formed (invalid token)");
    Span span{};
    span.name_begin = i;
    while (is_name_char(p[i])) ++i;
    span.name_end = i;
    while (is_space(p[i])) ++i;
    if (p[i] != '=') return fail("not well-formed (invalid token)");
    ++i;
    while (is_space(p[i])) ++i;
    const char quote = p[i];
    if (quote != '"' && quote != '\'') return fail("not well-formed (invalid token)");
    span.value_begin = ++i;
    const void* close = std::memchr(p + i, quote, gt - i);
    if (close == nullptr) return fail("not well-formed (invalid token)");
    span.value_end = static_cast<std::size_t>(static_cast<const char*>(close) - p);
    spans_.push_back(span);
    i = span.value_end + 1;
  }
  if (has_duplicate_attribute()) return fail("duplicate attribute");
  if (i != gt) return fail("not well-formed (invalid token)");
  if (starts_.empty()) {
    if (root_seen_) return fail("junk after document element");
    root_seen_ = true;
  }
  if (starts_.size() >= kMaxDepth) return fail("elements nested more than 1,000 deep");
  if (names_.size() + (name_end - name_begin) > kMaxOpenNames)
    return fail("names of the open elements longer than 64 KiB");
  // Values decoded in place, then names and values ended with a NUL for the
  // handler's attribute array; the element's name is a view.
  attrs_.clear();
  for (Span& span : spans_) {
    span.value_end = decode(span.value_begin, span.value_end, Mode::kAttribute);
    if (span.value_end == npos) return Step::kFailed;
  }
  for (const Span& span : spans_) {
    p[span.name_end] = '\0';
    p[span.value_end] = '\0';
    attrs_.push_back(p + span.name_begin);
    attrs_.push_back(p + span.value_begin);
  }
  attrs_.push_back(nullptr);
  const std::string_view qualified(p + name_begin, name_end - name_begin);
  pos_ = gt + 1;
  handler_.on_start(local_name(qualified), attrs_.data());
  if (notify() == Step::kFailed) return Step::kFailed;
  if (empty) {
    handler_.on_end(local_name(qualified));
    return notify();
  }
  starts_.push_back(names_.size());
  names_ += qualified;
  return Step::kDone;
}

bool XmlScanner::has_duplicate_attribute() {
  const char* p = buf_.data();
  const auto name = [p](const Span& span) {
    return std::string_view(p + span.name_begin, span.name_end - span.name_begin);
  };
  if (spans_.size() <= kPairwiseAttributes) {
    for (std::size_t i = 0; i < spans_.size(); ++i) {
      for (std::size_t j = i + 1; j < spans_.size(); ++j) {
        if (name(spans_[i]) == name(spans_[j])) return true;
      }
    }
    return false;
  }
  names_sorted_.clear();
  for (const Span& span : spans_) names_sorted_.push_back(name(span));
  std::sort(names_sorted_.begin(), names_sorted_.end());
  return std::adjacent_find(names_sorted_.begin(), names_sorted_.end()) != names_sorted_.end();
}

XmlScanner::Step XmlScanner::end_tag(std::size_t gt) {
  const char* p = buf_.data();
  std::size_t i = pos_ + 2;
  if (!is_name_start(p[i])) return fail("not well-formed (invalid token)");
  const std::size_t name_begin = i;
  while (is_name_char(p[i])) ++i;
  const std::string_view qualified(p + name_begin, i - name_begin);
  while (is_space(p[i])) ++i;
  if (i != gt) return fail("not well-formed (invalid token)");
  if (starts_.empty()) return fail("not well-formed (invalid token)");
  if (std::string_view(names_).substr(starts_.back()) != qualified) return fail("mismatched tag");
  names_.resize(starts_.back());
  starts_.pop_back();
  pos_ = gt + 1;
  handler_.on_end(local_name(qualified));
  return notify();
}

XmlScanner::Step XmlScanner::text(std::size_t begin, std::size_t end, Mode mode) {
  const std::size_t out = decode(begin, end, mode);
  if (out == npos) return Step::kFailed;
  if (out == begin) return Step::kDone;
  handler_.on_text(std::string_view(buf_.data() + begin, out - begin));
  return notify();
}

XmlScanner::Step XmlScanner::outside_text(std::size_t begin, std::size_t end) {
  for (std::size_t i = begin; i < end; ++i) {
    if (!is_space(buf_[i])) {
      pos_ = i;
      return fail(root_seen_ ? "junk after document element" : "not well-formed (invalid token)");
    }
  }
  return Step::kDone;
}

std::size_t XmlScanner::decode(std::size_t begin, std::size_t end, Mode mode) {
  char* p = buf_.data();
  std::size_t r = begin;
  // Most text and values have nothing to decode: skip to the first byte that may.
  if (mode == Mode::kAttribute) {
    while (r < end && !special_in_attribute(p[r])) ++r;
  } else if (mode == Mode::kText) {
    while (r < end && !special_in_text(p[r])) ++r;
  } else {
    while (r < end && p[r] != '\r') ++r;
  }
  std::size_t w = r;
  while (r < end) {
    const char c = p[r];
    if (c == '\r') {
      p[w++] = mode == Mode::kAttribute ? ' ' : '\n';
      ++r;
      if (r < end && p[r] == '\n') ++r;
    } else if (mode == Mode::kCdata) {
      p[w++] = c;
      ++r;
    } else if (c == '&') {
      const void* semi = std::memchr(p + r + 1, ';', end - r - 1);
      if (semi == nullptr) {
        pos_ = r;
        fail("not well-formed (invalid token)");
        return npos;
      }
      const auto stop = static_cast<std::size_t>(static_cast<const char*>(semi) - p);
      const std::string_view ref(p + r + 1, stop - r - 1);
      if (ref.starts_with('#')) {
        const std::uint32_t code = char_ref(ref);
        if (code == 0) {
          pos_ = r;
          fail("reference to invalid character number");
          return npos;
        }
        w += put_utf8(p + w, code);
      } else if (ref == "lt") {
        p[w++] = '<';
      } else if (ref == "gt") {
        p[w++] = '>';
      } else if (ref == "amp") {
        p[w++] = '&';
      } else if (ref == "apos") {
        p[w++] = '\'';
      } else if (ref == "quot") {
        p[w++] = '"';
      } else {
        pos_ = r;
        const bool name = !ref.empty() && is_name_start(ref[0]) &&
                          std::all_of(ref.begin(), ref.end(), is_name_char);
        fail(name ? "undefined entity" : "not well-formed (invalid token)");
        return npos;
      }
      r = stop + 1;
    } else if (mode == Mode::kAttribute && (c == '\n' || c == '\t')) {
      p[w++] = ' ';
      ++r;
    } else if (mode == Mode::kAttribute && c == '<') {
      pos_ = r;
      fail("not well-formed (invalid token)");
      return npos;
    } else if (mode == Mode::kText && c == ']' && end - r >= 3 && p[r + 1] == ']' &&
               p[r + 2] == '>') {
      pos_ = r;
      fail("not well-formed (invalid token)");
      return npos;
    } else {
      p[w++] = c;
      ++r;
    }
  }
  return w;
}

XmlScanner::Step XmlScanner::notify() {
  if (!handler_.failure) return Step::kDone;
  failed_ = true;
  return Step::kFailed;
}

XmlScanner::Step XmlScanner::fail(std::string_view what) {
  failed_ = true;
  error_what_ = what;
  return Step::kFailed;
}

Error XmlScanner::error() const {
  if (handler_.failure) return *handler_.failure;
  const std::int64_t line = lines_ + count_lines(buf_.data(), std::min(pos_, buf_.size()));
  return malformed_xml_error(part_, line, error_what_);
}

}  // namespace robocall::xlsx
