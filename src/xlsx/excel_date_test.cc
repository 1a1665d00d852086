#include "xlsx/excel_date.h"

#include <gtest/gtest.h>

namespace robocall::xlsx {
namespace {

using namespace std::chrono;

local_seconds at(int y, unsigned m, unsigned d, int hh = 0, int mm = 0, int ss = 0) {
  return local_days{year{y} / m / d} + hours{hh} + minutes{mm} + seconds{ss};
}

struct SerialCase {
  double serial;
  bool date1904;
  std::optional<local_seconds> expected;
  const char* what;
};

TEST(ExcelDate, serials_convert_to_the_wall_clock_time_excel_shows) {
  const SerialCase cases[] = {
      {1, false, at(1900, 1, 1), "the first day of the 1900 system"},
      {59, false, at(1900, 2, 28), "the day before the fake leap day"},
      {60, false, std::nullopt, "Excel's fake 1900-02-29 is no day"},
      {61, false, at(1900, 3, 1), "the day after the fake leap day"},
      {0.5, false, at(1899, 12, 31, 12), "a time of day with no date"},
      {44580, false, at(2022, 1, 19), "a modern date"},
      {44580.418055555555, false, at(2022, 1, 19, 10, 2), "a serial with a time fraction"},
      {44580 + (10 * 3600 + 2 * 60 + 30) / 86400.0 - 1e-9, false, at(2022, 1, 19, 10, 2, 30),
       "float error below the 30th second rounds up to it"},
      {44580 + (10 * 3600 + 2 * 60 + 29.5) / 86400.0, false, at(2022, 1, 19, 10, 2, 30),
       "half a second rounds up"},
      {44580.99999999, false, at(2022, 1, 20), "a hair before midnight is midnight"},
      {0, true, at(1904, 1, 1), "the first day of the 1904 system"},
      {43118, true, at(2022, 1, 19), "a 1904-system date"},
      {43118.75, true, at(2022, 1, 19, 18), "a 1904-system date with a time"},
      {-1, false, std::nullopt, "negative serials"},
      {3e6, false, std::nullopt, "beyond 9999-12-31"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(serial_to_local(c.serial, c.date1904), c.expected) << c.what;
  }
}

TEST(ExcelDate, local_to_serial_inverts_serial_to_local_on_both_sides_of_the_fake_leap_day) {
  for (double serial : {1.0, 59.0, 61.0, 44580.5, 2958465.0}) {
    for (bool date1904 : {false, true}) {
      const auto time = serial_to_local(serial, date1904);
      ASSERT_TRUE(time.has_value()) << serial;
      EXPECT_DOUBLE_EQ(local_to_serial(*time, date1904), serial) << serial << date1904;
    }
  }
}

TEST(ExcelDate, builtin_date_formats_are_exactly_the_documented_ids) {
  for (int id = 0; id < 200; ++id) {
    const bool expected = (id >= 14 && id <= 22) || (id >= 27 && id <= 36) ||
                          (id >= 45 && id <= 47) || (id >= 50 && id <= 58);
    EXPECT_EQ(is_builtin_date_format(id), expected) << id;
  }
}

TEST(ExcelDate, custom_format_codes_are_dates_when_d_m_y_h_or_s_is_outside_quotes_and_brackets) {
  const std::pair<const char*, bool> cases[] = {
      {"dd.mm.yyyy hh:mm", true},
      {"DD/MM/YY", true},
      {"[$-419]d mmmm yyyy", true},
      {"[h]:mm:ss", true},
      {"h:mm AM/PM", true},
      {"General", false},
      {"0.00", false},
      {"#,##0\\ \"руб.\"", false},
      {"0\" days\"", false},
      {"[Red]#,##0;[Blue]-#,##0", false},
      {"0.00E+00", false},
      {"@", false},
      {"\\d0", false},
      {"_s0", false},
  };
  for (const auto& [code, expected] : cases) EXPECT_EQ(is_date_format_code(code), expected) << code;
}

}  // namespace
}  // namespace robocall::xlsx
