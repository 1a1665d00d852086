#include "speech/numerals.h"

#include <gtest/gtest.h>

namespace robocall::speech {
namespace {

TEST(Plural, agrees_the_noun_with_the_last_digits) {
  const NounForms minutes = {"минута", "минуты", "минут"};
  const std::vector<std::pair<std::int64_t, std::string_view>> cases = {
      {0, "минут"},     {1, "минута"},   {2, "минуты"},   {3, "минуты"},  {4, "минуты"},
      {5, "минут"},     {10, "минут"},   {11, "минут"},   {12, "минут"},  {13, "минут"},
      {14, "минут"},    {15, "минут"},   {20, "минут"},   {21, "минута"}, {22, "минуты"},
      {24, "минуты"},   {25, "минут"},   {101, "минута"}, {111, "минут"}, {112, "минут"},
      {1001, "минута"}, {1012, "минут"}, {-1, "минута"},  {-3, "минуты"},
  };
  for (const auto& [n, expected] : cases) {
    EXPECT_EQ(plural(n, minutes), expected) << n;
  }
}

struct CardinalCase {
  std::int64_t n;
  Gender gender;
  Case grammatical_case;
  std::string_view words;
};

TEST(Cardinal, reads_numbers_with_gender_and_the_accusative_one) {
  const std::vector<CardinalCase> cases = {
      {0, Gender::kMasculine, Case::kNominative, "ноль"},
      {1, Gender::kMasculine, Case::kNominative, "один"},
      {1, Gender::kFeminine, Case::kNominative, "одна"},
      {1, Gender::kFeminine, Case::kAccusative, "одну"},
      {1, Gender::kNeuter, Case::kNominative, "одно"},
      {2, Gender::kMasculine, Case::kNominative, "два"},
      {2, Gender::kFeminine, Case::kNominative, "две"},
      {2, Gender::kNeuter, Case::kAccusative, "два"},
      {11, Gender::kFeminine, Case::kAccusative, "одиннадцать"},
      {19, Gender::kMasculine, Case::kNominative, "девятнадцать"},
      {21, Gender::kFeminine, Case::kNominative, "двадцать одна"},
      {21, Gender::kFeminine, Case::kAccusative, "двадцать одну"},
      {40, Gender::kMasculine, Case::kNominative, "сорок"},
      {99, Gender::kMasculine, Case::kNominative, "девяносто девять"},
      {100, Gender::kMasculine, Case::kNominative, "сто"},
      {212, Gender::kMasculine, Case::kNominative, "двести двенадцать"},
      {1000, Gender::kMasculine, Case::kNominative, "одна тысяча"},
      {2001, Gender::kMasculine, Case::kNominative, "две тысячи один"},
      {2027, Gender::kMasculine, Case::kNominative, "две тысячи двадцать семь"},
      {5000, Gender::kMasculine, Case::kNominative, "пять тысяч"},
      {11000, Gender::kMasculine, Case::kNominative, "одиннадцать тысяч"},
      {21000, Gender::kMasculine, Case::kNominative, "двадцать одна тысяча"},
      {1000000, Gender::kMasculine, Case::kNominative, "один миллион"},
      {2000002, Gender::kFeminine, Case::kNominative, "два миллиона две"},
      {-15, Gender::kMasculine, Case::kNominative, "минус пятнадцать"},
      {9223372036854775807, Gender::kMasculine, Case::kNominative,
       "девять квинтиллионов двести двадцать три квадриллиона триста семьдесят два "
       "триллиона тридцать шесть миллиардов восемьсот пятьдесят четыре миллиона семьсот "
       "семьдесят пять тысяч восемьсот семь"},
  };
  for (const CardinalCase& c : cases) {
    EXPECT_EQ(cardinal(c.n, c.gender, c.grammatical_case), c.words) << c.n;
  }
}

struct OrdinalCase {
  int n;
  Gender gender;
  Case grammatical_case;
  std::string_view words;
};

TEST(Ordinal, declines_the_last_word_and_joins_round_thousands) {
  const std::vector<OrdinalCase> cases = {
      {0, Gender::kMasculine, Case::kNominative, "нулевой"},
      {1, Gender::kMasculine, Case::kNominative, "первый"},
      {1, Gender::kFeminine, Case::kNominative, "первая"},
      {1, Gender::kNeuter, Case::kGenitive, "первого"},
      {2, Gender::kMasculine, Case::kNominative, "второй"},
      {2, Gender::kFeminine, Case::kAccusative, "вторую"},
      {3, Gender::kMasculine, Case::kNominative, "третий"},
      {3, Gender::kNeuter, Case::kGenitive, "третьего"},
      {3, Gender::kFeminine, Case::kInstrumental, "третьей"},
      {3, Gender::kNeuter, Case::kPrepositional, "третьем"},
      {4, Gender::kNeuter, Case::kGenitive, "четвёртого"},
      {6, Gender::kMasculine, Case::kNominative, "шестой"},
      {7, Gender::kMasculine, Case::kDative, "седьмому"},
      {8, Gender::kMasculine, Case::kAccusative, "восьмой"},
      {19, Gender::kNeuter, Case::kGenitive, "девятнадцатого"},
      {20, Gender::kNeuter, Case::kGenitive, "двадцатого"},
      {23, Gender::kFeminine, Case::kNominative, "двадцать третья"},
      {40, Gender::kMasculine, Case::kNominative, "сороковой"},
      {90, Gender::kMasculine, Case::kNominative, "девяностый"},
      {100, Gender::kMasculine, Case::kGenitive, "сотого"},
      {200, Gender::kMasculine, Case::kNominative, "двухсотый"},
      {999, Gender::kMasculine, Case::kNominative, "девятьсот девяносто девятый"},
      {1000, Gender::kMasculine, Case::kNominative, "тысячный"},
      {1999, Gender::kMasculine, Case::kGenitive, "одна тысяча девятьсот девяносто девятого"},
      {2000, Gender::kMasculine, Case::kGenitive, "двухтысячного"},
      {2001, Gender::kMasculine, Case::kGenitive, "две тысячи первого"},
      {2010, Gender::kMasculine, Case::kGenitive, "две тысячи десятого"},
      {2027, Gender::kMasculine, Case::kGenitive, "две тысячи двадцать седьмого"},
      {2100, Gender::kMasculine, Case::kGenitive, "две тысячи сотого"},
      {25000, Gender::kMasculine, Case::kNominative, "двадцатипятитысячный"},
      {300000, Gender::kMasculine, Case::kNominative, "трёхсоттысячный"},
  };
  for (const OrdinalCase& c : cases) {
    EXPECT_EQ(ordinal(c.n, c.gender, c.grammatical_case), c.words) << c.n;
  }
}

TEST(SpellNumbers, replaces_digit_runs_with_words_and_keeps_the_rest) {
  const std::vector<std::pair<std::string_view, std::string_view>> cases = {
      {"нажмите 1, для отмены нажмите 2.", "нажмите один, для отмены нажмите два."},
      {"кабинет 214", "кабинет двести четырнадцать"},
      {"каб.12а", "каб.двенадцать а"},
      {"код 007", "код ноль ноль семь"},
      {"без цифр", "без цифр"},
      {"", ""},
      {"1234567890123456",
       "один два три четыре пять шесть семь восемь девять ноль один два "
       "три четыре пять шесть"},
  };
  for (const auto& [text, expected] : cases) {
    EXPECT_EQ(spell_numbers(text), expected) << text;
  }
}

}  // namespace
}  // namespace robocall::speech
