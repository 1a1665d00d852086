// XML 1.0 characters in UTF-8, for XmlScanner: a streaming check that the
// bytes are UTF-8 (no overlong forms, surrogates or code points above
// U+10FFFF) of characters XML allows (no control characters but tab, line
// feed and carriage return, no U+FFFE or U+FFFF), and character references.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace robocall::xlsx {

class XmlCharCheck {
 public:
  // Checks the next bytes: the offset of the first one that is not valid,
  // or n. A character may be split between two calls.
  std::size_t feed(const unsigned char* p, std::size_t n);
  // No character left half-way.
  bool complete() const { return need_ == 0; }

 private:
  std::uint32_t need_ = 0;  // continuation bytes still expected
  std::uint32_t code_ = 0;
  std::uint32_t least_ = 0;  // the smallest code point of this length
};

bool is_xml_char(std::uint32_t c);

// The code point of "#65" or "#x41" (a character reference without its '&'
// and ';'), or 0 when it is not one or names a character XML does not allow.
std::uint32_t char_ref(std::string_view ref);

// Writes c as UTF-8 (1 to 4 bytes); returns how many.
std::size_t put_utf8(char* out, std::uint32_t c);

}  // namespace robocall::xlsx
