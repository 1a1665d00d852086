// robocall against linphonec as the patient's phone, through kamailio
// (docs/BEHAVIOUR.md "Keys, hold and session refresh"): the key 1 pressed as
// RFC 4733 events, as in-band tones and as SIP INFO confirms the reminder,
// and a reminder put on hold and resumed goes on to the patient's answer.
#include <gtest/gtest.h>

#include "harness.h"
#include "peers.h"

namespace robocall::interop {
namespace {

using namespace std::chrono_literals;

constexpr const char* kPatient = "9161234567";

class LinphonePatient : public ::testing::Test {
 protected:
  void TearDown() override {
    if (!HasFailure()) std::filesystem::remove_all(dir);
  }
  // The patient pressing 1 once connected, sending keys the way `keys` says.
  void expect_confirmed_by_a_key(KeyMode keys) {
    Kamailio provider(dir, {});
    Linphone phone(dir, "patient", provider, kPatient, keys);
    auto call = call_through(dir, provider, kPatient, {"--silence", "3"});
    ASSERT_TRUE(phone.wait_output("connected.", 30s)) << phone.report() << provider.log();
    phone.type("1");
    const CallResult r = call.get();
    EXPECT_EQ(r.json.value("outcome", ""), "confirmed") << "robocall:\n"
                                                        << r.output << "\n"
                                                        << phone.report() << "\nkamailio:\n"
                                                        << provider.log();
    EXPECT_EQ(r.json.value("digits", ""), "1");
  }
  const std::filesystem::path dir = dialer::testing::make_temp_dir();
};

TEST_F(LinphonePatient, a_key_sent_as_rfc_4733_events_confirms_the_reminder) {
  expect_confirmed_by_a_key(KeyMode::kRfc4733);
}

TEST_F(LinphonePatient, a_key_sent_as_in_band_tones_confirms_the_reminder) {
  expect_confirmed_by_a_key(KeyMode::kInBand);
}

// Needs keys sent as SIP INFO (docs/BEHAVIOUR.md "Keys, hold and session refresh").
TEST_F(LinphonePatient, a_key_sent_as_sip_info_confirms_the_reminder) {
  expect_confirmed_by_a_key(KeyMode::kSipInfo);
}

// Needs the reminder paused on hold (docs/BEHAVIOUR.md "Keys, hold and
// session refresh"): the patient holds the call as soon as it is answered,
// resumes it and answers the question with 1.
TEST_F(LinphonePatient, a_reminder_put_on_hold_and_resumed_still_takes_the_patients_key) {
  Kamailio provider(dir, {});
  Linphone phone(dir, "patient", provider, kPatient, KeyMode::kRfc4733);
  auto call = call_through(dir, provider, kPatient, {"--silence", "10"});
  ASSERT_TRUE(phone.wait_output("connected.", 30s)) << phone.report() << provider.log();
  phone.type("pause");
  ASSERT_TRUE(phone.wait_output("is now paused.", 10s)) << phone.report() << provider.log();
  std::this_thread::sleep_for(3s);
  phone.type("resume");
  ASSERT_TRUE(phone.wait_output("Media streams established", 10s, 2))
      << phone.report() << provider.log();
  phone.type("1");
  const CallResult r = call.get();
  EXPECT_EQ(r.json.value("outcome", ""), "confirmed") << "robocall:\n"
                                                      << r.output << "\n"
                                                      << phone.report() << "\nkamailio:\n"
                                                      << provider.log();
  EXPECT_EQ(r.json.value("digits", ""), "1");
}

}  // namespace
}  // namespace robocall::interop
