#include "speech/date_words.h"

#include <array>
#include <cassert>

#include "speech/numerals.h"

namespace robocall::speech {
namespace {

// "day-07": a prefix and a number of at least two digits.
std::string part_id(std::string_view prefix, unsigned n) {
  return std::string(prefix) + (n < 10 ? "-0" : "-") + std::to_string(n);
}

std::string joined(const std::vector<SpokenPart>& parts) {
  std::string out;
  for (const SpokenPart& p : parts) {
    if (!out.empty()) out += ' ';
    out += p.text;
  }
  return out;
}

}  // namespace

std::string_view month_genitive(unsigned month) {
  static constexpr std::array<std::string_view, 12> kMonths = {
      "января", "февраля", "марта",    "апреля",  "мая",    "июня",
      "июля",   "августа", "сентября", "октября", "ноября", "декабря"};
  assert(month >= 1 && month <= 12);
  return kMonths[month - 1];
}

std::vector<SpokenPart> date_parts(std::chrono::year_month_day date,
                                   std::chrono::year current_year) {
  assert(date.ok());
  const auto d = static_cast<unsigned>(date.day());
  const auto m = static_cast<unsigned>(date.month());
  std::vector<SpokenPart> out = {
      {part_id("day", d), ordinal(static_cast<int>(d), Gender::kNeuter, Case::kGenitive)},
      {part_id("month", m), std::string(month_genitive(m))}};
  if (date.year() != current_year) {
    const int y = static_cast<int>(date.year());
    out.push_back({part_id("year", static_cast<unsigned>(y)),
                   ordinal(y, Gender::kMasculine, Case::kGenitive) + " года"});
  }
  return out;
}

std::vector<SpokenPart> time_parts(int hour, int minute) {
  assert(hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59);
  static constexpr NounForms kHours = {"час", "часа", "часов"};
  static constexpr NounForms kMinutes = {"минуту", "минуты", "минут"};
  std::vector<SpokenPart> out = {{part_id("hour", static_cast<unsigned>(hour)),
                                  "в " + cardinal(hour, Gender::kMasculine, Case::kAccusative) +
                                      " " + std::string(plural(hour, kHours))}};
  if (minute != 0) {
    out.push_back({part_id("minute", static_cast<unsigned>(minute)),
                   cardinal(minute, Gender::kFeminine, Case::kAccusative) + " " +
                       std::string(plural(minute, kMinutes))});
  }
  return out;
}

std::string date_words(std::chrono::year_month_day date, std::chrono::year current_year) {
  return joined(date_parts(date, current_year));
}

std::string time_words(int hour, int minute) {
  return joined(time_parts(hour, minute));
}

}  // namespace robocall::speech
