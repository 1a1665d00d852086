#include "speech/date_words.h"

#include <array>
#include <cassert>

#include "speech/numerals.h"

namespace robocall::speech {

std::string_view month_genitive(unsigned month) {
  static constexpr std::array<std::string_view, 12> kMonths = {
      "января", "февраля", "марта",    "апреля",  "мая",    "июня",
      "июля",   "августа", "сентября", "октября", "ноября", "декабря"};
  assert(month >= 1 && month <= 12);
  return kMonths[month - 1];
}

std::string date_words(std::chrono::year_month_day date, std::chrono::year current_year) {
  assert(date.ok());
  std::string out = ordinal(static_cast<int>(static_cast<unsigned>(date.day())), Gender::kNeuter,
                            Case::kGenitive);
  out += ' ';
  out += month_genitive(static_cast<unsigned>(date.month()));
  if (date.year() != current_year) {
    out += ' ';
    out += ordinal(static_cast<int>(date.year()), Gender::kMasculine, Case::kGenitive);
    out += " года";
  }
  return out;
}

std::string time_words(int hour, int minute) {
  assert(hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59);
  static constexpr NounForms kHours = {"час", "часа", "часов"};
  static constexpr NounForms kMinutes = {"минуту", "минуты", "минут"};
  std::string out = "в ";
  out += cardinal(hour, Gender::kMasculine, Case::kAccusative);
  out += ' ';
  out += plural(hour, kHours);
  if (minute != 0) {
    out += ' ';
    out += cardinal(minute, Gender::kFeminine, Case::kAccusative);
    out += ' ';
    out += plural(minute, kMinutes);
  }
  return out;
}

}  // namespace robocall::speech
