// Wall-clock time of the server's time zone (the process TZ) and instants:
// workbooks hold wall-clock times, the store holds instants.
// Uses localtime_r/mktime; any thread.
#pragma once

#include <chrono>

#include "domain/task.h"

namespace robocall::importing {

// The instant of a wall-clock time. A time skipped by a DST change moves
// forward by the gap; a repeated one takes its first occurrence.
domain::Instant to_instant(std::chrono::local_seconds local);

std::chrono::local_seconds to_local(domain::Instant instant);

}  // namespace robocall::importing
