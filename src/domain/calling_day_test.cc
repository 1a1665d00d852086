// When calling starts after an upload, and whether today's calling is over:
// the calendar at midnight, a holiday, a decreed working Saturday.
// Mon-Fri 09:00-20:00, Sat 09:00-17:00, Sun off; Wed 09.12.2026 a holiday,
// Sat 19.12.2026 a working day. TZ pinned to Europe/Moscow (UTC+3).
#include "domain/calling_day.h"

#include <gtest/gtest.h>

#include "domain/scoped_tz.h"

namespace robocall::domain {
namespace {

using namespace std::chrono;  // NOLINT: test file

Instant msk(unsigned d, int h, int mi = 0) {
  return Instant{sys_days{year{2026} / December / day{d}}} + hours{h - 3} + minutes{mi};
}

class CallingDay : public ::testing::Test {
 protected:
  ScopedTz tz_{"Europe/Moscow"};
  WorkingCalendar calendar_ = [] {
    CalendarSettings s;
    s.weekdays = {DayMode::kWorking, DayMode::kWorking,   DayMode::kWorking, DayMode::kWorking,
                  DayMode::kWorking, DayMode::kShortened, DayMode::kDayOff};
    s.working = {hours{9}, hours{20}};
    s.shortened = {hours{9}, hours{17}};
    s.exceptions = {{year{2026} / December / day{9}, DayMode::kDayOff},
                    {year{2026} / December / day{19}, DayMode::kWorking}};
    return *WorkingCalendar::create(s);
  }();
};

TEST_F(CallingDay, calling_starts_reads_as_the_administrator_expects) {
  const std::pair<Instant, const char*> cases[] = {
      {msk(7, 12), "сейчас"},
      {msk(7, 0), "в 09:00"},  // Monday at midnight: today's window is ahead
      {msk(7, 8, 45), "в 09:00"},
      {msk(7, 20),
       "сейчас не идёт: время звонков на сегодня закончилось, обзвон начнётся завтра в 09:00"},
      {msk(6, 11), "сейчас не идёт: выходной день, обзвон начнётся завтра в 09:00"},  // Sunday
      {msk(9, 11), "сейчас не идёт: выходной день, обзвон начнётся завтра в 09:00"},  // holiday
      {msk(8, 21),
       "сейчас не идёт: время звонков на сегодня закончилось, обзвон начнётся 10.12 в 09:00"},
      {msk(12, 18),
       "сейчас не идёт: время звонков на сегодня закончилось, обзвон начнётся 14.12 в 09:00"},
      {msk(19, 18), "сейчас"},  // the decreed working Saturday has the full window
  };
  for (const auto& [now, text] : cases) EXPECT_EQ(calling_starts(calendar_, true, now), text);
}

TEST_F(CallingDay, calling_switched_off_does_not_start) {
  EXPECT_EQ(calling_starts(calendar_, false, msk(7, 12)), "сейчас не идёт: обзвон остановлен");
}

TEST_F(CallingDay, next_calling_names_the_next_window) {
  EXPECT_EQ(next_calling(calendar_, msk(7, 7)), "обзвон начнётся в 09:00");
  EXPECT_EQ(next_calling(calendar_, msk(8, 21)), "обзвон начнётся 10.12 в 09:00");
}

TEST_F(CallingDay, today_is_finished_when_nothing_is_due_inside_todays_window) {
  struct Case {
    const char* what;
    bool calling;
    std::optional<Instant> due;
    Instant now;
    bool finished;
  };
  const Case cases[] = {
      {"nothing left", false, std::nullopt, msk(7, 12), true},
      {"a call going on", true, std::nullopt, msk(7, 12), false},
      {"due now", false, msk(7, 11), msk(7, 12), false},
      {"due later today", false, msk(7, 19, 59), msk(7, 12), false},
      {"due after today's window", false, msk(7, 20), msk(7, 12), true},
      {"due tomorrow", false, msk(8, 9), msk(7, 12), true},
      {"due, but today's window is over", false, msk(7, 19), msk(7, 20, 30), true},
      {"at midnight, due in the morning", false, msk(7, 9), msk(7, 0), false},
      {"on a holiday", false, msk(9, 10), msk(9, 10), true},
  };
  for (const auto& c : cases)
    EXPECT_EQ(finished_today(calendar_, c.calling, c.due, c.now), c.finished) << c.what;
}

}  // namespace
}  // namespace robocall::domain
