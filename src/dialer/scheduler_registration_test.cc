// The scheduler and the default account's registration (docs/BEHAVIOUR.md
// "Trunk problems"): no claim while it is not accepted, a failed one reads
// as a pause with its reason, an accepted retry resumes by itself.
#include <gtest/gtest.h>

#include "dialer/scheduler.h"
#include "domain/scoped_tz.h"

namespace robocall::dialer {
namespace {

using namespace std::chrono_literals;

// 2026-12-07 10:00 UTC, a Monday inside the window.
const domain::Instant kTen{std::chrono::sys_days{std::chrono::year{2026} / 12 / 7} + 10h};

SchedulerConfig config() {
  domain::CalendarSettings c;
  c.weekdays.fill(domain::DayMode::kWorking);
  c.working = {9h, 20h};
  c.shortened = {9h, 17h};
  return SchedulerConfig{true,
                         std::string("Провайдер"),
                         "id",
                         2,
                         1000,
                         {3, 30min},
                         domain::WorkingCalendar::create(c).value()};
}

bool claims(const std::vector<Command>& out) {
  return std::any_of(out.begin(), out.end(),
                     [](const Command& c) { return std::holds_alternative<ClaimDue>(c); });
}

RegistrationChanged failed_403() {
  RegistrationChanged r;
  r.blocks = true;
  r.failed = true;
  r.sip_code = 403;
  r.error = "403 Forbidden";
  return r;
}

TEST(SchedulerRegistration, nothing_is_claimed_until_the_registrar_accepts) {
  domain::ScopedTz utc{"UTC"};
  domain::ManualClock clock(kTen, domain::SteadyTime{} + 1000h);
  Scheduler s{clock};
  s.on(RegistrationChanged{true, false, std::nullopt, ""});
  EXPECT_FALSE(claims(s.on(ConfigChanged{config(), true})));
  EXPECT_EQ(s.live().state, DialerState::kRunning);  // registering is not a problem yet
  clock.advance(1s);
  EXPECT_TRUE(claims(s.on(RegistrationChanged{})));
}

TEST(SchedulerRegistration,
     a_failed_registration_pauses_with_its_code_and_an_accepted_retry_resumes) {
  domain::ScopedTz utc{"UTC"};
  domain::ManualClock clock(kTen, domain::SteadyTime{} + 1000h);
  Scheduler s{clock};
  s.on(failed_403());
  EXPECT_FALSE(claims(s.on(ConfigChanged{config(), true})));
  const auto live = s.live();
  EXPECT_EQ(live.state, DialerState::kSipError);
  EXPECT_TRUE(live.paused);
  EXPECT_TRUE(live.registration_failed);
  EXPECT_EQ(live.sip_code, 403);
  EXPECT_NE(live.error.find("Регистрация учётной записи SIP «Провайдер» не удалась: 403 Forbidden"),
            std::string::npos);
  clock.advance(1min);
  EXPECT_FALSE(claims(s.on(Tick{})));
  // An administrator's save does not lift it: only the registrar does.
  EXPECT_FALSE(claims(s.on(ConfigChanged{config(), true})));
  EXPECT_EQ(s.live().state, DialerState::kSipError);
  clock.advance(1s);
  EXPECT_TRUE(claims(s.on(RegistrationChanged{})));
  EXPECT_EQ(s.live().state, DialerState::kRunning);
  EXPECT_FALSE(s.live().registration_failed);
}

}  // namespace
}  // namespace robocall::dialer
