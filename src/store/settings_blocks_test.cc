#include "store/settings_blocks.h"

#include <gtest/gtest.h>

#include <string>

namespace robocall::store {
namespace {

using domain::DayMode;
using nlohmann::json;
using std::chrono::hours;

const json kRobocall = {{"enabled", true},           {"attempts", 5},
                        {"retry_after_min", 0},      {"answer_timeout_s", 20},
                        {"max_calls", 200},          {"max_calls_per_second", 2.5},
                        {"retention_days", nullptr}, {"task_retention_days", 30}};

TEST(RobocallBlock, reads_every_field_and_writes_the_same_json_back) {
  auto s = read_robocall(kRobocall, AbsentField::kRefuse);
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_TRUE(s->enabled);
  EXPECT_EQ(s->attempts, 5);
  EXPECT_EQ(s->retry_after, std::chrono::minutes(0));
  EXPECT_EQ(s->answer_timeout, std::chrono::seconds(20));
  EXPECT_EQ(s->max_calls, 200);
  EXPECT_DOUBLE_EQ(s->max_calls_per_second, 2.5);
  EXPECT_FALSE(s->retention_days.has_value());
  EXPECT_EQ(s->task_retention_days, 30);
  auto written = kRobocall;
  written["verify_identity"] = false;
  EXPECT_EQ(to_json(*s), written);
}

TEST(RobocallBlock, the_defaults_are_the_json_of_a_default_block) {
  EXPECT_EQ(to_json(RobocallSettings{}), json({{"enabled", false},
                                               {"attempts", 3},
                                               {"retry_after_min", 30},
                                               {"answer_timeout_s", 30},
                                               {"max_calls", 10},
                                               {"max_calls_per_second", 1.0},
                                               {"retention_days", 7},
                                               {"task_retention_days", 90},
                                               {"verify_identity", false}}));
}

TEST(RobocallBlock, verify_identity_is_read_written_and_off_when_a_request_leaves_it_out) {
  auto on = kRobocall;
  on["verify_identity"] = true;
  auto s = read_robocall(on, AbsentField::kRefuse);
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_TRUE(s->verify_identity);
  EXPECT_EQ(to_json(*s), on);
  auto without = read_robocall(kRobocall, AbsentField::kRefuse);
  ASSERT_TRUE(without.ok()) << without.error().message;
  EXPECT_FALSE(without->verify_identity);
  EXPECT_TRUE(parse_robocall(R"({"verify_identity":true})")->verify_identity);
  for (const json& bad : {json("yes"), json(1), json(nullptr)}) {
    on["verify_identity"] = bad;
    auto r = read_robocall(on, AbsentField::kRefuse);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_NE(r.error().message.find("«verify_identity»"), std::string::npos);
  }
}

TEST(RobocallBlock, a_stored_block_keeps_defaults_for_missing_fields) {
  auto s = parse_robocall(R"({"attempts":2})");
  ASSERT_TRUE(s.ok());
  RobocallSettings expected;
  expected.attempts = 2;
  EXPECT_EQ(*s, expected);
}

TEST(RobocallBlock, a_request_must_give_every_field_and_is_told_which_is_missing) {
  for (const auto& [name, value] : kRobocall.items()) {
    auto partial = kRobocall;
    partial.erase(name);
    auto s = read_robocall(partial, AbsentField::kRefuse);
    ASSERT_FALSE(s.ok()) << name;
    EXPECT_NE(s.error().message.find("«" + name + "»"), std::string::npos) << s.error().message;
  }
}

TEST(RobocallBlock, refuses_fields_of_the_wrong_type_or_out_of_range_naming_them) {
  struct Case {
    std::string field;
    json value;
  };
  for (const auto& c : {
           Case{"enabled", 1},
           Case{"attempts", 0},
           Case{"attempts", 21},
           Case{"attempts", 2.5},
           Case{"attempts", "3"},
           Case{"attempts", 18446744073709551615ull},
           Case{"retry_after_min", -1},
           Case{"retry_after_min", 1441},
           Case{"answer_timeout_s", 4},
           Case{"max_calls", 0},
           Case{"max_calls", 1001},
           Case{"max_calls_per_second", 0.05},
           Case{"max_calls_per_second", 0},
           Case{"max_calls_per_second", "1"},
           Case{"retention_days", 0},
           Case{"retention_days", "7"},
           Case{"task_retention_days", 0},
           Case{"task_retention_days", 3651},
           Case{"task_retention_days", nullptr},
       }) {
    for (auto absent : {AbsentField::kRefuse, AbsentField::kDefault}) {
      auto bad = kRobocall;
      bad[c.field] = c.value;
      auto s = read_robocall(bad, absent);
      ASSERT_FALSE(s.ok()) << c.field << "=" << c.value;
      EXPECT_EQ(s.error().code, Errc::kInvalidArgument);
      EXPECT_NE(s.error().message.find("«" + c.field + "»"), std::string::npos)
          << s.error().message;
    }
  }
}

TEST(RobocallBlock, refuses_stored_text_that_is_not_a_json_object) {
  for (const char* text : {"", "[]", "{", "7"}) {
    EXPECT_FALSE(parse_robocall(text).ok()) << text;
  }
}

constexpr const char* kSchedule =
    R"({"working":{"start":"08:30","end":"21:00"},"shortened":{"start":"10:00","end":"15:00"},)"
    R"("weekdays":["working","working","working","working","shortened","day_off","day_off"]})";

TEST(ScheduleBlock, reads_windows_and_weekday_modes_keeping_the_exceptions) {
  auto base = domain::default_calendar_settings();
  base.exceptions = {{std::chrono::year{2026} / 1 / 1, DayMode::kDayOff}};
  auto s = parse_schedule(kSchedule, base);
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_EQ(s->working.start, hours{8} + std::chrono::minutes{30});
  EXPECT_EQ(s->working.end, hours{21});
  EXPECT_EQ(s->shortened.end, hours{15});
  EXPECT_EQ(s->weekdays[4], DayMode::kShortened);
  EXPECT_EQ(s->weekdays[6], DayMode::kDayOff);
  EXPECT_EQ(s->exceptions, base.exceptions);
  EXPECT_EQ(schedule_json(*s), json::parse(kSchedule));
}

TEST(ScheduleBlock, the_defaults_are_the_default_calendar) {
  const auto d = domain::default_calendar_settings();
  auto s = read_schedule(schedule_json(d), {});
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_EQ(s->weekdays, d.weekdays);
  EXPECT_EQ(s->working, d.working);
  EXPECT_EQ(s->shortened, d.shortened);
}

TEST(ScheduleBlock, refuses_broken_schedules_with_a_russian_message) {
  const auto base = domain::default_calendar_settings();
  const json good = json::parse(kSchedule);
  auto no_working = good;
  no_working.erase("working");
  auto short_time = good;
  short_time["working"]["start"] = "8:3";
  auto late_start = good;
  late_start["working"]["start"] = "21:00";
  auto bad_end = good;
  bad_end["shortened"]["end"] = "25:00";
  auto number_time = good;
  number_time["shortened"]["end"] = 15;
  auto two_days = good;
  two_days["weekdays"] = {"working", "working"};
  auto holiday = good;
  holiday["weekdays"][6] = "holiday";
  for (const json& bad : {json::array(), no_working, short_time, late_start, bad_end, number_time,
                          two_days, holiday}) {
    auto s = read_schedule(bad, base);
    ASSERT_FALSE(s.ok()) << bad.dump();
    EXPECT_EQ(s.error().code, Errc::kInvalidArgument);
    EXPECT_FALSE(s.error().message.empty());
  }
}

}  // namespace
}  // namespace robocall::store
