// The dialer in-process through the HTTP layer's DialerControl: its live
// state, switching dialing on and off, and a test call through an account.
#include <gtest/gtest.h>

#include <thread>

#include "dialer/dialer.h"
#include "domain/calendar.h"
#include "harness.h"
#include "store/accounts_repo.h"

namespace robocall::dialer::testing {
namespace {

using std::chrono::seconds;

// Polls live() until it reports `state` (the loop applies commands
// asynchronously), at most 10 s.
bool becomes(Dialer& d, DialerState state) {
  const auto deadline = std::chrono::steady_clock::now() + seconds(10);
  while (d.live().state != state) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return true;
}

TEST(DialerControl, reports_its_state_switches_on_and_off_and_places_test_calls) {
  const auto dir = make_temp_dir();
  const auto db_path = dir / "robocall.db";
  SippPeer peer(dir, sip::testing::free_peer_ports(), std::chrono::milliseconds(300));
  pin_local_time_to_midday();
  const auto start = now();
  auto db = open_db(db_path);
  set_schedule_until(db, start + std::chrono::hours(1));
  set_robocall(db, R"({"enabled":false})");

  DialerOptions o;
  o.db_path = db_path;
  o.data_dir = dir / "data";
  auto started = Dialer::start(o);
  ASSERT_TRUE(started.ok()) << started.error().message;
  Dialer& d = **started;

  // Switched off reads as stopped, whatever else is wrong (docs/BEHAVIOUR.md
  // "The status strip"); switched on with no SIP account yet, it is a
  // configuration problem shown in Russian.
  ASSERT_TRUE(becomes(d, DialerState::kStopped));
  EXPECT_EQ(d.set_enabled(true).state, DialerState::kSipError);
  EXPECT_NE(d.live().error.find("учётная запись SIP"), std::string::npos) << d.live().error;

  add_account(db, peer.port());
  set_robocall(db, R"({"enabled":true})");
  d.reload_settings();
  ASSERT_TRUE(becomes(d, DialerState::kRunning));
  // The switch answers the state after it, not before.
  EXPECT_EQ(d.set_enabled(false).state, DialerState::kStopped);
  EXPECT_EQ(d.set_enabled(true).state, DialerState::kRunning);
  EXPECT_EQ(d.set_enabled(false).state, DialerState::kStopped);

  const auto account = store::AccountsRepo(db).get_default().value()->id;
  auto confirmed = d.test_call(account, phone_of(Patient::kPresses1, 1));
  ASSERT_TRUE(confirmed.ok()) << confirmed.error().message;
  EXPECT_EQ(confirmed->outcome, domain::CallOutcome::kConfirmed);
  EXPECT_EQ(confirmed->sip_code, 200);
  EXPECT_EQ(confirmed->digits, "1");
  auto busy = d.test_call(account, phone_of(Patient::kBusy, 2));
  ASSERT_TRUE(busy.ok());
  EXPECT_EQ(busy->outcome, domain::CallOutcome::kBusy);
  EXPECT_EQ(busy->sip_code, 486);

  EXPECT_FALSE(d.test_call(account, "12345").ok()) << "not ten digits";
  EXPECT_FALSE(d.test_call(account + 100, phone_of(Patient::kPresses1, 3)).ok()) << "no account";
  EXPECT_EQ(db.query_int("SELECT count(*) FROM attempts").value(), 0)
      << "test calls are not patients' attempts";

  d.stop();
  EXPECT_EQ(d.live().state, DialerState::kStopped);
  EXPECT_EQ(peer.stop_and_read().size(), 2u);
  if (!HasFailure()) std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace robocall::dialer::testing
