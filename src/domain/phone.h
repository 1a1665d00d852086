// Phone normalisation (docs/BEHAVIOUR.md "Import"): turns an imported phone
// cell into the 10-digit federal number the dialer dials, or says precisely why
// it cannot. Pure functions of their arguments; any thread.
#pragma once

#include <string>
#include <string_view>
#include <variant>

#include "common/result.h"

namespace robocall::domain {

// Why a cell is not a usable phone number. Each has a Russian message for the
// import report (phone_error_message).
enum class PhoneError {
  kEmpty,              // nothing but whitespace
  kInvalidCharacters,  // letters or signs other than + ( ) - . and spaces
  kTooFewDigits,       // fewer than 10 digits
  kTooManyDigits,      // more than 11 digits, or 11 after +7
  kBadPrefix,          // 11 digits not starting with 7 or 8, or + not followed by 7
  kNotAnInteger,       // a number cell that is fractional, negative or not finite
};

std::string_view phone_error_message(PhoneError error);
// The same as an Error{kInvalidArgument, <Russian message>}.
Error to_error(PhoneError error);

struct NormalizedPhone {
  std::string digits;       // exactly 10 ASCII digits
  bool normalized = false;  // true when the input was more than the bare 10 digits
                            // (a trunk prefix or separators were removed)
  bool operator==(const NormalizedPhone&) const = default;
};

// Either the normalised number or the reason it was rejected.
class PhoneResult {
 public:
  PhoneResult(NormalizedPhone phone) : v_(std::move(phone)) {}  // NOLINT: implicit
  PhoneResult(PhoneError error) : v_(error) {}                  // NOLINT: implicit

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  // REQUIRES: ok()
  const NormalizedPhone& value() const { return std::get<0>(v_); }
  // REQUIRES: !ok()
  PhoneError error() const { return std::get<1>(v_); }

 private:
  std::variant<NormalizedPhone, PhoneError> v_;
};

// A text cell. Accepted: exactly 10 digits; 11 digits starting with 7 or 8
// (the trunk prefix is dropped); "+7" followed by 10 digits; with spaces (also
// no-break and narrow no-break spaces, tabs), dashes (ASCII and Unicode),
// brackets and dots anywhere between the digits; leading and trailing
// whitespace is trimmed without counting as normalisation. A text that reads
// as a floating-point number with an exponent or a zero fraction
// ("9.161234567E9", "9161234567.0") is treated as the number it spells.
// Input must be UTF-8.
PhoneResult normalize_phone(std::string_view text);

// A number cell (XLSX stores numbers as doubles: 9161234567.0, also written
// 9.161234567E9 in the sheet XML). Must be a non-negative integer; then the
// same digit rules as for text apply (79161234567 and 89161234567 are
// normalised, 9161234567 is not).
PhoneResult normalize_phone(double number);

// A phone number as logs show it, the one mask of the project: the code and
// the last two digits only, "9161234567" → "+7 916 ***-**-67". Formatting
// and a 7/8 trunk prefix are ignored; anything that is not then 10 digits
// becomes "***" (never echoed).
std::string mask_phone(std::string_view phone);

}  // namespace robocall::domain
