#include "dialer/settings.h"

#include <gtest/gtest.h>

#include <string>

namespace robocall::dialer {
namespace {

TEST(DialerSettings, reads_every_field_of_the_robocall_block) {
  auto s = parse_dialer_settings(
      R"({"enabled":true,"attempts":5,"retry_after_min":0,"answer_timeout_s":20,)"
      R"("max_calls":200,"max_calls_per_second":2.5,"retention_days":null})");
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_TRUE(s->enabled);
  EXPECT_EQ(s->attempts, 5);
  EXPECT_EQ(s->retry_after, std::chrono::minutes(0));
  EXPECT_EQ(s->answer_timeout, std::chrono::seconds(20));
  EXPECT_EQ(s->max_calls, 200);
  EXPECT_DOUBLE_EQ(s->max_calls_per_second, 2.5);
  EXPECT_FALSE(s->retention_days.has_value());
}

TEST(DialerSettings, keeps_defaults_for_missing_fields) {
  auto s = parse_dialer_settings(R"({"attempts":2})");
  ASSERT_TRUE(s.ok());
  DialerSettings expected;
  expected.attempts = 2;
  EXPECT_EQ(*s, expected);
  EXPECT_FALSE(s->enabled);
  EXPECT_EQ(s->retention_days, 7);
}

TEST(DialerSettings, rejects_fields_of_the_wrong_type_or_out_of_range_naming_them) {
  struct Case {
    std::string json;
    std::string field;
  };
  for (const auto& c : {
           Case{R"({"enabled":1})", "enabled"},
           Case{R"({"attempts":0})", "attempts"},
           Case{R"({"attempts":21})", "attempts"},
           Case{R"({"attempts":2.5})", "attempts"},
           Case{R"({"retry_after_min":-1})", "retry_after_min"},
           Case{R"({"retry_after_min":1441})", "retry_after_min"},
           Case{R"({"answer_timeout_s":4})", "answer_timeout_s"},
           Case{R"({"max_calls":0})", "max_calls"},
           Case{R"({"max_calls":1001})", "max_calls"},
           Case{R"({"max_calls_per_second":0.05})", "max_calls_per_second"},
           Case{R"({"max_calls_per_second":"1"})", "max_calls_per_second"},
           Case{R"({"retention_days":0})", "retention_days"},
           Case{R"({"retention_days":"7"})", "retention_days"},
       }) {
    auto s = parse_dialer_settings(c.json);
    ASSERT_FALSE(s.ok()) << c.json;
    EXPECT_EQ(s.error().code, Errc::kInvalidArgument);
    EXPECT_NE(s.error().message.find(c.field), std::string::npos) << s.error().message;
  }
}

TEST(DialerSettings, rejects_text_that_is_not_a_json_object) {
  for (const char* text : {"", "[]", "{", "7"}) {
    EXPECT_FALSE(parse_dialer_settings(text).ok()) << text;
  }
}

}  // namespace
}  // namespace robocall::dialer
