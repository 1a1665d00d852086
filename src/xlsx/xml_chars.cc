#include "xlsx/xml_chars.h"

#include <cstring>

namespace robocall::xlsx {

bool is_xml_char(std::uint32_t c) {
  return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) ||
         (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
}

std::size_t put_utf8(char* out, std::uint32_t c) {
  if (c < 0x80) {
    out[0] = static_cast<char>(c);
    return 1;
  }
  if (c < 0x800) {
    out[0] = static_cast<char>(0xC0 | (c >> 6));
    out[1] = static_cast<char>(0x80 | (c & 0x3F));
    return 2;
  }
  if (c < 0x10000) {
    out[0] = static_cast<char>(0xE0 | (c >> 12));
    out[1] = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out[2] = static_cast<char>(0x80 | (c & 0x3F));
    return 3;
  }
  out[0] = static_cast<char>(0xF0 | (c >> 18));
  out[1] = static_cast<char>(0x80 | ((c >> 12) & 0x3F));
  out[2] = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
  out[3] = static_cast<char>(0x80 | (c & 0x3F));
  return 4;
}

std::uint32_t char_ref(std::string_view ref) {
  std::uint32_t value = 0;
  const bool hex = ref.size() > 1 && ref[1] == 'x';
  ref.remove_prefix(hex ? 2 : 1);
  if (ref.empty()) return 0;
  for (const char c : ref) {
    std::uint32_t digit = 0;
    if (c >= '0' && c <= '9') {
      digit = static_cast<std::uint32_t>(c - '0');
    } else if (hex && c >= 'a' && c <= 'f') {
      digit = static_cast<std::uint32_t>(c - 'a' + 10);
    } else if (hex && c >= 'A' && c <= 'F') {
      digit = static_cast<std::uint32_t>(c - 'A' + 10);
    } else {
      return 0;
    }
    value = value * (hex ? 16 : 10) + digit;
    if (value > 0x10FFFF) return 0;
  }
  return is_xml_char(value) ? value : 0;
}

std::size_t XmlCharCheck::feed(const unsigned char* p, std::size_t n) {
  constexpr std::uint64_t kHigh = 0x8080808080808080ULL;
  constexpr std::uint64_t kSpace = 0x2020202020202020ULL;
  std::size_t i = 0;
  while (i < n) {
    if (need_ == 0) {
      // Eight plain ASCII bytes at a time, none a control character.
      while (i + 8 <= n) {
        std::uint64_t w = 0;
        std::memcpy(&w, p + i, 8);
        if ((w & kHigh) != 0 || ((w - kSpace) & ~w & kHigh) != 0) break;
        i += 8;
      }
      if (i >= n) break;
      const unsigned char c = p[i];
      if (c < 0x80) {
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') return i;
      } else if (c < 0xC2) {
        return i;  // a continuation byte, or an overlong lead
      } else if (c < 0xE0) {
        need_ = 1;
        code_ = c & 0x1Fu;
        least_ = 0x80;
      } else if (c < 0xF0) {
        need_ = 2;
        code_ = c & 0x0Fu;
        least_ = 0x800;
      } else if (c < 0xF5) {
        need_ = 3;
        code_ = c & 0x07u;
        least_ = 0x10000;
      } else {
        return i;
      }
      ++i;
      continue;
    }
    const unsigned char c = p[i];
    if ((c & 0xC0) != 0x80) return i;
    code_ = (code_ << 6) | (c & 0x3Fu);
    if (--need_ == 0 && (code_ < least_ || !is_xml_char(code_))) return i;
    ++i;
  }
  return n;
}

}  // namespace robocall::xlsx
