// robocall against linphonec as the patient's phone, through kamailio
// (docs/BEHAVIOUR.md "Keys, hold and session refresh"): the key 1 pressed as
// RFC 4733 events, as in-band tones and as SIP INFO confirms the reminder,
// and a reminder put on hold pauses and goes on when the call is resumed.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "audio/wav.h"
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

// The longest run of silence on robocall's own channel of a call's
// recording (the second) that its speech follows: a reminder paused on hold
// leaves one as long as the hold, a reminder that talks on leaves none.
std::chrono::milliseconds longest_pause_before_speech(const audio::Pcm& pcm) {
  constexpr std::size_t kBlock = 400;  // 50 ms at 8 kHz
  int run = 0, longest = 0;
  for (std::size_t at = 0; at + kBlock <= pcm.frames(); at += kBlock) {
    double sum = 0;
    for (std::size_t f = at; f < at + kBlock; ++f) {
      const double v = pcm.samples[f * pcm.channels + 1];
      sum += v * v;
    }
    const double rms = std::sqrt(sum / kBlock);
    if (rms < 100) {
      ++run;
    } else if (rms > 300) {
      longest = std::max(longest, run);
      run = 0;
    }
  }
  return std::chrono::milliseconds(50 * longest);
}

// Needs the reminder paused on hold (docs/BEHAVIOUR.md "Keys, hold and
// session refresh"): the patient holds the call as soon as it is answered,
// for four seconds, resumes it and answers the question with 1.
TEST_F(LinphonePatient, a_reminder_put_on_hold_pauses_and_goes_on_when_resumed) {
  Kamailio provider(dir, {});
  Linphone phone(dir, "patient", provider, kPatient, KeyMode::kRfc4733);
  const auto recording = dir / "call.wav";
  auto call = call_through(dir, provider, kPatient, {"--silence", "10", "--record", recording});
  ASSERT_TRUE(phone.wait_output("connected.", 30s)) << phone.report() << provider.log();
  phone.type("pause");
  ASSERT_TRUE(phone.wait_output("is now paused.", 10s)) << phone.report() << provider.log();
  std::this_thread::sleep_for(4s);
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
  const auto pcm = audio::read_wav(recording);
  ASSERT_TRUE(pcm.ok()) << r.output;
  ASSERT_EQ(pcm->channels, 2);
  // The hold lasted four seconds: robocall stayed silent at least two of
  // them and then went on.
  EXPECT_GE(longest_pause_before_speech(*pcm), 2s) << r.output;
}

}  // namespace
}  // namespace robocall::interop
