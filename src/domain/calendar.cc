#include "domain/calendar.h"

#include <algorithm>
#include <cstdint>
#include <set>

namespace robocall::domain {
namespace {

using std::chrono::days;
using std::chrono::seconds;
using std::chrono::sys_days;

constexpr TimeOfDay kEndOfDay = std::chrono::hours(24);  // 24:00

std::string two_digits(int v) {
  return {char('0' + v / 10), char('0' + v % 10)};
}

std::string format_date(std::chrono::year_month_day d) {
  return two_digits(static_cast<int>(static_cast<unsigned>(d.day()))) + "." +
         two_digits(static_cast<int>(static_cast<unsigned>(d.month()))) + "." +
         std::to_string(static_cast<int>(d.year()));
}

Status validate_window(const TimeWindow& w, std::string_view what) {
  const std::string prefix = "Время работы в " + std::string(what) + ": ";
  if (w.start < seconds{0} || w.start >= kEndOfDay)
    return Error::invalid(prefix + "начало должно быть от 00:00 до 23:59");
  if (w.end > kEndOfDay) return Error::invalid(prefix + "окончание не может быть позже 24:00");
  if (w.end <= w.start) return Error::invalid(prefix + "окончание должно быть позже начала");
  return {};
}

// Parses 1-2 decimal digits from `s` at `i`; -1 when there are none.
int parse_number(std::string_view s, std::size_t& i, std::size_t max_digits) {
  int v = 0;
  std::size_t n = 0;
  while (i < s.size() && n < max_digits && s[i] >= '0' && s[i] <= '9') {
    v = v * 10 + (s[i++] - '0');
    ++n;
  }
  return n == 0 ? -1 : v;
}

}  // namespace

std::string_view to_string(DayMode mode) {
  switch (mode) {
    case DayMode::kWorking:
      return "working";
    case DayMode::kShortened:
      return "shortened";
    case DayMode::kDayOff:
      return "day_off";
  }
  return "day_off";
}

std::optional<DayMode> day_mode_from_string(std::string_view name) {
  for (auto m : {DayMode::kWorking, DayMode::kShortened, DayMode::kDayOff})
    if (to_string(m) == name) return m;
  return std::nullopt;
}

Result<TimeOfDay> parse_time_of_day(std::string_view text) {
  const Error bad = Error::invalid("Неверное время «" + std::string(text) +
                                   "»: ожидается ЧЧ:ММ или ЧЧ:ММ:СС от 00:00 до 24:00");
  std::size_t i = 0;
  const int h = parse_number(text, i, 2);
  if (h < 0 || i >= text.size() || text[i++] != ':') return bad;
  const std::size_t minute_start = i;
  const int m = parse_number(text, i, 2);
  if (m < 0 || i - minute_start != 2) return bad;
  int s = 0;
  if (i < text.size()) {
    if (text[i++] != ':') return bad;
    const std::size_t second_start = i;
    s = parse_number(text, i, 2);
    if (s < 0 || i - second_start != 2) return bad;
  }
  if (i != text.size() || h > 24 || m > 59 || s > 59) return bad;
  const TimeOfDay t{h * 3600 + m * 60 + s};
  if (t > kEndOfDay) return bad;
  return t;
}

std::string format_time_of_day(TimeOfDay t) {
  const auto total = static_cast<int>(t.count());
  std::string out = two_digits(total / 3600) + ":" + two_digits(total / 60 % 60);
  // Appended in two steps: `":" + std::string&&` trips GCC 12's -Wrestrict
  // false positive (GCC bug 105329) at -O2 and above.
  if (total % 60 != 0) {
    out += ':';
    out += two_digits(total % 60);
  }
  return out;
}

Status validate(const CalendarSettings& settings) {
  if (auto s = validate_window(settings.working, "рабочие дни"); !s) return s;
  if (auto s = validate_window(settings.shortened, "сокращённые дни"); !s) return s;
  std::set<sys_days> seen;
  for (const auto& e : settings.exceptions) {
    if (!e.date.ok()) return Error::invalid("Исключения календаря: неверная дата");
    if (!seen.insert(sys_days{e.date}).second)
      return Error::invalid("Исключения календаря: дата " + format_date(e.date) +
                            " указана дважды");
  }
  return {};
}

CalendarSettings default_calendar_settings() {
  CalendarSettings s;
  s.weekdays = {DayMode::kWorking, DayMode::kWorking,   DayMode::kWorking, DayMode::kWorking,
                DayMode::kWorking, DayMode::kShortened, DayMode::kDayOff};
  s.working = {std::chrono::hours{9}, std::chrono::hours{20}};
  s.shortened = {std::chrono::hours{9}, std::chrono::hours{17}};
  return s;
}

Result<WorkingCalendar> WorkingCalendar::create(CalendarSettings settings) {
  if (auto s = validate(settings); !s) return s.error();
  return WorkingCalendar(std::move(settings));
}

WorkingCalendar::WorkingCalendar(CalendarSettings settings) : settings_(std::move(settings)) {
  for (const auto& e : settings_.exceptions) exceptions_.emplace(sys_days{e.date}, e.mode);
}

DayMode WorkingCalendar::mode_on(std::chrono::year_month_day date) const {
  const sys_days d{date};
  if (auto it = exceptions_.find(d); it != exceptions_.end()) return it->second;
  return settings_.weekdays[std::chrono::weekday{d}.iso_encoding() - 1];
}

std::optional<OpenWindow> WorkingCalendar::window_on(std::chrono::year_month_day date) const {
  return window_of(sys_days{date});
}

std::optional<OpenWindow> WorkingCalendar::window_of(sys_days local_day) const {
  const std::chrono::year_month_day date{local_day};
  const DayMode mode = mode_on(date);
  if (mode == DayMode::kDayOff) return std::nullopt;
  const TimeWindow& w = mode == DayMode::kWorking ? settings_.working : settings_.shortened;
  OpenWindow open{local_instant(date, w.start), local_instant(date, w.end)};
  if (open.open >= open.close) return std::nullopt;
  return open;
}

bool WorkingCalendar::is_open(Instant t) const {
  return window_end(t).has_value();
}

std::optional<Instant> WorkingCalendar::window_end(Instant t) const {
  const sys_days today{local_date(t)};
  for (int i = -1; i <= 1; ++i) {
    const auto w = window_of(today + days{i});
    if (w && w->open <= t && t < w->close) return w->close;
  }
  return std::nullopt;
}

std::optional<Instant> WorkingCalendar::next_open(Instant t) const {
  const sys_days today{local_date(t)};
  for (int i = -1; i <= kHorizonDays; ++i) {
    const auto w = window_of(today + days{i});
    if (w && t < w->close) return std::max(t, w->open);
  }
  return std::nullopt;
}

}  // namespace robocall::domain
