// Dates and times written as text in a task list or a JSON task:
// "19.01.2022 10:02", "19.01.2022", "2022-01-19T10:02", "2022-01-19 10:02:30",
// "2022-01-19T10:02:00+03:00", "10:02". Pure functions, any thread.
#pragma once

#include <chrono>
#include <optional>
#include <string_view>

namespace robocall::importing {

struct DateTimeText {
  std::chrono::local_seconds time{};  // the date at 00:00 when there is no time;
                                      // 1899-12-31 when there is no date
  bool has_date = false;
  bool has_time = false;
  // ISO 8601 only: "Z" or "+03:00"; then `time` is in that offset, not local.
  std::optional<std::chrono::minutes> utc_offset;
};

// Day first with dots, slashes or dashes (DD.MM.YYYY, D.M.YY), or ISO year
// first; then optionally a time (HH:MM or HH:MM:SS, after a space, "T" or
// ", "). A bare time is accepted too. nullopt for anything else, including
// impossible dates (31.02.2022) and times (24:00).
// A two-digit year YY is 20YY, unless `not_after` is given (dates in the
// past, such as birth dates): then it is the latest year ending in YY that is
// not after `not_after` («80» in 2026 is 1980, «26» is 2026, «27» is 1927).
std::optional<DateTimeText> parse_date_time_text(
    std::string_view text, std::optional<std::chrono::year> not_after = std::nullopt);

// The latest year ending in the two digits `yy` (0..99) not after `not_after`.
std::chrono::year latest_year_ending_in(int yy, std::chrono::year not_after);

}  // namespace robocall::importing
