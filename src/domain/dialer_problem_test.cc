// The status strip's problem from what the dialer knows: nothing while
// calling is switched off, the SIP account before the calendar.
#include "domain/dialer_problem.h"

#include <gtest/gtest.h>

namespace robocall::domain {
namespace {

TEST(DialerProblem, each_situation_is_said_in_a_clinics_words_with_its_page) {
  struct Case {
    DialerFacts facts;
    std::optional<std::string> code;
    std::string link;
  };
  const std::string later = "обзвон начнётся в 09:00";
  const Case cases[] = {
      {{false, false, false, std::nullopt, false, later, false}, std::nullopt, ""},
      {{false, true, true, 401, true, later, false}, std::nullopt, ""},
      {{true, false, false, std::nullopt, true, later, false}, "no_sip_account", "/settings/sip"},
      {{true, false, true, 401, false, later, false}, "no_sip_account", "/settings/sip"},
      {{true, true, true, 401, true, later, false}, "sip_auth", "/settings/sip"},
      {{true, true, true, 403, true, later, false}, "sip_auth", "/settings/sip"},
      {{true, true, true, 407, false, later, false}, "sip_auth", "/settings/sip"},
      {{true, true, true, 408, true, later, false}, "sip_unreachable", "/settings/sip"},
      {{true, true, true, 503, true, later, false}, "sip_unavailable", "/settings/sip"},
      {{true, true, true, std::nullopt, true, later, false}, "sip_error", "/settings/sip"},
      {{true, true, false, 401, false, later, false}, "outside_hours", "/settings/schedule"},
      {{true, true, false, std::nullopt, true, later, false}, std::nullopt, ""},
      {{true, true, true, 403, true, later, true}, "sip_registration", "/settings/sip"},
      {{true, true, true, std::nullopt, false, later, true}, "sip_registration", "/settings/sip"},
      {{false, true, true, 403, true, later, true}, std::nullopt, ""},
      {{true, true, false, std::nullopt, true, later, true}, std::nullopt, ""},
  };
  for (const auto& c : cases) {
    const auto got = dialer_problem(c.facts);
    ASSERT_EQ(got.has_value(), c.code.has_value()) << c.code.value_or("none");
    if (!got) continue;
    EXPECT_EQ(got->code, *c.code);
    EXPECT_EQ(got->link, c.link);
  }
}

TEST(DialerProblem, the_texts_are_the_glossarys) {
  DialerFacts f{true, false, false, std::nullopt, true, "", false};
  EXPECT_EQ(dialer_problem(f)->text, "не настроена учётная запись телефонии");
  f = {true, true, true, 401, true, "", false};
  EXPECT_EQ(dialer_problem(f)->text, "провайдер отклонил пароль");
  f = {true, true, false, std::nullopt, false, "обзвон начнётся в 09:00", false};
  EXPECT_EQ(dialer_problem(f)->text, "сейчас не время звонков, обзвон начнётся в 09:00");
  f = {true, true, true, 403, true, "", true};
  EXPECT_EQ(dialer_problem(f)->text, "провайдер не принял регистрацию (ошибка 403)");
  f = {true, true, true, std::nullopt, true, "", true};
  EXPECT_EQ(dialer_problem(f)->text, "провайдер не ответил на регистрацию");
}

}  // namespace
}  // namespace robocall::domain
