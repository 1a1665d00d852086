// When calling goes on, in the administrator's words (docs/BEHAVIOUR.md
// "When calling starts"): the upload report's «когда начнётся обзвон» and
// whether today's calling is over for a set of patients. Pure functions of
// the calendar; any thread (local times follow the process TZ).
#pragma once

#include <optional>
#include <string>

#include "domain/calendar.h"

namespace robocall::domain {

// «сейчас» inside the window; «в 09:15» when it opens later today;
// «сейчас не идёт: выходной день, обзвон начнётся 08.12 в 09:00» (or «время
// звонков на сегодня закончилось» after today's window); «сейчас не идёт:
// обзвон остановлен» while the administrator has switched calling off.
std::string calling_starts(const WorkingCalendar& calendar, bool enabled, Instant now);

// «обзвон начнётся в 09:00» / «обзвон начнётся 08.12 в 09:00»; nullopt when
// nothing opens within the calendar's horizon.
std::optional<std::string> next_calling(const WorkingCalendar& calendar, Instant now);

// Nothing of a set of patients will be called again today: none is being
// called, and the earliest due pending one (nullopt: none) is not due before
// today's calling window closes (or no window is left today).
bool finished_today(const WorkingCalendar& calendar, bool any_calling,
                    std::optional<Instant> earliest_due, Instant now);

}  // namespace robocall::domain
