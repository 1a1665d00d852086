#include "store/task_rows.h"

#include <gtest/gtest.h>

namespace robocall::store {
namespace {

using namespace std::chrono;

TEST(TaskRows, writes_dates_as_iso_text_and_reads_them_back) {
  const struct {
    year_month_day date;
    const char* text;
  } cases[] = {
      {year{1950} / 1 / 1, "1950-01-01"},  {year{2026} / 12 / 31, "2026-12-31"},
      {year{2024} / 2 / 29, "2024-02-29"}, {year{1900} / 3 / 1, "1900-03-01"},
      {year{9999} / 9 / 9, "9999-09-09"},  {year{5} / 10 / 10, "0005-10-10"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(date_text(c.date), c.text);
    EXPECT_EQ(parse_date(c.text), c.date) << c.text;
  }
}

TEST(TaskRows, extra_fields_are_a_json_array_of_pairs_that_reads_back) {
  const domain::ExtraFields cases[] = {
      {},
      {{"Врач", "Петрова А. А."}},
      {{"Кабинет", "12"}, {"Адрес", "ул. \"Ленина\", 1\\2"}, {"Пусто", ""}},
      {{"Перевод\nстроки", "таб\tуляция"}},
  };
  for (const auto& extra : cases) {
    const auto json = extra_to_json(extra);
    auto back = extra_from_json(json);
    ASSERT_TRUE(back.ok()) << json;
    EXPECT_EQ(*back, extra) << json;
  }
  EXPECT_EQ(extra_to_json({}), "[]");
  EXPECT_EQ(extra_to_json({{"a", "b"}, {"c", "d"}}), R"([["a","b"],["c","d"]])");
}

TEST(TaskRows, invalid_utf8_in_extra_fields_still_makes_valid_json) {
  const auto json = extra_to_json({{"Врач", "bad \xFF"}});
  auto back = extra_from_json(json);
  ASSERT_TRUE(back.ok()) << json;
  EXPECT_EQ((*back)[0].second, "bad \xEF\xBF\xBD");
}

}  // namespace
}  // namespace robocall::store
