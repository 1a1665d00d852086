// The many wall-clock times of a workbook as instants: domain::to_instant
// (domain/local_time.h, the one home of local time) with the UTC offset of
// each local hour remembered per thread, since a list of 200,000 rows asks
// for a few thousand distinct hours. A zone's offset changes on an hour
// boundary; the process TZ must not change while a thread imports.
#pragma once

#include <chrono>

#include "domain/task.h"

namespace robocall::importing {

// The same instant as domain::to_instant(local).
domain::Instant cached_to_instant(std::chrono::local_seconds local);

}  // namespace robocall::importing
