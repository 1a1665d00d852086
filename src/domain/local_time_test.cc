// Local wall time of the process TZ. Europe/Berlin covers both DST changes
// (2025-03-30 02:00 CET -> 03:00 CEST at 01:00 UTC; 2025-10-26 03:00 CEST ->
// 02:00 CET at 01:00 UTC); Europe/Moscow is UTC+3 all year.
#include "domain/local_time.h"

#include <gtest/gtest.h>

#include "domain/scoped_tz.h"

namespace robocall::domain {
namespace {

using namespace std::chrono;  // NOLINT: test file

Instant utc(int y, unsigned mo, unsigned d, int h, int mi, int s = 0) {
  return Instant{sys_days{year{y} / month{mo} / day{d}}} + hours{h} + minutes{mi} + seconds{s};
}

local_seconds wall(int y, unsigned mo, unsigned d, int h, int mi, int s = 0) {
  return local_days{year{y} / month{mo} / day{d}} + hours{h} + minutes{mi} + seconds{s};
}

TEST(LocalTime, converts_instants_to_the_local_wall_clock_and_date) {
  ScopedTz tz("Europe/Moscow");
  EXPECT_EQ(to_local(utc(2026, 11, 27, 7, 2, 5)), wall(2026, 11, 27, 10, 2, 5));
  EXPECT_EQ(local_date(utc(2026, 11, 26, 22, 0)), 2026y / November / 27d);
  EXPECT_EQ(local_date(utc(1969, 12, 31, 21, 0)), 1970y / January / 1d);
  EXPECT_EQ(local_date(utc(1969, 12, 31, 20, 59, 59)), 1969y / December / 31d);
}

TEST(LocalTime, a_local_day_spans_from_local_midnight_to_the_next) {
  ScopedTz tz("Europe/Moscow");
  EXPECT_EQ(local_day_start(2026y / November / 27d), utc(2026, 11, 26, 21, 0));
  EXPECT_EQ(local_day_end(2026y / November / 27d), utc(2026, 11, 27, 21, 0));
}

TEST(LocalTime, wall_times_become_the_earliest_instant_the_clock_reads_them) {
  ScopedTz tz("Europe/Berlin");
  struct Case {
    local_seconds local;
    Instant instant;
    const char* what;
  } cases[] = {
      {wall(2025, 1, 15, 9, 0), utc(2025, 1, 15, 8, 0), "winter, CET"},
      {wall(2025, 7, 15, 9, 0), utc(2025, 7, 15, 7, 0), "summer, CEST"},
      {wall(2025, 3, 30, 1, 59, 59), utc(2025, 3, 30, 0, 59, 59), "just before the spring gap"},
      {wall(2025, 3, 30, 2, 30), utc(2025, 3, 30, 1, 0), "inside the gap: when the clock jumps"},
      {wall(2025, 3, 30, 3, 0), utc(2025, 3, 30, 1, 0), "the end of the gap"},
      {wall(2025, 10, 26, 2, 30), utc(2025, 10, 26, 0, 30), "repeated hour: its first pass"},
      {wall(2025, 10, 26, 3, 0), utc(2025, 10, 26, 2, 0), "after the repeated hour"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(to_instant(c.local), c.instant) << c.what;
    const auto day = floor<days>(c.local);
    EXPECT_EQ(local_instant(year_month_day{day}, c.local - day), c.instant) << c.what;
  }
}

}  // namespace
}  // namespace robocall::domain
