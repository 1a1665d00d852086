#include "store/settings_repo.h"

#include <gtest/gtest.h>

#include "store/schema.h"
#include "store/test_db.h"

namespace robocall::store {
namespace {

using namespace std::chrono;

const domain::Instant kNow{sys_days{year{2026} / 3 / 2}};

class SettingsRepoTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = test_db_.open();
    ASSERT_TRUE(opened.ok());
    db_ = std::move(opened).value();
    // A new database holds the decreed production calendar (schema v10);
    // these tests start from no exceptions.
    ASSERT_TRUE(db_.exec("DELETE FROM date_exceptions").ok());
  }
  TestDatabase test_db_;
  Connection db_;
};

TEST_F(SettingsRepoTest, stores_json_values_and_replaces_them) {
  SettingsRepo repo(db_);
  EXPECT_EQ(repo.get("dialer").value(), std::nullopt);
  ASSERT_TRUE(repo.put("dialer", R"({"enabled":true,"attempts":3})", "admin", kNow).ok());
  ASSERT_TRUE(repo.put("dialer", R"({"enabled":false})", "admin", kNow).ok());
  ASSERT_TRUE(repo.put("schedule", "[]", "admin", kNow).ok());
  EXPECT_EQ(repo.get("dialer").value(), R"({"enabled":false})");
  EXPECT_EQ(repo.all().value().size(), 2u);
}

TEST_F(SettingsRepoTest, refuses_text_that_is_not_json_and_keeps_the_old_value) {
  SettingsRepo repo(db_);
  ASSERT_TRUE(repo.put("dialer", "{}", "admin", kNow).ok());
  for (const char* bad : {"", "{", "enabled=true", "{'a':1}"}) {
    auto st = repo.put("dialer", bad, "admin", kNow);
    ASSERT_FALSE(st.ok()) << bad;
    EXPECT_EQ(st.error().code, Errc::kInvalidArgument);
  }
  EXPECT_EQ(repo.put("", "{}", "admin", kNow).error().code, Errc::kInvalidArgument);
  EXPECT_EQ(repo.get("dialer").value(), "{}");
}

TEST_F(SettingsRepoTest, replaces_the_date_exceptions_of_one_year_only) {
  SettingsRepo repo(db_);
  const std::vector<DateException> y2026{
      {year{2026} / 1 / 1, domain::DayMode::kDayOff, false, "calendar"},
      {year{2026} / 2 / 21, domain::DayMode::kShortened, true, "calendar"}};
  const std::vector<DateException> y2027{
      {year{2027} / 1 / 1, domain::DayMode::kDayOff, false, "calendar"}};
  ASSERT_TRUE(repo.replace_year(2026, y2026).ok());
  ASSERT_TRUE(repo.replace_year(2027, y2027).ok());
  const std::vector<DateException> new2026{
      {year{2026} / 5 / 11, domain::DayMode::kWorking, false, "admin"}};
  ASSERT_TRUE(repo.replace_year(2026, new2026).ok());
  auto only2026 = repo.exceptions(2026).value();
  ASSERT_EQ(only2026.size(), 1u);
  EXPECT_EQ(only2026[0].date, year{2026} / 5 / 11);
  EXPECT_EQ(only2026[0].mode, domain::DayMode::kWorking);
  EXPECT_EQ(only2026[0].source, "admin");
  EXPECT_EQ(repo.exceptions().value().size(), 2u);
}

TEST_F(SettingsRepoTest, a_bad_exception_list_changes_nothing) {
  SettingsRepo repo(db_);
  const std::vector<DateException> good{{year{2026} / 1 / 1, domain::DayMode::kDayOff, false, ""}};
  ASSERT_TRUE(repo.replace_year(2026, good).ok());
  const std::vector<std::vector<DateException>> bad{
      {{year{2025} / 12 / 31, domain::DayMode::kDayOff, false, ""}},
      {{year{2026} / 2 / 30, domain::DayMode::kDayOff, false, ""}},
      {{year{2026} / 1 / 3, domain::DayMode::kDayOff, false, ""},
       {year{2026} / 1 / 3, domain::DayMode::kWorking, false, ""}}};
  for (const auto& list : bad) {
    auto st = repo.replace_year(2026, list);
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.error().code, Errc::kInvalidArgument) << st.error().message;
  }
  auto kept = repo.exceptions(2026).value();
  ASSERT_EQ(kept.size(), 1u);
  EXPECT_EQ(kept[0].date, year{2026} / 1 / 1);
}

TEST_F(SettingsRepoTest, stores_the_six_phrases_and_their_recordings) {
  SettingsRepo repo(db_);
  ASSERT_TRUE(
      repo.put_phrase({1, "Вас приветствует система уведомлений.", std::nullopt, kNow}).ok());
  ASSERT_TRUE(repo.put_phrase({6, "Ваш запрос не распознан.", "phrases/6.wav", kNow}).ok());
  ASSERT_TRUE(repo.put_phrase({1, "Здравствуйте!", std::nullopt, kNow + hours{1}}).ok());
  auto phrases = repo.phrases().value();
  ASSERT_EQ(phrases.size(), 2u);
  EXPECT_EQ(phrases[0].text, "Здравствуйте!");
  EXPECT_EQ(phrases[0].updated, kNow + hours{1});
  EXPECT_EQ(phrases[1].recording, "phrases/6.wav");
  for (int bad : {0, 9, -1})
    EXPECT_EQ(repo.put_phrase({bad, "x", std::nullopt, kNow}).error().code, Errc::kInvalidArgument);
  EXPECT_TRUE(repo.put_phrase({8, "Проверка не пройдена.", std::nullopt, kNow}).ok());
}

}  // namespace
}  // namespace robocall::store
