#include "importing/date_text.h"

#include <gtest/gtest.h>

namespace robocall::importing {
namespace {

using namespace std::chrono;

local_seconds at(int y, unsigned m, unsigned d, int hh = 0, int mm = 0, int ss = 0) {
  return local_days{year{y} / m / d} + hours{hh} + minutes{mm} + seconds{ss};
}

TEST(DateText, accepts_the_written_forms_of_dates_and_times) {
  struct Case {
    const char* text;
    local_seconds time;
    bool has_date;
    bool has_time;
  };
  const Case cases[] = {
      {"19.01.2022 10:02", at(2022, 1, 19, 10, 2), true, true},
      {"19.01.2022 10:02:30", at(2022, 1, 19, 10, 2, 30), true, true},
      {"  19.01.2022   9:05 ", at(2022, 1, 19, 9, 5), true, true},
      {"19.01.2022, 10:02", at(2022, 1, 19, 10, 2), true, true},
      {"19.01.2022", at(2022, 1, 19), true, false},
      {"9.1.2022", at(2022, 1, 9), true, false},
      {"19.01.22", at(2022, 1, 19), true, false},
      {"19/01/2022 10:02", at(2022, 1, 19, 10, 2), true, true},
      {"19-01-2022", at(2022, 1, 19), true, false},
      {"2022-01-19T10:02", at(2022, 1, 19, 10, 2), true, true},
      {"2022-01-19T10:02:00.000", at(2022, 1, 19, 10, 2), true, true},
      {"2022-01-19 10:02", at(2022, 1, 19, 10, 2), true, true},
      {"2022-01-19", at(2022, 1, 19), true, false},
      {"29.02.2024", at(2024, 2, 29), true, false},
      {"10:02", at(1899, 12, 31, 10, 2), false, true},
      {"10:02:30", at(1899, 12, 31, 10, 2, 30), false, true},
  };
  for (const auto& c : cases) {
    const auto parsed = parse_date_time_text(c.text);
    ASSERT_TRUE(parsed.has_value()) << c.text;
    EXPECT_EQ(parsed->time, c.time) << c.text;
    EXPECT_EQ(parsed->has_date, c.has_date) << c.text;
    EXPECT_EQ(parsed->has_time, c.has_time) << c.text;
    EXPECT_FALSE(parsed->utc_offset.has_value()) << c.text;
  }
}

TEST(DateText, iso_times_may_carry_a_utc_offset) {
  const std::pair<const char*, minutes> cases[] = {
      {"2022-01-19T10:02:00Z", minutes{0}},
      {"2022-01-19T10:02+03:00", minutes{180}},
      {"2022-01-19T10:02:00-0130", minutes{-90}},
  };
  for (const auto& [text, offset] : cases) {
    const auto parsed = parse_date_time_text(text);
    ASSERT_TRUE(parsed.has_value()) << text;
    EXPECT_EQ(parsed->time, at(2022, 1, 19, 10, 2)) << text;
    EXPECT_EQ(parsed->utc_offset, offset) << text;
  }
}

TEST(DateText, rejects_impossible_or_foreign_text) {
  for (const char* text :
       {"", "завтра", "31.02.2022", "29.02.2023", "19.13.2022", "19.01.2022 24:00",
        "19.01.2022 10:60", "19.01.2022 10", "19.01.2022T10:02", "2022-01-19 10:02+03:00x", "19.01",
        "190.01.2022", "19.01.2022 10:02 утра", "10:02Z", "2022/01/19", "19.01-2022", "1e5"}) {
    EXPECT_FALSE(parse_date_time_text(text).has_value()) << text;
  }
}

TEST(DateText, a_two_digit_past_year_is_the_latest_such_year_not_in_the_future) {
  struct Case {
    const char* text;
    int this_year;
    int expected_year;
  };
  const Case cases[] = {
      {"04.03.80", 2026, 1980},  // the guide's example: born in 1980, not 2080
      {"04.03.26", 2026, 2026},  // this year's two digits: this year
      {"04.03.27", 2026, 1927},  // next year's: the last century
      {"04.03.99", 2026, 1999},   {"04.03.00", 2026, 2000}, {"04.03.00", 2099, 2000},
      {"04.03.00", 2100, 2100},   {"04.03.01", 2100, 2001}, {"4/3/05", 2026, 2005},
      {"04.03.1980", 2026, 1980},  // four digits are taken as written
  };
  for (const auto& c : cases) {
    const auto parsed = parse_date_time_text(c.text, year{c.this_year});
    ASSERT_TRUE(parsed.has_value()) << c.text;
    EXPECT_EQ(parsed->time, at(c.expected_year, 3, 4)) << c.text << " in " << c.this_year;
  }
}

TEST(DateText, a_two_digit_year_without_a_limit_is_in_this_century) {
  const auto parsed = parse_date_time_text("04.03.80");
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->time, at(2080, 3, 4));
}

TEST(DateText, february_29th_of_a_two_digit_year_is_checked_in_the_year_it_resolves_to) {
  EXPECT_TRUE(parse_date_time_text("29.02.00", year{2026}).has_value());   // 2000: leap
  EXPECT_FALSE(parse_date_time_text("29.02.00", year{2150}).has_value());  // 2100: not leap
}

}  // namespace
}  // namespace robocall::importing
