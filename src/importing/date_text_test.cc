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

}  // namespace
}  // namespace robocall::importing
