// Russian numerals in words: cardinals and ordinals with gender and case,
// and the plural agreement of a noun with a number. Pure functions on values:
// any thread may call them.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace robocall::speech {

enum class Gender { kMasculine, kFeminine, kNeuter };
enum class Case { kNominative, kGenitive, kDative, kAccusative, kInstrumental, kPrepositional };

// The three forms of a noun after a number: 1 минута, 2 минуты, 5 минут.
struct NounForms {
  std::string_view one;
  std::string_view few;
  std::string_view many;
};

// «минута» for 1, 21, 101; «минуты» for 2-4, 22-24; «минут» for 0, 5-20, 25-30, 111-114...
std::string_view plural(std::int64_t n, const NounForms& forms);

// Cardinal in the nominative, or the accusative of an inanimate noun (which
// differs only in «одну»): 21 feminine → «двадцать одна». Any int64 except
// the minimum; negatives get «минус».
std::string cardinal(std::int64_t n, Gender gender = Gender::kMasculine,
                     Case grammatical_case = Case::kNominative);

// Ordinal: 19 neuter genitive → «девятнадцатого», 2027 masculine genitive →
// «две тысячи двадцать седьмого», 2000 → «двухтысячного», 0 → «нулевой».
// Accusative is the inanimate one (= nominative for masculine and neuter).
// REQUIRES: 0 <= n <= 999'999.
std::string ordinal(int n, Gender gender, Case grammatical_case);

// Replaces every run of ASCII digits in text with its cardinal in words
// (masculine nominative), so a synthesiser never reads digits itself:
// «нажмите 1» → «нажмите один». Runs longer than 6 digits or with a leading
// zero (phone numbers, codes) are read digit by digit.
std::string spell_numbers(std::string_view text);

}  // namespace robocall::speech
