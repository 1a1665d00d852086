#include "store/calling_settings.h"

#include "store/settings_repo.h"

namespace robocall::store {

Result<CallingSettings> load_calling_settings(Connection& db,
                                              const RobocallSettings* previous_robocall,
                                              const domain::CalendarSettings* previous_calendar) {
  SettingsRepo settings(db);
  std::vector<std::string> problems;

  RobocallSettings robocall = previous_robocall ? *previous_robocall : RobocallSettings{};
  auto stored = settings.get(kRobocallKey);
  if (!stored) return stored.error();
  if (*stored) {
    if (auto parsed = parse_robocall(**stored); parsed)
      robocall = *parsed;
    else
      problems.push_back(parsed.error().message);
  }

  domain::CalendarSettings calendar = domain::default_calendar_settings();
  auto exceptions = settings.exceptions();
  if (!exceptions) return exceptions.error();
  for (const auto& e : *exceptions) calendar.exceptions.push_back({e.date, e.mode});
  if (previous_calendar) {
    calendar.weekdays = previous_calendar->weekdays;
    calendar.working = previous_calendar->working;
    calendar.shortened = previous_calendar->shortened;
  }
  auto schedule = settings.get(kScheduleKey);
  if (!schedule) return schedule.error();
  if (*schedule) {
    if (auto parsed = parse_schedule(**schedule, calendar); parsed)
      calendar = *parsed;
    else
      problems.push_back(parsed.error().message);
  }
  auto working = domain::WorkingCalendar::create(calendar);
  if (!working) {
    problems.push_back(working.error().message);
    working = domain::WorkingCalendar::create(domain::default_calendar_settings());
  }
  return CallingSettings{robocall, std::move(*working), std::move(problems)};
}

}  // namespace robocall::store
