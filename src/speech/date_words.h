// The spoken forms of an appointment's date and time for the reminder phrase:
// «девятнадцатого января», «в десять часов две минуты». Pure functions on
// values: any thread may call them.
#pragma once

#include <chrono>
#include <string>

namespace robocall::speech {

// «девятнадцатого января»; with « две тысячи двадцать седьмого года» appended
// when date.year() differs from current_year.
// REQUIRES: date.ok(), year in 0..999999.
std::string date_words(std::chrono::year_month_day date, std::chrono::year current_year);

// «в десять часов две минуты», «в девять часов» (no zero minutes),
// «в двадцать один час», «в ноль часов пятнадцать минут».
// REQUIRES: 0 <= hour <= 23, 0 <= minute <= 59.
std::string time_words(int hour, int minute);

// Genitive month name, «января» for 1. REQUIRES: 1 <= month <= 12.
std::string_view month_genitive(unsigned month);

}  // namespace robocall::speech
