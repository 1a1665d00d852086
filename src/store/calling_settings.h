// The settings that say when and how often patients are called: the «Обзвон»
// block and the working calendar (the schedule with its date exceptions),
// read in one go. The dialer's configuration and the web layer's «Звонки»,
// summary and status strip read them here. Borrows a Connection: use it on
// that connection's thread only.
#pragma once

#include <string>
#include <vector>

#include "common/result.h"
#include "domain/calendar.h"
#include "store/connection.h"
#include "store/settings_blocks.h"

namespace robocall::store {

struct CallingSettings {
  RobocallSettings robocall;
  domain::WorkingCalendar calendar;
  // Russian: stored blocks that were unusable and what was used instead.
  std::vector<std::string> problems;
};

// A missing block takes its default (the calendar's defaults with the stored
// exceptions); a stored but unusable one takes `previous_*` when given, else
// the default, and is named in `problems`. Only a store failure is an error.
Result<CallingSettings> load_calling_settings(
    Connection& db, const RobocallSettings* previous_robocall = nullptr,
    const domain::CalendarSettings* previous_calendar = nullptr);

}  // namespace robocall::store
