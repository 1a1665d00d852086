// Excel's date serial numbers and date number formats: the arithmetic shared
// by the reader (cells with a date style) and the importer (bare serials).
// Pure functions, any thread.
#pragma once

#include <chrono>
#include <optional>
#include <string_view>

namespace robocall::xlsx {

// The wall-clock time a serial shows, rounded to the nearest second (so the
// float error of 10:02:30 stored as 0.418402777... never becomes 10:02:29).
// 1900 system: 1 = 1900-01-01, 59 = 1900-02-28, 60 is Excel's fake
// 1900-02-29 (nullopt: no such day), 61 = 1900-03-01; 0 with a time is a
// time of day on 1899-12-31. 1904 system: 0 = 1904-01-01. Negative serials,
// NaN and dates past 9999-12-31 give nullopt.
std::optional<std::chrono::local_seconds> serial_to_local(double serial, bool date1904);

// The serial Excel stores for a wall-clock time (1900 system unless date1904).
double local_to_serial(std::chrono::local_seconds time, bool date1904);

// Whether a built-in number format id is a date or time format
// (14-22, 27-36, 45-47, 50-58).
bool is_builtin_date_format(int id);

// Whether a custom format code shows a date or time: it has d, m, y, h or s
// outside quoted text, [brackets] and escaped characters.
bool is_date_format_code(std::string_view code);

}  // namespace robocall::xlsx
