#include "domain/calling_day.h"

#include <algorithm>

#include "domain/call_progress.h"

namespace robocall::domain {
namespace {

bool same_day(Instant a, Instant b) {
  return local_date(a) == local_date(b);
}

}  // namespace

std::optional<std::string> next_calling(const WorkingCalendar& calendar, Instant now) {
  const auto open = calendar.next_open(now);
  if (!open) return std::nullopt;
  return "обзвон начнётся " + when_ahead(*open, now);
}

std::string calling_starts(const WorkingCalendar& calendar, bool enabled, Instant now) {
  if (!enabled) return "сейчас не идёт: обзвон остановлен";
  if (calendar.is_open(now)) return "сейчас";
  const auto open = calendar.next_open(now);
  if (!open) return "сейчас не идёт: в расписании нет дней для звонков";
  if (same_day(*open, now)) return when_ahead(*open, now);
  const std::string why = calendar.mode_on(local_date(now)) == DayMode::kDayOff
                              ? "выходной день"
                              : "время звонков на сегодня закончилось";
  return "сейчас не идёт: " + why + ", обзвон начнётся " + when_ahead(*open, now);
}

bool finished_today(const WorkingCalendar& calendar, bool any_calling,
                    std::optional<Instant> earliest_due, Instant now) {
  if (any_calling) return false;
  if (!earliest_due) return true;
  const auto open = calendar.next_open(std::max(*earliest_due, now));
  return !open || !same_day(*open, now);
}

}  // namespace robocall::domain
