#include "domain/phone.h"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>

namespace robocall::domain {
namespace {

// UTF-8 spellings of the whitespace and dash characters found in spreadsheet
// phone cells, besides the ASCII ones.
constexpr std::array<std::string_view, 5> kUnicodeSpaces = {
    "\xC2\xA0",      // U+00A0 no-break space
    "\xE2\x80\x87",  // U+2007 figure space
    "\xE2\x80\x89",  // U+2009 thin space
    "\xE2\x80\xAF",  // U+202F narrow no-break space
    "\xEF\xBB\xBF",  // U+FEFF byte order mark
};
constexpr std::array<std::string_view, 5> kUnicodeDashes = {
    "\xE2\x80\x90",  // U+2010 hyphen
    "\xE2\x80\x91",  // U+2011 non-breaking hyphen
    "\xE2\x80\x92",  // U+2012 figure dash
    "\xE2\x80\x93",  // U+2013 en dash
    "\xE2\x88\x92",  // U+2212 minus sign
};

// Byte length of the whitespace character starting at s[i], or 0.
std::size_t space_length(std::string_view s, std::size_t i) {
  const char c = s[i];
  if (c == ' ' || c == '\t' || c == '\r' || c == '\n') return 1;
  for (auto sp : kUnicodeSpaces)
    if (s.substr(i, sp.size()) == sp) return sp.size();
  return 0;
}

// Byte length of the separator (whitespace, dash, bracket, dot) at s[i], or 0.
std::size_t separator_length(std::string_view s, std::size_t i) {
  if (auto n = space_length(s, i)) return n;
  const char c = s[i];
  if (c == '-' || c == '(' || c == ')' || c == '.') return 1;
  for (auto d : kUnicodeDashes)
    if (s.substr(i, d.size()) == d) return d.size();
  return 0;
}

std::string_view trim(std::string_view s) {
  for (;;) {
    if (s.empty()) return s;
    if (auto n = space_length(s, 0)) {
      s.remove_prefix(n);
      continue;
    }
    bool trimmed = false;
    for (std::size_t n = 1; n <= 3 && n <= s.size(); ++n) {
      if (space_length(s, s.size() - n) == n) {
        s.remove_suffix(n);
        trimmed = true;
        break;
      }
    }
    if (!trimmed) return s;
  }
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// True for "9161234567.0", "9.161234567E9", "9.161234567e+09": a number
// written by a spreadsheet, as opposed to digits grouped by dots.
bool spells_a_float(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size() && is_digit(s[i])) ++i;
  if (i == 0) return false;
  bool zero_fraction = false;
  if (i < s.size() && s[i] == '.') {
    const std::size_t start = ++i;
    bool all_zero = true;
    for (; i < s.size() && is_digit(s[i]); ++i) {
      if (s[i] != '0') all_zero = false;
    }
    if (i == start) return false;
    zero_fraction = all_zero;
  }
  if (i == s.size()) return zero_fraction;
  if (s[i] != 'e' && s[i] != 'E') return false;
  ++i;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  const std::size_t start = i;
  while (i < s.size() && is_digit(s[i])) ++i;
  return i > start && i == s.size();
}

// The digit rules shared by text and number cells. `plus` is true when the
// digits followed a leading '+', i.e. they include the country code.
PhoneResult from_digits(const std::string& digits, bool plus) {
  if (plus) {
    if (digits.empty()) return PhoneError::kTooFewDigits;
    if (digits[0] != '7') return PhoneError::kBadPrefix;
    if (digits.size() < 11) return PhoneError::kTooFewDigits;
    if (digits.size() > 11) return PhoneError::kTooManyDigits;
    return NormalizedPhone{digits.substr(1), true};
  }
  if (digits.size() < 10) return PhoneError::kTooFewDigits;
  if (digits.size() == 10) return NormalizedPhone{digits, false};
  if (digits.size() > 11) return PhoneError::kTooManyDigits;
  if (digits[0] != '7' && digits[0] != '8') return PhoneError::kBadPrefix;
  return NormalizedPhone{digits.substr(1), true};
}

}  // namespace

std::string_view phone_error_message(PhoneError error) {
  switch (error) {
    case PhoneError::kEmpty:
      return "не указан номер телефона";
    case PhoneError::kInvalidCharacters:
      return "номер телефона содержит недопустимые символы (буквы или знаки)";
    case PhoneError::kTooFewDigits:
      return "в номере телефона меньше 10 цифр";
    case PhoneError::kTooManyDigits:
      return "в номере телефона больше 10 цифр";
    case PhoneError::kBadPrefix:
      return "номер телефона должен состоять из 10 цифр или начинаться с 8 или +7";
    case PhoneError::kNotAnInteger:
      return "номер телефона записан дробным или отрицательным числом";
  }
  return "неверный номер телефона";
}

Error to_error(PhoneError error) {
  return Error::invalid(std::string(phone_error_message(error)));
}

PhoneResult normalize_phone(std::string_view text) {
  const std::string_view s = trim(text);
  if (s.empty()) return PhoneError::kEmpty;
  if (spells_a_float(s)) {
    double number = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), number);
    if (ec != std::errc() || end != s.data() + s.size()) return PhoneError::kTooManyDigits;
    return normalize_phone(number);
  }
  std::string digits;
  bool plus = false;
  for (std::size_t i = 0; i < s.size();) {
    if (is_digit(s[i])) {
      digits.push_back(s[i++]);
    } else if (s[i] == '+' && i == 0) {
      plus = true;
      ++i;
    } else if (auto n = separator_length(s, i)) {
      i += n;
    } else {
      return PhoneError::kInvalidCharacters;
    }
  }
  PhoneResult result = from_digits(digits, plus);
  if (!result.ok()) return result;
  NormalizedPhone phone = result.value();
  phone.normalized = phone.digits != s;
  return phone;
}

PhoneResult normalize_phone(double number) {
  if (!std::isfinite(number) || number < 0 || std::floor(number) != number)
    return PhoneError::kNotAnInteger;
  if (number >= 1e15) return PhoneError::kTooManyDigits;
  const std::string digits = std::to_string(static_cast<std::uint64_t>(number));
  return from_digits(digits, false);
}

std::string mask_phone(std::string_view phone) {
  std::string digits;
  for (char c : phone) {
    if (is_digit(c)) digits.push_back(c);
  }
  if (digits.size() == 11 && (digits[0] == '7' || digits[0] == '8')) digits.erase(0, 1);
  if (digits.size() != 10) return "***";
  return "+7 " + digits.substr(0, 3) + " ***-**-" + digits.substr(8, 2);
}

}  // namespace robocall::domain
