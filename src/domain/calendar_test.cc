// WorkingCalendar: windows, weekday modes and date exceptions in the server's
// local time. Each test pins TZ; Europe/Berlin covers both DST changes
// (2025-03-30 02:00 CET -> 03:00 CEST at 01:00 UTC; 2025-10-26 03:00 CEST ->
// 02:00 CET at 01:00 UTC), Europe/Moscow is UTC+3 all year.
#include "domain/calendar.h"

#include <gtest/gtest.h>

#include <string>

#include "domain/scoped_tz.h"

namespace robocall::domain {
namespace {

using namespace std::chrono;  // NOLINT: test file

Instant utc(int y, unsigned mo, unsigned d, int h, int mi, int s = 0) {
  return Instant{sys_days{year{y} / month{mo} / day{d}}} + hours{h} + minutes{mi} + seconds{s};
}

TimeOfDay hm(int h, int m, int s = 0) {
  return hours{h} + minutes{m} + seconds{s};
}

constexpr auto W = DayMode::kWorking;
constexpr auto S = DayMode::kShortened;
constexpr auto O = DayMode::kDayOff;

CalendarSettings settings(std::array<DayMode, 7> weekdays, TimeWindow working, TimeWindow shortened,
                          std::vector<DateException> exceptions = {}) {
  return CalendarSettings{weekdays, working, shortened, std::move(exceptions)};
}

WorkingCalendar make(const CalendarSettings& s) {
  auto c = WorkingCalendar::create(s);
  EXPECT_TRUE(c.ok()) << c.error().message;
  return *c;
}

// The guide's screenshot: 10:00-23:40 working, 10:00-23:00 shortened.
WorkingCalendar guide_calendar(std::vector<DateException> exceptions = {}) {
  return make(settings({W, W, W, W, W, S, S}, {hm(10, 0), hm(23, 40)}, {hm(10, 0), hm(23, 0)},
                       std::move(exceptions)));
}

TEST(WorkingCalendar, opens_at_the_window_start_and_closes_at_its_end_in_moscow) {
  ScopedTz tz("Europe/Moscow");
  const auto cal = guide_calendar();
  // 2025-03-12 is a Wednesday; Moscow = UTC+3.
  struct Row {
    Instant t;
    bool open;
  } rows[] = {
      {utc(2025, 3, 11, 21, 0), false},      // 00:00 local, midnight
      {utc(2025, 3, 12, 6, 59, 59), false},  // 09:59:59
      {utc(2025, 3, 12, 7, 0), true},        // 10:00:00
      {utc(2025, 3, 12, 12, 0), true},       {utc(2025, 3, 12, 20, 39, 59), true},  // 23:39:59
      {utc(2025, 3, 12, 20, 40), false},                                            // 23:40:00
      {utc(2025, 3, 12, 20, 59, 59), false},                                        // 23:59:59
      {utc(2025, 3, 15, 19, 59, 59), true},  // Saturday 22:59:59, shortened
      {utc(2025, 3, 15, 20, 0), false},      // Saturday 23:00:00
  };
  for (const auto& r : rows) EXPECT_EQ(cal.is_open(r.t), r.open) << r.t.time_since_epoch().count();
}

TEST(WorkingCalendar, next_open_is_the_instant_itself_when_open_else_the_next_window_start) {
  ScopedTz tz("Europe/Moscow");
  const auto cal = guide_calendar();
  EXPECT_EQ(cal.next_open(utc(2025, 3, 12, 7, 0)), utc(2025, 3, 12, 7, 0));
  EXPECT_EQ(cal.next_open(utc(2025, 3, 12, 5, 0)), utc(2025, 3, 12, 7, 0));
  EXPECT_EQ(cal.next_open(utc(2025, 3, 12, 20, 40)), utc(2025, 3, 13, 7, 0));
  EXPECT_EQ(cal.next_open(utc(2025, 3, 11, 21, 0)), utc(2025, 3, 12, 7, 0));  // midnight
}

TEST(WorkingCalendar, window_end_is_the_close_of_the_current_window_or_nothing_when_closed) {
  ScopedTz tz("Europe/Moscow");
  const auto cal = guide_calendar();
  EXPECT_EQ(cal.window_end(utc(2025, 3, 12, 7, 0)), utc(2025, 3, 12, 20, 40));
  EXPECT_EQ(cal.window_end(utc(2025, 3, 12, 20, 39, 59)), utc(2025, 3, 12, 20, 40));
  EXPECT_EQ(cal.window_end(utc(2025, 3, 12, 20, 40)), std::nullopt);
  EXPECT_EQ(cal.window_end(utc(2025, 3, 15, 8, 0)), utc(2025, 3, 15, 20, 0));  // Saturday
}

TEST(WorkingCalendar, a_window_ending_at_24_00_closes_at_the_next_midnight) {
  ScopedTz tz("Europe/Moscow");
  const auto cal =
      make(settings({W, W, W, W, W, O, O}, {hm(0, 0), hm(24, 0)}, {hm(9, 0), hm(17, 0)}));
  EXPECT_TRUE(cal.is_open(utc(2025, 3, 12, 20, 59, 59)));                       // Wed 23:59:59
  EXPECT_TRUE(cal.is_open(utc(2025, 3, 12, 21, 0)));                            // Thu 00:00
  EXPECT_EQ(cal.window_end(utc(2025, 3, 14, 12, 0)), utc(2025, 3, 14, 21, 0));  // Fri -> Sat 00:00
  EXPECT_FALSE(cal.is_open(utc(2025, 3, 14, 21, 0)));                           // Sat 00:00
  EXPECT_EQ(cal.next_open(utc(2025, 3, 14, 21, 0)), utc(2025, 3, 16, 21, 0));   // Mon 00:00
}

TEST(WorkingCalendar, finds_nothing_when_every_day_is_off_and_skips_a_week_of_exceptions) {
  ScopedTz tz("Europe/Moscow");
  const auto closed =
      make(settings({O, O, O, O, O, O, O}, {hm(9, 0), hm(20, 0)}, {hm(9, 0), hm(17, 0)}));
  EXPECT_FALSE(closed.is_open(utc(2025, 3, 12, 9, 0)));
  EXPECT_EQ(closed.next_open(utc(2025, 3, 12, 9, 0)), std::nullopt);
  EXPECT_EQ(closed.window_end(utc(2025, 3, 12, 9, 0)), std::nullopt);

  std::vector<DateException> holidays;
  for (unsigned d = 1; d <= 8; ++d) holidays.push_back({2025y / January / day{d}, O});
  const auto cal = guide_calendar(holidays);
  // From Tue 2024-12-31 23:40 the next opening is Thu 2025-01-09 10:00.
  EXPECT_EQ(cal.next_open(utc(2024, 12, 31, 20, 40)), utc(2025, 1, 9, 7, 0));
  for (unsigned d = 1; d <= 8; ++d) EXPECT_FALSE(cal.is_open(utc(2025, 1, d, 9, 0))) << d;
}

TEST(WorkingCalendar, looks_ahead_a_year_at_most) {
  ScopedTz tz("Europe/Moscow");
  const TimeWindow w{hm(9, 0), hm(20, 0)};
  const auto near = make(settings({O, O, O, O, O, O, O}, w, w, {{2026y / January / 10d, W}}));
  EXPECT_EQ(near.next_open(utc(2025, 3, 12, 9, 0)), utc(2026, 1, 10, 6, 0));
  const auto far = make(settings({O, O, O, O, O, O, O}, w, w, {{2026y / June / 10d, W}}));
  EXPECT_EQ(far.next_open(utc(2025, 3, 12, 9, 0)), std::nullopt);
}

TEST(WorkingCalendar, date_exceptions_override_the_weekday_rule) {
  ScopedTz tz("Europe/Moscow");
  const auto cal =
      make(settings({W, W, W, W, W, O, O}, {hm(9, 0), hm(20, 0)}, {hm(9, 0), hm(17, 0)},
                    {{2025y / November / 1d, W},  // Saturday worked
                     {2025y / November / 3d, O},  // Monday off
                     {2025y / March / 7d, S}}));  // Friday shortened
  EXPECT_EQ(cal.mode_on(2025y / November / 1d), W);
  EXPECT_EQ(cal.mode_on(2025y / November / 2d), O);
  EXPECT_EQ(cal.mode_on(2025y / November / 3d), O);
  EXPECT_EQ(cal.mode_on(2025y / November / 4d), W);
  EXPECT_TRUE(cal.is_open(utc(2025, 11, 1, 15, 0)));  // Sat 18:00, working window
  EXPECT_FALSE(cal.is_open(utc(2025, 11, 3, 9, 0)));  // Mon 12:00, off
  EXPECT_EQ(cal.next_open(utc(2025, 11, 1, 17, 0)), utc(2025, 11, 4, 6, 0));
  EXPECT_TRUE(cal.is_open(utc(2025, 3, 7, 13, 59, 59)));  // Fri 16:59:59
  EXPECT_FALSE(cal.is_open(utc(2025, 3, 7, 14, 0)));      // Fri 17:00, shortened closed
  EXPECT_EQ(cal.window_end(utc(2025, 3, 7, 7, 0)), utc(2025, 3, 7, 14, 0));
}

TEST(WorkingCalendar, follows_the_berlin_clock_in_summer_and_winter) {
  ScopedTz tz("Europe/Berlin");
  const auto cal =
      make(settings({W, W, W, W, W, O, O}, {hm(9, 0), hm(20, 0)}, {hm(9, 0), hm(17, 0)}));
  EXPECT_FALSE(cal.is_open(utc(2025, 1, 15, 7, 59, 59)));  // 08:59:59 CET
  EXPECT_TRUE(cal.is_open(utc(2025, 1, 15, 8, 0)));        // 09:00 CET
  EXPECT_TRUE(cal.is_open(utc(2025, 7, 15, 7, 0)));        // 09:00 CEST
  EXPECT_FALSE(cal.is_open(utc(2025, 7, 15, 18, 0)));      // 20:00 CEST
  // From Saturday 2025-03-29 (CET) the next opening is Monday 09:00 CEST.
  EXPECT_EQ(cal.next_open(utc(2025, 3, 29, 12, 0)), utc(2025, 3, 31, 7, 0));
  // From Saturday 2025-10-25 (CEST) the next opening is Monday 09:00 CET.
  EXPECT_EQ(cal.next_open(utc(2025, 10, 25, 12, 0)), utc(2025, 10, 27, 8, 0));
}

TEST(WorkingCalendar, a_start_inside_the_spring_gap_opens_when_the_clock_jumps) {
  ScopedTz tz("Europe/Berlin");
  EXPECT_EQ(local_instant(2025y / March / 30d, hm(2, 30)), utc(2025, 3, 30, 1, 0));
  EXPECT_EQ(local_instant(2025y / March / 30d, hm(2, 0)), utc(2025, 3, 30, 1, 0));
  EXPECT_EQ(local_instant(2025y / March / 30d, hm(1, 59, 59)), utc(2025, 3, 30, 0, 59, 59));
  EXPECT_EQ(local_instant(2025y / March / 30d, hm(3, 0)), utc(2025, 3, 30, 1, 0));
  const auto cal =
      make(settings({W, W, W, W, W, W, W}, {hm(2, 30), hm(10, 0)}, {hm(9, 0), hm(17, 0)}));
  EXPECT_FALSE(cal.is_open(utc(2025, 3, 30, 0, 59, 59)));  // 01:59:59 CET
  EXPECT_TRUE(cal.is_open(utc(2025, 3, 30, 1, 0)));        // 03:00 CEST
  EXPECT_EQ(cal.next_open(utc(2025, 3, 30, 0, 0)), utc(2025, 3, 30, 1, 0));
}

TEST(WorkingCalendar, in_the_autumn_repeated_hour_a_window_follows_the_first_pass) {
  ScopedTz tz("Europe/Berlin");
  EXPECT_EQ(local_instant(2025y / October / 26d, hm(2, 30)), utc(2025, 10, 26, 0, 30));
  EXPECT_EQ(local_instant(2025y / October / 26d, hm(3, 0)), utc(2025, 10, 26, 2, 0));
  const auto opens =
      make(settings({W, W, W, W, W, W, W}, {hm(2, 30), hm(12, 0)}, {hm(9, 0), hm(17, 0)}));
  EXPECT_FALSE(opens.is_open(utc(2025, 10, 26, 0, 29, 59)));  // 02:29:59 CEST
  EXPECT_TRUE(opens.is_open(utc(2025, 10, 26, 0, 30)));       // 02:30 CEST
  EXPECT_TRUE(opens.is_open(utc(2025, 10, 26, 1, 10)));       // 02:10 CET, second pass
  const auto closes =
      make(settings({W, W, W, W, W, W, W}, {hm(0, 0), hm(2, 30)}, {hm(9, 0), hm(17, 0)}));
  EXPECT_TRUE(closes.is_open(utc(2025, 10, 26, 0, 29, 59)));  // 02:29:59 CEST
  EXPECT_FALSE(closes.is_open(utc(2025, 10, 26, 0, 30)));     // 02:30 CEST
  EXPECT_FALSE(closes.is_open(utc(2025, 10, 26, 1, 10)));     // 02:10 CET: already closed
  EXPECT_EQ(closes.window_end(utc(2025, 10, 25, 22, 0)), utc(2025, 10, 26, 0, 30));
  EXPECT_EQ(closes.next_open(utc(2025, 10, 26, 1, 10)), utc(2025, 10, 26, 23, 0));
}

TEST(WorkingCalendar, a_window_crossing_a_dst_change_is_shorter_or_longer_by_an_hour) {
  ScopedTz tz("Europe/Berlin");
  const auto cal =
      make(settings({W, W, W, W, W, W, W}, {hm(1, 0), hm(5, 0)}, {hm(9, 0), hm(17, 0)}));
  const auto spring = cal.window_on(2025y / March / 30d);
  ASSERT_TRUE(spring);
  EXPECT_EQ(spring->open, utc(2025, 3, 30, 0, 0));   // 01:00 CET
  EXPECT_EQ(spring->close, utc(2025, 3, 30, 3, 0));  // 05:00 CEST
  const auto autumn = cal.window_on(2025y / October / 26d);
  ASSERT_TRUE(autumn);
  EXPECT_EQ(autumn->open, utc(2025, 10, 25, 23, 0));  // 01:00 CEST
  EXPECT_EQ(autumn->close, utc(2025, 10, 26, 4, 0));  // 05:00 CET
  EXPECT_EQ(cal.window_end(utc(2025, 10, 26, 1, 30)), utc(2025, 10, 26, 4, 0));
  EXPECT_TRUE(cal.is_open(utc(2025, 10, 26, 3, 59, 59)));
  EXPECT_FALSE(cal.is_open(utc(2025, 10, 26, 4, 0)));
}

TEST(CalendarSettings, the_defaults_are_valid_and_open_on_weekday_mornings) {
  ScopedTz tz("Europe/Moscow");
  const auto defaults = default_calendar_settings();
  ASSERT_TRUE(validate(defaults).ok());
  const auto cal = make(defaults);
  EXPECT_TRUE(cal.is_open(utc(2025, 3, 12, 6, 0)));    // Wed 09:00
  EXPECT_FALSE(cal.is_open(utc(2025, 3, 12, 17, 0)));  // Wed 20:00
  EXPECT_TRUE(cal.is_open(utc(2025, 3, 15, 13, 59)));  // Sat 16:59
  EXPECT_FALSE(cal.is_open(utc(2025, 3, 15, 14, 0)));  // Sat 17:00
  EXPECT_FALSE(cal.is_open(utc(2025, 3, 16, 9, 0)));   // Sun
}

TEST(CalendarSettings, rejects_bad_windows_and_dates_with_a_russian_message) {
  struct Row {
    CalendarSettings s;
    std::string_view needle;
  };
  const TimeWindow ok{hm(9, 0), hm(20, 0)};
  const std::array<DayMode, 7> week{W, W, W, W, W, S, O};
  const Row rows[] = {
      {settings(week, {hm(10, 0), hm(10, 0)}, ok),
       "рабочие дни: окончание должно быть позже начала"},
      {settings(week, {hm(20, 0), hm(9, 0)}, ok),
       "рабочие дни: окончание должно быть позже начала"},
      {settings(week, ok, {hm(17, 0), hm(9, 0)}), "сокращённые дни: окончание"},
      {settings(week, {hm(9, 0), hm(24, 0, 1)}, ok), "позже 24:00"},
      {settings(week, {seconds{-1}, hm(20, 0)}, ok), "начало должно быть от 00:00"},
      {settings(week, {hm(24, 0), hm(24, 0)}, ok), "начало должно быть от 00:00"},
      {settings(week, ok, ok, {{2025y / February / 30d, O}}), "неверная дата"},
      {settings(week, ok, ok, {{2025y / May / 1d, O}, {2025y / May / 1d, W}}),
       "дата 01.05.2025 указана дважды"},
  };
  for (const auto& r : rows) {
    const Status st = validate(r.s);
    ASSERT_FALSE(st.ok()) << r.needle;
    EXPECT_EQ(st.error().code, Errc::kInvalidArgument);
    EXPECT_NE(st.error().message.find(r.needle), std::string::npos) << st.error().message;
    EXPECT_FALSE(WorkingCalendar::create(r.s).ok());
  }
  EXPECT_TRUE(validate(settings(week, {hm(0, 0), hm(24, 0)}, {hm(23, 59, 59), hm(24, 0)})).ok());
}

TEST(TimeOfDay, parses_and_formats_hours_minutes_and_seconds) {
  struct Row {
    std::string_view text;
    std::optional<TimeOfDay> value;
  } rows[] = {
      {"10:00", hm(10, 0)},         {"9:05", hm(9, 5)},         {"23:40", hm(23, 40)},
      {"23:40:30", hm(23, 40, 30)}, {"00:00", hm(0, 0)},        {"24:00", hm(24, 0)},
      {"24:01", std::nullopt},      {"24:00:01", std::nullopt}, {"25:00", std::nullopt},
      {"10:60", std::nullopt},      {"10:5", std::nullopt},     {"10", std::nullopt},
      {"", std::nullopt},           {"10:00:", std::nullopt},   {"10:00:7", std::nullopt},
      {" 10:00", std::nullopt},     {"10-00", std::nullopt},    {"100:00", std::nullopt},
  };
  for (const auto& r : rows) {
    const auto got = parse_time_of_day(r.text);
    if (r.value) {
      ASSERT_TRUE(got.ok()) << r.text;
      EXPECT_EQ(*got, *r.value) << r.text;
    } else {
      ASSERT_FALSE(got.ok()) << r.text;
      EXPECT_NE(got.error().message.find("Неверное время"), std::string::npos);
    }
  }
  EXPECT_EQ(format_time_of_day(hm(9, 5)), "09:05");
  EXPECT_EQ(format_time_of_day(hm(23, 40, 30)), "23:40:30");
  EXPECT_EQ(format_time_of_day(hm(24, 0)), "24:00");
}

TEST(DayModes, round_trip_through_their_stable_names) {
  for (auto m : {W, S, O}) EXPECT_EQ(day_mode_from_string(to_string(m)), m);
  EXPECT_EQ(day_mode_from_string("holiday"), std::nullopt);
}

}  // namespace
}  // namespace robocall::domain
