// Local wall time: the server's time zone (the process TZ, read through
// localtime_r) between instants, which the store keeps, and the wall-clock
// times and dates that a person, a workbook or the calendar sees. The one
// home of these conversions; formatting them as text is the caller's.
// Any thread, as long as nobody changes TZ meanwhile.
#pragma once

#include <chrono>

#include "domain/task.h"

namespace robocall::domain {

// The local wall-clock time of an instant.
std::chrono::local_seconds to_local(Instant t);
// The local calendar date of an instant.
std::chrono::year_month_day local_date(Instant t);

// The earliest instant at which the local clock reads `local` or later: a
// time skipped by a spring-forward change gives the instant the clock jumps
// past it; a time repeated in autumn gives its first pass.
Instant to_instant(std::chrono::local_seconds local);
// The same for `date` at `time` since local midnight (`time` may be 24:00,
// meaning the next midnight).
Instant local_instant(std::chrono::year_month_day date, std::chrono::seconds time);

// The first instant of a local date and the first instant of the day after it.
Instant local_day_start(std::chrono::year_month_day date);
Instant local_day_end(std::chrono::year_month_day date);

}  // namespace robocall::domain
