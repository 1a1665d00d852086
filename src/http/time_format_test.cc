#include "http/time_format.h"

#include <gtest/gtest.h>

#include "domain/scoped_tz.h"

namespace robocall::http {
namespace {

using namespace std::chrono;

class TimeFormat : public ::testing::Test {
 protected:
  domain::ScopedTz tz_{"Europe/Moscow"};
};

// 2026-11-27 07:02:05 UTC = 10:02:05 in Moscow (UTC+3, no DST).
const domain::Instant kT = sys_days(2026y / November / 27) + 7h + 2min + 5s;

TEST_F(TimeFormat, writes_local_minutes_and_rfc3339_with_the_offset) {
  EXPECT_EQ(local_minutes(kT), "2026-11-27T10:02");
  EXPECT_EQ(rfc3339(kT), "2026-11-27T10:02:05+03:00");
  EXPECT_EQ(compact_date(2026y / January / 9), "20260109");
  EXPECT_EQ(iso_date(2026y / January / 9), "2026-01-09");
}

TEST_F(TimeFormat, parses_rfc3339_with_any_offset_to_the_same_instant) {
  for (std::string_view text : {"2026-11-27T10:02:05+03:00", "2026-11-27T07:02:05Z",
                                "2026-11-27 07:02:05.123z", "2026-11-26T23:02:05-08:00"}) {
    auto t = parse_rfc3339(text);
    ASSERT_TRUE(t.ok()) << text;
    EXPECT_EQ(*t, kT) << text;
  }
}

TEST_F(TimeFormat, refuses_what_is_not_rfc3339) {
  for (std::string_view text :
       {"", "2026-11-27", "2026-11-27T10:02:05", "2026-13-27T10:02:05Z", "2026-11-27T25:02:05Z",
        "2026-11-27T10:02:05+3:00", "2026-11-27T10:02:05Zjunk"}) {
    EXPECT_FALSE(parse_rfc3339(text).ok()) << text;
  }
}

TEST_F(TimeFormat, parses_only_real_iso_dates) {
  EXPECT_TRUE(parse_iso_date("2024-02-29").ok());
  for (std::string_view text :
       {"2023-02-29", "2026-1-01", "26-01-01", "2026/01/01", "", "2026-01-01x", "abcd-ef-gh"}) {
    EXPECT_FALSE(parse_iso_date(text).ok()) << text;
  }
}

}  // namespace
}  // namespace robocall::http
