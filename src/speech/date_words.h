// The spoken forms of an appointment's date and time for the reminder phrase:
// «девятнадцатого января», «в десять часов две минуты». Each is built from
// parts (docs/BEHAVIOUR.md "Voice pack"): the part ids name the fragments a
// clinic records, so the recorded and the synthesised words cannot disagree.
// Pure functions on values: any thread may call them.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

namespace robocall::speech {

// One spoken unit of a date or a time: id `day-19`, text «девятнадцатого».
struct SpokenPart {
  std::string id;  // ASCII [a-z0-9-]+, stable
  std::string text;
  friend bool operator==(const SpokenPart&, const SpokenPart&) = default;
};

// {day-19 «девятнадцатого», month-01 «января»}, plus year-2027 «две тысячи
// двадцать седьмого года» when date.year() differs from current_year.
// REQUIRES: date.ok(), year in 0..999999.
std::vector<SpokenPart> date_parts(std::chrono::year_month_day date,
                                   std::chrono::year current_year);

// {hour-10 «в десять часов», minute-02 «две минуты»}; no minute part for
// zero minutes. REQUIRES: 0 <= hour <= 23, 0 <= minute <= 59.
std::vector<SpokenPart> time_parts(int hour, int minute);

// The parts' texts joined by spaces: «девятнадцатого января».
std::string date_words(std::chrono::year_month_day date, std::chrono::year current_year);

// «в десять часов две минуты», «в девять часов» (no zero minutes),
// «в двадцать один час», «в ноль часов пятнадцать минут».
std::string time_words(int hour, int minute);

// Genitive month name, «января» for 1. REQUIRES: 1 <= month <= 12.
std::string_view month_genitive(unsigned month);

}  // namespace robocall::speech
