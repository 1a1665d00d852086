#include "http/cookies.h"

#include <gtest/gtest.h>

namespace robocall::http {
namespace {

TEST(SessionCookie, is_a_browser_session_cookie_with_strict_flags) {
  auto c = session_set_cookie("abc", false);
  EXPECT_EQ(c, "robocall_session=abc; Path=/; HttpOnly; SameSite=Strict");
  EXPECT_EQ(c.find("Max-Age"), std::string::npos);
  EXPECT_EQ(c.find("Expires"), std::string::npos);
}

TEST(SessionCookie, is_secure_under_tls) {
  EXPECT_TRUE(session_set_cookie("abc", true).ends_with("; Secure"));
  EXPECT_NE(session_clear_cookie(true).find("; Secure"), std::string::npos);
}

TEST(SessionCookie, clearing_expires_it_at_once) {
  auto c = session_clear_cookie(false);
  EXPECT_TRUE(c.starts_with("robocall_session=;"));
  EXPECT_NE(c.find("Max-Age=0"), std::string::npos);
}

TEST(CookieValue, finds_the_named_cookie_among_others) {
  struct Case {
    std::string_view header;
    std::optional<std::string> value;
  } cases[] = {
      {"robocall_session=abc", "abc"},
      {"a=1; robocall_session=abc; b=2", "abc"},
      {"a=1;robocall_session=\"abc\"", "abc"},
      {"x_robocall_session=abc", std::nullopt},
      {"", std::nullopt},
      {"robocall_session", std::nullopt},
      {"robocall_session=", ""},
  };
  for (const auto& c : cases)
    EXPECT_EQ(cookie_value(c.header, "robocall_session"), c.value) << c.header;
}

}  // namespace
}  // namespace robocall::http
