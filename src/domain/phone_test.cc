// Phone normalisation (docs/BEHAVIOUR.md "Import"): which cells become a
// 10-digit number, which are reported as normalised, and why the rest are
// rejected.
#include "domain/phone.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <optional>
#include <string>

namespace robocall::domain {
namespace {

struct TextRow {
  std::string input;
  std::optional<std::string> digits;  // nullopt: rejected with `error`
  bool normalized = false;
  PhoneError error = PhoneError::kEmpty;
};

TextRow ok(std::string in, std::string digits, bool normalized) {
  return {std::move(in), std::move(digits), normalized};
}
TextRow bad(std::string in, PhoneError e) {
  return {std::move(in), std::nullopt, false, e};
}

TEST(PhoneNumber, normalises_text_cells_by_the_table) {
  const TextRow rows[] = {
      ok("9161234567", "9161234567", false),
      ok("  9161234567  ", "9161234567", false),
      ok("\t9161234567\r\n", "9161234567", false),
      ok("\xC2\xA0"
         "9161234567"
         "\xC2\xA0",
         "9161234567", false),
      ok("89161234567", "9161234567", true),
      ok("79161234567", "9161234567", true),
      ok("+79161234567", "9161234567", true),
      ok("+7 (916) 123-45-67", "9161234567", true),
      ok("+7(916)1234567", "9161234567", true),
      ok("+ 7 916 123 45 67", "9161234567", true),
      ok("8 916 123 45 67", "9161234567", true),
      ok("8-916-123-45-67", "9161234567", true),
      ok("8 (916) 123-45-67", "9161234567", true),
      ok("(916) 123-45-67", "9161234567", true),
      ok("916.123.45.67", "9161234567", true),
      ok("916\xC2\xA0"
         "123\xC2\xA0"
         "45\xC2\xA0"
         "67",
         "9161234567", true),
      ok("916\xE2\x80\xAF"
         "123\xE2\x80\xAF"
         "4567",
         "9161234567", true),
      ok("916\xE2\x80\x93"
         "123\xE2\x80\x93"
         "45\xE2\x80\x93"
         "67",
         "9161234567", true),
      ok("8-800-555-35-35", "8005553535", true),
      ok("4951234567", "4951234567", false),
      ok("9161234567.0", "9161234567", false),
      ok("9.161234567E9", "9161234567", false),
      ok("9.161234567e+09", "9161234567", false),
      ok("7.9161234567E10", "9161234567", true),
      bad("", PhoneError::kEmpty),
      bad("   ", PhoneError::kEmpty),
      bad("\xC2\xA0\t\xE2\x80\xAF", PhoneError::kEmpty),
      bad("916123456", PhoneError::kTooFewDigits),
      bad("+7 916 123 45 6", PhoneError::kTooFewDigits),
      bad("---", PhoneError::kTooFewDigits),
      bad("+", PhoneError::kTooFewDigits),
      bad("99876543210", PhoneError::kBadPrefix),
      bad("19161234567", PhoneError::kBadPrefix),
      bad("+8 916 123 45 67", PhoneError::kBadPrefix),
      bad("+1 212 555 1234", PhoneError::kBadPrefix),
      bad("+44 20 7946 0958", PhoneError::kBadPrefix),
      bad("+7 8 916 123 45 67", PhoneError::kTooManyDigits),
      bad("889161234567", PhoneError::kTooManyDigits),
      bad("9161234567, 9261234567", PhoneError::kInvalidCharacters),
      bad("916123456a", PhoneError::kInvalidCharacters),
      bad("тел. 9161234567", PhoneError::kInvalidCharacters),
      bad("9161234567 доб. 12", PhoneError::kInvalidCharacters),
      bad("н/д", PhoneError::kInvalidCharacters),
      bad("7+9161234567", PhoneError::kInvalidCharacters),
      bad("9161234567.5", PhoneError::kBadPrefix),
      bad("9.16E8", PhoneError::kTooFewDigits),
      bad("9.161234567E99", PhoneError::kTooManyDigits),
  };
  for (const auto& row : rows) {
    const PhoneResult r = normalize_phone(std::string_view(row.input));
    if (row.digits) {
      ASSERT_TRUE(r.ok()) << "'" << row.input << "': " << phone_error_message(r.error());
      EXPECT_EQ(r.value().digits, *row.digits) << row.input;
      EXPECT_EQ(r.value().normalized, row.normalized) << row.input;
    } else {
      ASSERT_FALSE(r.ok()) << "'" << row.input << "' gave " << r.value().digits;
      EXPECT_EQ(r.error(), row.error) << row.input;
    }
  }
}

TEST(PhoneNumber, normalises_number_cells_by_the_table) {
  struct Row {
    double input;
    std::optional<std::string> digits;
    bool normalized;
    PhoneError error;
  };
  const Row rows[] = {
      {9161234567.0, "9161234567", false, {}},
      {9.161234567E9, "9161234567", false, {}},
      {79161234567.0, "9161234567", true, {}},
      {89161234567.0, "9161234567", true, {}},
      {4951234567.0, "4951234567", false, {}},
      {916123456.0, std::nullopt, false, PhoneError::kTooFewDigits},
      {0.0, std::nullopt, false, PhoneError::kTooFewDigits},
      {19161234567.0, std::nullopt, false, PhoneError::kBadPrefix},
      {789161234567.0, std::nullopt, false, PhoneError::kTooManyDigits},
      {1e20, std::nullopt, false, PhoneError::kTooManyDigits},
      {9161234567.5, std::nullopt, false, PhoneError::kNotAnInteger},
      {-9161234567.0, std::nullopt, false, PhoneError::kNotAnInteger},
      {std::nan(""), std::nullopt, false, PhoneError::kNotAnInteger},
      {std::numeric_limits<double>::infinity(), std::nullopt, false, PhoneError::kNotAnInteger},
  };
  for (const auto& row : rows) {
    const PhoneResult r = normalize_phone(row.input);
    if (row.digits) {
      ASSERT_TRUE(r.ok()) << row.input << ": " << phone_error_message(r.error());
      EXPECT_EQ(r.value().digits, *row.digits) << row.input;
      EXPECT_EQ(r.value().normalized, row.normalized) << row.input;
    } else {
      ASSERT_FALSE(r.ok()) << row.input << " gave " << r.value().digits;
      EXPECT_EQ(r.error(), row.error) << row.input;
    }
  }
}

TEST(PhoneNumber, gives_every_reason_a_distinct_russian_message) {
  const PhoneError all[] = {PhoneError::kEmpty,        PhoneError::kInvalidCharacters,
                            PhoneError::kTooFewDigits, PhoneError::kTooManyDigits,
                            PhoneError::kBadPrefix,    PhoneError::kNotAnInteger};
  for (auto a : all) {
    EXPECT_NE(phone_error_message(a).find("номер"), std::string_view::npos);
    const Error e = to_error(a);
    EXPECT_EQ(e.code, Errc::kInvalidArgument);
    EXPECT_EQ(e.message, phone_error_message(a));
    for (auto b : all) {
      if (a != b) {
        EXPECT_NE(phone_error_message(a), phone_error_message(b));
      }
    }
  }
}

TEST(MaskPhone, keeps_the_code_and_the_last_two_digits_only) {
  struct Case {
    std::string_view in, out;
  } cases[] = {
      {"9161234567", "+7 916 ***-**-67"},
      {"+7 (916) 123-45-67", "+7 916 ***-**-67"},
      {"89161234567", "+7 916 ***-**-67"},
      {"12345", "***"},
      {"", "***"},
      {"991612345670", "***"},
  };
  for (const auto& c : cases) EXPECT_EQ(mask_phone(c.in), c.out) << c.in;
}

}  // namespace
}  // namespace robocall::domain
