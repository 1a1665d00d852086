#include "speech/voice_fragments.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "speech/date_words.h"
#include "speech/phrase_template.h"

namespace robocall::speech {
namespace {

using namespace std::chrono;

const std::string kDefault(default_phrase_text(2));

std::vector<std::string> ids_of(const std::vector<VoiceFragment>& fragments) {
  std::vector<std::string> out;
  for (const auto& f : fragments) out.push_back(f.id);
  return out;
}

struct PartsCase {
  year_month_day date;
  std::vector<SpokenPart> parts;
};

TEST(DateParts, name_the_day_month_and_only_a_year_other_than_the_current_one) {
  const std::vector<PartsCase> cases = {
      {2026y / January / 1, {{"day-01", "первого"}, {"month-01", "января"}}},
      {2026y / March / 31, {{"day-31", "тридцать первого"}, {"month-03", "марта"}}},
      {2026y / December / 19, {{"day-19", "девятнадцатого"}, {"month-12", "декабря"}}},
      {2027y / January / 2,
       {{"day-02", "второго"},
        {"month-01", "января"},
        {"year-2027", "две тысячи двадцать седьмого года"}}},
  };
  for (const auto& c : cases) EXPECT_EQ(date_parts(c.date, 2026y), c.parts);
}

struct TimeCase {
  int hour, minute;
  std::vector<SpokenPart> parts;
};

TEST(TimeParts, name_the_hour_with_its_noun_and_a_minute_unless_zero) {
  const std::vector<TimeCase> cases = {
      {0, 0, {{"hour-00", "в ноль часов"}}},
      {21, 1, {{"hour-21", "в двадцать один час"}, {"minute-01", "одну минуту"}}},
      {23, 59, {{"hour-23", "в двадцать три часа"}, {"minute-59", "пятьдесят девять минут"}}},
      {12, 30, {{"hour-12", "в двенадцать часов"}, {"minute-30", "тридцать минут"}}},
      {10, 2, {{"hour-10", "в десять часов"}, {"minute-02", "две минуты"}}},
  };
  for (const auto& c : cases) EXPECT_EQ(time_parts(c.hour, c.minute), c.parts);
}

TEST(DateWords, are_the_texts_of_the_parts_joined) {
  EXPECT_EQ(date_words(2027y / January / 2, 2026y),
            "второго января две тысячи двадцать седьмого года");
  EXPECT_EQ(time_words(21, 1), "в двадцать один час одну минуту");
}

TEST(VoiceFragments, list_the_phrase_text_days_months_two_years_hours_and_minutes) {
  const auto all = voice_fragments(kDefault, 2026y);
  ASSERT_EQ(all.size(), 1u + 31 + 12 + 2 + 24 + 59);
  EXPECT_EQ(all[0].id, "phrase-1");
  EXPECT_EQ(all[0].text, "Напоминаем, что Вы записаны на приём");
  EXPECT_EQ(all[0].group, FragmentGroup::kPhrase);
  EXPECT_EQ(all[1].id, "day-01");
  EXPECT_EQ(all[44].id, "year-2027");
  EXPECT_EQ(all[45].id, "year-2028");
  EXPECT_EQ(all[45].text, "две тысячи двадцать восьмого года");
  std::set<std::string> unique;
  for (const auto& f : all) {
    EXPECT_TRUE(is_fragment_id_syntax(f.id)) << f.id;
    EXPECT_TRUE(unique.insert(f.id).second) << f.id;
  }
}

TEST(VoiceFragments, split_phrase_two_at_its_placeholders_with_pauses_for_punctuation) {
  const std::string text = "Добрый день. Вы записаны %дата%, %время%. Кабинет 5 — ждём вас.";
  const auto ids = ids_of(*phrase2_sequence(text, 2026y / May / 4, 2026y, 9, 0));
  EXPECT_EQ(ids, (std::vector<std::string>{"phrase-1", "day-04", "month-05", "", "hour-09", "",
                                           "phrase-2"}));
  const auto all = voice_fragments(text, 2026y);
  EXPECT_EQ(all[1].text, "Кабинет пять — ждём вас.");
}

TEST(VoiceFragments, december_appointments_for_next_january_say_the_year) {
  const auto ids = ids_of(*phrase2_sequence(kDefault, 2027y / January / 1, 2026y, 0, 0));
  EXPECT_EQ(ids, (std::vector<std::string>{"phrase-1", "day-01", "month-01", "year-2027", "",
                                           "hour-00"}));
}

TEST(VoiceFragments, a_full_name_or_extra_column_makes_phrase_two_synthesised) {
  EXPECT_EQ(phrase2_note(kDefault), "");
  const std::string with_name = "%ФИО%, Вы записаны %дата%";
  EXPECT_NE(phrase2_note(with_name).find("%ФИО%"), std::string::npos);
  EXPECT_FALSE(phrase2_sequence(with_name, 2026y / May / 4, 2026y, 9, 0).ok());
  EXPECT_EQ(voice_fragments(with_name, 2026y)[0].id, "day-01");
  EXPECT_FALSE(phrase2_sequence("Врач %Врач%", 2026y / May / 4, 2026y, 9, 0).ok());
}

TEST(VoiceFragments, ids_are_safe_file_names) {
  EXPECT_TRUE(is_fragment_id_syntax("minute-59"));
  for (const char* bad : {"", "../x", "Day-1", "a/b", "a.wav", "день"}) {
    EXPECT_FALSE(is_fragment_id_syntax(bad)) << bad;
  }
}

TEST(VoicePackCoverage, a_complete_pack_holds_every_fragment_of_every_day_and_minute) {
  const std::string text = "Вы записаны к врачу %дата%. Приходите %время%, пожалуйста.";
  const year current = 2026y;
  std::map<std::string, std::string> pack;
  for (const auto& f : voice_fragments(text, current)) pack[f.id] = f.text;
  const auto check = [&](year_month_day date, int hour, int minute) {
    auto sequence = phrase2_sequence(text, date, current, hour, minute);
    ASSERT_TRUE(sequence.ok());
    for (const auto& f : *sequence) {
      if (f.id.empty()) continue;
      auto it = pack.find(f.id);
      ASSERT_NE(it, pack.end()) << f.id;
      ASSERT_EQ(it->second, f.text) << f.id;
    }
  };
  const sys_days last{(current + years(kVoiceYearsAhead)) / December / 31};
  for (sys_days d{current / January / 1}; d <= last; d += days(1)) {
    check(year_month_day(d), 10, 30);
  }
  for (int h = 0; h < 24; ++h) {
    for (int m = 0; m < 60; ++m) check(current / June / 15, h, m);
  }
}

}  // namespace
}  // namespace robocall::speech
