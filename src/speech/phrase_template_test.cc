#include "speech/phrase_template.h"

#include <gtest/gtest.h>

#include "domain/scoped_tz.h"

namespace robocall::speech {
namespace {

using namespace std::chrono;

// Pins the process TZ to Moscow (UTC+3, no DST) for the fill tests.
class PhraseTemplateTest : public ::testing::Test {
 protected:
  domain::ScopedTz tz_{"MSK-3"};

  static domain::Instant moscow(int y, unsigned m, unsigned d, int hh, int mm) {
    return sys_days(year(y) / month(m) / day(d)) + hours(hh - 3) + minutes(mm);
  }
};

TEST(DefaultPhraseText, is_the_spec_text_of_each_phrase) {
  EXPECT_EQ(default_phrase_text(1), "Вас приветствует система уведомлений.");
  EXPECT_EQ(default_phrase_text(2), "Напоминаем, что Вы записаны на приём %дата%, %время%.");
  EXPECT_EQ(default_phrase_text(3),
            "Для подтверждения записи нажмите 1, для отмены записи нажмите 2.");
  EXPECT_EQ(default_phrase_text(4), "Ваш приём подтверждён. Всего доброго.");
  EXPECT_EQ(default_phrase_text(5), "Ваш приём отменён. Всего доброго.");
  EXPECT_EQ(default_phrase_text(6), "Ваш запрос не распознан. Всего доброго.");
}

TEST(Placeholders, lists_the_names_between_percent_signs) {
  auto names = placeholders("%ФИО%, Вы записаны %дата% к %Врач% (скидка 5%%)");
  ASSERT_TRUE(names.ok()) << names.error().message;
  EXPECT_EQ(*names, (std::vector<std::string>{"ФИО", "дата", "Врач"}));
}

TEST(ValidateTemplate, accepts_builtin_and_known_extra_names_and_rejects_the_rest) {
  const std::vector<std::string> extra = {"Врач", "Кабинет"};
  struct Case {
    std::string text;
    bool ok;
    std::string_view message_part;
  };
  const std::vector<Case> cases = {
      {"Напоминаем, что Вы записаны на приём %дата%, %время%.", true, ""},
      {"%ФИО%, Вас ждёт %Врач% в кабинете %Кабинет%.", true, ""},
      {"Скидка 10%% для всех.", true, ""},
      {"Вас ждёт %Доктор%.", false, "Неизвестное поле %Доктор%"},
      {"Приём %дата", false, "Непарный знак %"},
      {"Приём %дата\n%", false, "Непарный знак %"},
      {"   ", false, "Текст фразы пуст"},
      {"", false, "Текст фразы пуст"},
      {"%врач%", false, "Неизвестное поле %врач%"},
      {std::string(2001, 'a'), false, "слишком длинный"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text.substr(0, 40));
    Status st = validate_template(c.text, extra);
    EXPECT_EQ(st.ok(), c.ok);
    if (!c.ok) {
      EXPECT_EQ(st.error().code, Errc::kInvalidArgument);
      EXPECT_NE(st.error().message.find(c.message_part), std::string::npos) << st.error().message;
    }
  }
}

TEST(ValidateTemplate, names_the_available_fields_when_one_is_unknown) {
  const std::vector<std::string> extra = {"Врач"};
  Status st = validate_template("%Доктор%", extra);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.error().message.find("%дата% %время% %ФИО% %Врач%"), std::string::npos)
      << st.error().message;
}

TEST_F(PhraseTemplateTest, fills_the_reminder_with_words_in_the_local_time_zone) {
  domain::Task task;
  task.appointment = moscow(2027, 1, 19, 10, 2);
  auto text =
      fill_template(default_phrase_text(domain::kReminderPhrase), task, moscow(2027, 1, 10, 9, 0));
  ASSERT_TRUE(text.ok()) << text.error().message;
  EXPECT_EQ(*text,
            "Напоминаем, что Вы записаны на приём девятнадцатого января, в десять часов "
            "две минуты.");
}

TEST_F(PhraseTemplateTest, speaks_the_year_of_an_appointment_in_another_year) {
  domain::Task task;
  task.appointment = moscow(2027, 1, 19, 0, 30);  // still 18 January in UTC
  auto text = fill_template("%дата%, %время%", task, moscow(2026, 12, 28, 12, 0));
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(*text,
            "девятнадцатого января две тысячи двадцать седьмого года, в ноль часов "
            "тридцать минут");
}

TEST_F(PhraseTemplateTest, fills_the_name_and_extra_columns_and_spells_their_digits) {
  domain::Task task;
  task.full_name = "Иванов Иван Иванович";
  task.extra = {{"Врач", "терапевт Петрова"}, {"Кабинет", "214"}};
  task.appointment = moscow(2026, 5, 1, 9, 0);
  auto text = fill_template("%ФИО%, %Врач% ждёт Вас в кабинете %Кабинет% %дата% %время%.", task,
                            moscow(2026, 4, 1, 9, 0));
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(*text,
            "Иванов Иван Иванович, терапевт Петрова ждёт Вас в кабинете двести "
            "четырнадцать первого мая в девять часов.");
}

TEST_F(PhraseTemplateTest, spells_the_keys_of_the_prompt_as_words) {
  auto text = fill_template(default_phrase_text(domain::kQuestionPhrase), domain::Task{},
                            moscow(2026, 4, 1, 9, 0));
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(*text, "Для подтверждения записи нажмите один, для отмены записи нажмите два.");
}

TEST_F(PhraseTemplateTest, reports_a_placeholder_the_task_has_no_value_for) {
  auto text = fill_template("%Кабинет%", domain::Task{}, moscow(2026, 4, 1, 9, 0));
  ASSERT_FALSE(text.ok());
  EXPECT_EQ(text.error().code, Errc::kInvalidArgument);
  EXPECT_NE(text.error().message.find("%Кабинет%"), std::string::npos);
}

}  // namespace
}  // namespace robocall::speech
