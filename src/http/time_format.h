// Times at the API's edge as text: appointments as server-local
// "YYYY-MM-DDTHH:MM", instants as RFC 3339 with the server's UTC offset,
// dates as "YYYY-MM-DD". Local time comes from domain/local_time.h; any thread.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "common/result.h"
#include "domain/task.h"

namespace robocall::http {

std::string local_minutes(domain::Instant t);             // "2026-11-27T10:02"
std::string rfc3339(domain::Instant t);                   // "2026-11-27T10:02:05+03:00"
std::string iso_date(std::chrono::year_month_day d);      // "2026-11-27"
std::string compact_date(std::chrono::year_month_day d);  // "20261127"

// Strict "YYYY-MM-DD" of a real calendar date.
Result<std::chrono::year_month_day> parse_iso_date(std::string_view text);
// RFC 3339: "YYYY-MM-DDTHH:MM:SS" with "Z" or "+HH:MM"/"-HH:MM", optional
// fraction (dropped); a space may replace the "T".
Result<domain::Instant> parse_rfc3339(std::string_view text);

}  // namespace robocall::http
