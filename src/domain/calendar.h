// WorkingCalendar: when the dialer may call (docs/BEHAVIOUR.md
// "Calling window"). Each weekday is working, shortened or a day off; date
// exceptions override the weekday rule; working and shortened days each have
// one window [start, end) of local wall time. All wall times are the server's
// local time (domain/local_time.h). Immutable after creation; const methods
// are safe from any thread as long as nobody changes TZ meanwhile.
#pragma once

#include <array>
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "domain/local_time.h"
#include "domain/task.h"

namespace robocall::domain {

enum class DayMode { kWorking, kShortened, kDayOff };

std::string_view to_string(DayMode mode);  // "working" | "shortened" | "day_off"
std::optional<DayMode> day_mode_from_string(std::string_view name);

// Seconds since local midnight, 0..86400 (86400 = 24:00, only as a window end).
using TimeOfDay = std::chrono::seconds;

// Parses "HH:MM" or "HH:MM:SS" (00:00 .. 24:00); Russian error message.
Result<TimeOfDay> parse_time_of_day(std::string_view text);
// "HH:MM" when the seconds are zero, else "HH:MM:SS".
std::string format_time_of_day(TimeOfDay t);

// A daily window of local wall time: open at `start`, closed from `end` on.
struct TimeWindow {
  TimeOfDay start{};
  TimeOfDay end{};
  bool operator==(const TimeWindow&) const = default;
};

struct DateException {
  std::chrono::year_month_day date;
  DayMode mode = DayMode::kDayOff;
  bool operator==(const DateException&) const = default;
};

struct CalendarSettings {
  // Index 0 = Monday ... 6 = Sunday.
  std::array<DayMode, 7> weekdays{};
  TimeWindow working;
  TimeWindow shortened;
  std::vector<DateException> exceptions;
  bool operator==(const CalendarSettings&) const = default;
};

// Defaults (the guide's screenshot, 10:00-23:40 every day, is an example and
// too late for patients): Monday-Friday working 09:00-20:00, Saturday
// shortened 09:00-17:00, Sunday off; no exceptions (the production calendar
// is applied as stored exceptions: production_calendar.h).
CalendarSettings default_calendar_settings();

// Checks every field; the message is Russian and names the bad field.
// Rules: 0 <= start < end <= 24:00 for both windows; valid dates; no date
// listed twice.
Status validate(const CalendarSettings& settings);

// An open interval [open, close) of instants.
struct OpenWindow {
  Instant open;
  Instant close;
  bool operator==(const OpenWindow&) const = default;
};

class WorkingCalendar {
 public:
  // How far next_open looks ahead before giving up.
  static constexpr int kHorizonDays = 366;

  // Fails with the validation error when `settings` are invalid.
  static Result<WorkingCalendar> create(CalendarSettings settings);

  const CalendarSettings& settings() const { return settings_; }

  // The rule for a local date: its exception if any, else its weekday's mode.
  DayMode mode_on(std::chrono::year_month_day date) const;

  // The window of a local date, or nullopt on a day off. It opens at the
  // first instant the local clock reads `start` or later and closes at the
  // first instant it reads `end` or later: a start inside a spring-forward
  // gap opens when the gap ends; in an autumn repeated hour the window
  // follows the first pass of the clock.
  std::optional<OpenWindow> window_on(std::chrono::year_month_day date) const;

  bool is_open(Instant t) const;
  // `t` itself when open; else the next opening within kHorizonDays, or
  // nullopt when nothing opens in that time (every day off).
  std::optional<Instant> next_open(Instant t) const;
  // When the window containing `t` closes; nullopt when closed at `t`.
  std::optional<Instant> window_end(Instant t) const;

 private:
  explicit WorkingCalendar(CalendarSettings settings);
  std::optional<OpenWindow> window_of(std::chrono::sys_days local_date) const;

  CalendarSettings settings_;
  std::map<std::chrono::sys_days, DayMode> exceptions_;
};

}  // namespace robocall::domain
