#include "dialer/config.h"

#include <gtest/gtest.h>

#include "domain/production_calendar.h"
#include "speech/phrase_template.h"
#include "store/accounts_repo.h"
#include "store/schema.h"
#include "store/settings_repo.h"
#include "store/test_db.h"

namespace robocall::dialer {
namespace {

using domain::DayMode;
using std::chrono::hours;

const domain::Instant kNow{std::chrono::sys_days{std::chrono::year{2026} / 3 / 2} + hours{10}};
constexpr const char* kSchedule =
    R"({"working":{"start":"08:30","end":"21:00"},"shortened":{"start":"10:00","end":"15:00"},)"
    R"("weekdays":["working","working","working","working","shortened","day_off","day_off"]})";

class LoadConfigTest : public ::testing::Test {
 protected:
  void SetUp() override { db_ = store::open_database(dir_.file("c.db")).value(); }
  store::TempDir dir_;
  store::Connection db_;
};

TEST_F(LoadConfigTest, a_new_store_gives_the_defaults_the_decreed_calendar_and_no_account) {
  auto c = load_config(db_, nullptr);
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_EQ(c->settings, DialerSettings{});
  auto expected = domain::default_calendar_settings();
  expected.exceptions = domain::default_production_exceptions();
  EXPECT_EQ(c->calendar.settings(), expected);
  EXPECT_FALSE(c->account_id.has_value());
  EXPECT_EQ(c->phrases[1].text, speech::default_phrase_text(2));
  EXPECT_TRUE(c->problems.empty());
}

TEST_F(LoadConfigTest, reads_settings_schedule_exceptions_phrases_and_the_default_account) {
  store::SettingsRepo settings(db_);
  ASSERT_TRUE(settings.put("robocall", R"({"enabled":true,"attempts":4})", "admin", kNow).ok());
  ASSERT_TRUE(settings.put("schedule", kSchedule, "admin", kNow).ok());
  const std::vector<store::DateException> ex{
      {std::chrono::year{2026} / 3 / 9, DayMode::kWorking, false, "admin"}};
  ASSERT_TRUE(settings.replace_year(2026, ex).ok());
  ASSERT_TRUE(settings.put_phrase({2, "Приём %дата%", std::nullopt, kNow}).ok());
  store::SipAccountRecord acc;
  acc.name = "trunk";
  acc.username = "u";
  acc.password = "p";
  acc.server = "127.0.0.1:5070";
  acc.prefix = "9";
  const auto id = store::AccountsRepo(db_).create(acc, kNow).value();

  auto c = load_config(db_, nullptr);
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_TRUE(c->settings.enabled);
  EXPECT_EQ(c->settings.attempts, 4);
  EXPECT_EQ(c->calendar.settings().weekdays[5], DayMode::kDayOff);
  EXPECT_EQ(c->calendar.mode_on(std::chrono::year{2026} / 3 / 9), DayMode::kWorking);
  EXPECT_EQ(c->calendar.mode_on(std::chrono::year{2026} / 1 / 1), DayMode::kWorking)
      << "2026's stored days were replaced: a Thursday by the weekday rule";
  EXPECT_EQ(c->phrases[1].text, "Приём %дата%");
  EXPECT_EQ(c->account_id, id);
  EXPECT_EQ(c->account.server, "127.0.0.1:5070");
  EXPECT_EQ(c->account.prefix, "9");
}

TEST_F(LoadConfigTest, an_empty_exceptions_table_means_no_exceptions) {
  ASSERT_TRUE(db_.exec("DELETE FROM date_exceptions").ok());
  auto c = load_config(db_, nullptr);
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_TRUE(c->calendar.settings().exceptions.empty());
  EXPECT_EQ(c->calendar.mode_on(std::chrono::year{2026} / 1 / 1), DayMode::kWorking)
      << "no built-in holiday comes back";
}

TEST_F(LoadConfigTest, an_unusable_stored_block_keeps_the_previous_values_and_is_reported) {
  store::SettingsRepo settings(db_);
  ASSERT_TRUE(settings.put("robocall", R"({"enabled":true,"attempts":4})", "admin", kNow).ok());
  auto first = load_config(db_, nullptr).value();
  ASSERT_TRUE(settings.put("robocall", R"({"attempts":99})", "admin", kNow).ok());
  auto second = load_config(db_, &first);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->settings.attempts, 4);
  ASSERT_EQ(second->problems.size(), 1u);
  EXPECT_NE(second->problems[0].find("attempts"), std::string::npos);
}

// A TLS account stays TLS, so that the engine refuses it rather than calling
// over UDP (sip/tls.h).
TEST(ToSipAccount, keeps_each_transport_and_never_turns_tls_into_udp) {
  for (const auto& [stored, transport] :
       {std::pair{"udp", sip::Transport::kUdp}, std::pair{"tcp", sip::Transport::kTcp},
        std::pair{"tls", sip::Transport::kTls}}) {
    store::SipAccountRecord r;
    r.transport = stored;
    EXPECT_EQ(to_sip_account(r).transport, transport) << stored;
  }
}

}  // namespace
}  // namespace robocall::dialer
