#include "http/text_util.h"

#include <cctype>
#include <charconv>

#include "domain/phone.h"

namespace robocall::http {
namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// Characters that may separate the digits of one formatted phone number.
bool is_phone_separator(char c) {
  return c == ' ' || c == '-' || c == '(' || c == ')';
}

// The length of the well-formed UTF-8 sequence of 2 to 4 bytes at text[i],
// or 0 (overlong forms, surrogates and values over U+10FFFF are not).
std::size_t utf8_sequence(std::string_view text, std::size_t i) {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(text[i + k]); };
  const auto cont = [&](std::size_t k) { return i + k < text.size() && (b(k) & 0xC0) == 0x80; };
  const unsigned char lead = b(0);
  if (lead >= 0xC2 && lead <= 0xDF) return cont(1) ? 2 : 0;
  if (lead >= 0xE0 && lead <= 0xEF) {
    if (!cont(1) || !cont(2)) return 0;
    if ((lead == 0xE0 && b(1) < 0xA0) || (lead == 0xED && b(1) > 0x9F)) return 0;
    return 3;
  }
  if (lead >= 0xF0 && lead <= 0xF4) {
    if (!cont(1) || !cont(2) || !cont(3)) return 0;
    if ((lead == 0xF0 && b(1) < 0x90) || (lead == 0xF4 && b(1) > 0x8F)) return 0;
    return 4;
  }
  return 0;
}

void append_hex_escape(std::string& out, unsigned char c) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += "\\x";
  out.push_back(kHex[c >> 4]);
  out.push_back(kHex[c & 0xF]);
}

}  // namespace

std::string escape_for_log(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\\') {
      out += "\\\\";
      ++i;
    } else if (c < 0x20 || c == 0x7F) {
      append_hex_escape(out, c);
      ++i;
    } else if (c < 0x80) {
      out.push_back(static_cast<char>(c));
      ++i;
    } else if (auto n = utf8_sequence(text, i); n == 0) {
      append_hex_escape(out, c);
      ++i;
    } else if (c == 0xC2 && static_cast<unsigned char>(text[i + 1]) <= 0x9F) {
      // A C1 control: both bytes escaped, so no terminal reads it.
      append_hex_escape(out, c);
      append_hex_escape(out, static_cast<unsigned char>(text[i + 1]));
      i += 2;
    } else {
      out.append(text.substr(i, n));
      i += n;
    }
  }
  return out;
}

std::string mask_digits_in(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    if (!is_digit(text[i]) && text[i] != '+') {
      out.push_back(text[i++]);
      continue;
    }
    // Extend over digits and separators (including URL-encoded space and '+').
    std::size_t j = i;
    std::size_t last_digit_end = i;
    std::string digits;
    while (j < text.size()) {
      if (is_digit(text[j])) {
        digits.push_back(text[j]);
        ++j;
        last_digit_end = j;
      } else if (is_phone_separator(text[j]) || text[j] == '+') {
        ++j;
      } else if (text.substr(j, 3) == "%20" || text.substr(j, 3) == "%2B" ||
                 text.substr(j, 3) == "%2b") {
        j += 3;
      } else {
        break;
      }
    }
    if (digits.size() >= 10) {
      out += domain::mask_phone(digits);
      i = last_digit_end;
    } else {
      std::size_t end = (last_digit_end > i) ? last_digit_end : i + 1;
      out.append(text.substr(i, end - i));
      i = end;
    }
  }
  return out;
}

std::string rfc5987_encode(std::string_view utf8) {
  static constexpr std::string_view kKept = "!#$&+-.^_`|~";
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : utf8) {
    if (std::isalnum(c) && c < 0x80) {
      out.push_back(static_cast<char>(c));
    } else if (kKept.find(static_cast<char>(c)) != std::string_view::npos) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0xF]);
    }
  }
  return out;
}

std::string attachment_disposition(std::string_view utf8_name, std::string_view ascii_fallback) {
  std::string out = "attachment; filename=\"";
  out += ascii_fallback;
  out += "\"; filename*=UTF-8''";
  out += rfc5987_encode(utf8_name);
  return out;
}

Result<ListenAddress> parse_listen_address(std::string_view text) {
  auto bad = [&] {
    return Error::invalid("Адрес должен иметь вид ХОСТ:ПОРТ, например 127.0.0.1:8080");
  };
  ListenAddress out;
  std::string_view port;
  if (!text.empty() && text.front() == '[') {
    auto close = text.find(']');
    if (close == std::string_view::npos || close + 1 >= text.size() || text[close + 1] != ':') {
      return bad();
    }
    out.host = std::string(text.substr(1, close - 1));
    port = text.substr(close + 2);
  } else {
    auto colon = text.rfind(':');
    if (colon == std::string_view::npos ||
        text.substr(0, colon).find(':') != std::string_view::npos) {
      return bad();
    }
    out.host = std::string(text.substr(0, colon));
    port = text.substr(colon + 1);
  }
  if (out.host.empty() || port.empty() || port.size() > 5) return bad();
  for (char c : port) {
    if (!is_digit(c)) return bad();
  }
  std::from_chars(port.data(), port.data() + port.size(), out.port);
  if (out.port > 65535) return bad();
  return out;
}

std::string to_hex(std::span<const unsigned char> bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char b : bytes) {
    out.push_back(kHex[b >> 4]);
    out.push_back(kHex[b & 0xF]);
  }
  return out;
}

}  // namespace robocall::http
