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

}  // namespace

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
