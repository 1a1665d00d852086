// Calls from the engine to a real SIPp peer on 127.0.0.1, one SIPp per test
// on ports of its own (ctest -j2 runs two at once). Each test pins what the
// dialer relies on: outcome, SIP code, digits, and the recording's channels.
#include "sip_call_fixture.h"

namespace robocall::sip::testing {
namespace {

using domain::CallOutcome;
using namespace std::chrono_literals;

TEST_F(SipCall, answered_call_hears_key_1_sent_as_telephone_event) {
  const Ports p = slot(0);
  SippPeer peer({"answer_key.xml", {{"PCAP", kDtmf1}}, p.sip, p.media});
  const Result r = call(account(p), recorded(), phrase(2000));
  EXPECT_TRUE(r.end.answered);
  EXPECT_EQ(r.end.sip_code, 200);
  EXPECT_EQ(r.digits, "1");
  EXPECT_EQ(r.end.cause, EndCause::kLocalHangup);
  EXPECT_EQ(r.end.outcome, CallOutcome::kNoInput);  // the dialog turns "1" into confirmed
  expect_peer_done(peer);
  const auto [patient, system] = recording_levels();
  EXPECT_GT(system, 1000.0);
}

TEST_F(SipCall, answered_call_hears_key_2_sent_as_telephone_event) {
  const Ports p = slot(1);
  SippPeer peer({"answer_key.xml", {{"PCAP", kDtmf2}}, p.sip, p.media});
  const Result r = call(account(p), recorded(), phrase(2000));
  EXPECT_TRUE(r.end.answered);
  EXPECT_EQ(r.digits, "2");
  expect_peer_done(peer);
  EXPECT_GT(recording_levels().second, 1000.0);
}

TEST_F(SipCall, answered_call_without_a_key_plays_the_phrase_to_its_end) {
  const Ports p = slot(2);
  SippPeer peer({"answer_silent.xml", {}, p.sip, p.media});
  const Result r = call(account(p), recorded(), phrase(600));
  EXPECT_TRUE(r.end.answered);
  EXPECT_EQ(r.digits, "");
  EXPECT_EQ(r.finished, 1);
  EXPECT_EQ(r.end.outcome, CallOutcome::kNoInput);
  expect_peer_done(peer);
  const auto [patient, system] = recording_levels();
  EXPECT_GT(system, 1000.0);
  EXPECT_LT(patient, 50.0);
}

TEST_F(SipCall, answered_call_hears_key_1_played_in_band) {
  const Ports p = slot(3);
  std::vector<std::int16_t> audio(8 * 200, 0);
  const auto tone = sine(697, 1209, 240, 5000);
  audio.insert(audio.end(), tone.begin(), tone.end());
  audio.insert(audio.end(), 8 * 400, 0);
  const auto pcap = dir_ / "inband_1.pcap";
  testing::write_g711_pcap(pcap, audio, 8);
  SippPeer peer({"answer_key.xml", {{"PCAP", pcap.string()}}, p.sip, p.media});
  const Result r = call(account(p), recorded(), phrase(2000));
  EXPECT_TRUE(r.end.answered);
  EXPECT_EQ(r.digits, "1");
  expect_peer_done(peer);
  const auto [patient, system] = recording_levels();
  EXPECT_GT(patient, 100.0);
  EXPECT_GT(system, 1000.0);
}

struct Rejection {
  int slot;
  const char* code;
  const char* reason;
  CallOutcome outcome;
  bool overloaded;
};

class SipRejection : public SipCall, public ::testing::WithParamInterface<Rejection> {};

TEST_P(SipRejection, final_response_is_classified_with_its_code_kept) {
  const Rejection& row = GetParam();
  const Ports p = slot(row.slot);
  SippPeer peer({"reject.xml", {{"CODE", row.code}, {"REASON", row.reason}}, p.sip, p.media});
  const Result r = call(account(p), recorded(), phrase(500));
  EXPECT_FALSE(r.end.answered);
  EXPECT_EQ(r.end.cause, EndCause::kFinalResponse);
  EXPECT_EQ(r.end.sip_code, std::stoi(row.code));
  EXPECT_EQ(r.end.outcome, row.outcome);
  EXPECT_EQ(r.end.trunk_overloaded, row.overloaded);
  EXPECT_EQ(r.end.reason, row.reason);
  expect_peer_done(peer);
  EXPECT_FALSE(std::filesystem::exists(dir_ / "call.wav"));
}

INSTANTIATE_TEST_SUITE_P(
    Codes, SipRejection,
    ::testing::Values(Rejection{4, "486", "Busy Here", CallOutcome::kBusy, false},
                      Rejection{5, "480", "Temporarily Unavailable", CallOutcome::kUnavailable,
                                false},
                      Rejection{6, "404", "Not Found", CallOutcome::kUnavailable, false},
                      Rejection{7, "503", "Service Unavailable", CallOutcome::kFailed, true}),
    [](const auto& info) { return std::string("sip_") + info.param.code; });

TEST_F(SipCall, ringing_past_the_answer_timeout_is_cancelled_as_no_answer) {
  const Ports p = slot(8);
  SippPeer peer({"ring_no_answer.xml", {}, p.sip, p.media});
  CallOptions o = recorded();
  o.answer_timeout = 1s;
  const Result r = call(account(p), o, phrase(500));
  EXPECT_FALSE(r.end.answered);
  EXPECT_EQ(r.progress, std::vector<std::uint16_t>{180});
  EXPECT_EQ(r.end.cause, EndCause::kAnswerTimeout);
  EXPECT_EQ(r.end.outcome, CallOutcome::kNoAnswer);
  EXPECT_EQ(r.end.sip_code, 487);
  expect_peer_done(peer);  // it saw our CANCEL and the ACK of its 487
}

TEST_F(SipCall, a_trunk_that_never_responds_fails_after_the_response_timeout) {
  const Ports p = slot(9);
  SippPeer peer({"no_response.xml", {}, p.sip, p.media});
  CallOptions o = recorded();
  o.no_response_timeout = 1s;
  const Result r = call(account(p), o, phrase(500));
  EXPECT_FALSE(r.end.answered);
  EXPECT_EQ(r.end.cause, EndCause::kNoResponse);
  EXPECT_EQ(r.end.outcome, CallOutcome::kFailed);
  EXPECT_EQ(r.end.sip_code, 0);
}

TEST_F(SipCall, a_401_challenge_is_answered_with_the_account_credentials) {
  const Ports p = slot(10);
  SippPeer peer({"auth.xml", {{"PCAP", kDtmf1}}, p.sip, p.media});
  Account acc = account(p, "secret");
  acc.realm = "robocall.test";  // the scenario's realm
  const Result r = call(acc, recorded(), phrase(2000));
  EXPECT_TRUE(r.end.answered);
  EXPECT_EQ(r.digits, "1");
  expect_peer_done(peer);
}

TEST_F(SipCall, a_wrong_password_is_a_configuration_error) {
  const Ports p = slot(11);
  SippPeer peer({"auth.xml", {{"PCAP", kDtmf1}}, p.sip, p.media});
  Account acc = account(p, "wrong");
  acc.realm = "robocall.test";
  const Result r = call(acc, recorded(), phrase(500));
  EXPECT_FALSE(r.end.answered);
  EXPECT_EQ(r.end.sip_code, 403);
  EXPECT_EQ(r.end.outcome, CallOutcome::kConfigError);
  expect_peer_done(peer);
}

TEST_F(SipCall, the_patient_hanging_up_mid_phrase_ends_the_call) {
  const Ports p = slot(12);
  SippPeer peer({"remote_bye.xml", {}, p.sip, p.media});
  const Result r = call(account(p), recorded(), phrase(5000));
  EXPECT_TRUE(r.end.answered);
  EXPECT_EQ(r.end.cause, EndCause::kRemoteBye);
  EXPECT_EQ(r.finished, 0);
  EXPECT_LT(r.end.ended - *r.end.answered_at, 4s);
  expect_peer_done(peer);
  EXPECT_GT(recording_levels().second, 1000.0);
}

TEST_F(SipCall, a_pcma_only_answer_gets_pcma) {
  const Ports p = slot(13);
  SippOptions o{"answer_pcma_only.xml", {{"PCAP", kDtmf1}}, p.sip, p.media};
  o.rtp_echo = true;
  SippPeer peer(o);
  const Result r = call(account(p), recorded(), phrase(2000));
  EXPECT_EQ(r.end.codec, "PCMA");
  // The key comes from the echo's port with another SSRC than the echoed
  // stream's: dropped (docs/SECURITY.md "RTP").
  EXPECT_EQ(r.digits, "");
  EXPECT_GT(r.end.rtp_dropped, 0u);
  expect_peer_done(peer);
  const auto [patient, system] = recording_levels();
  EXPECT_GT(patient, 1000.0);  // our phrase echoed back through the codec
  EXPECT_GT(system, 1000.0);
}

TEST_F(SipCall, a_pcmu_only_answer_gets_pcmu) {
  const Ports p = slot(14);
  SippOptions o{"answer_pcmu_only.xml", {{"PCAP", kDtmf1}}, p.sip, p.media};
  o.rtp_echo = true;
  SippPeer peer(o);
  const Result r = call(account(p), recorded(), phrase(2000));
  EXPECT_EQ(r.end.codec, "PCMU");
  EXPECT_EQ(r.digits, "");  // another SSRC from the latched source, as above
  EXPECT_GT(r.end.rtp_dropped, 0u);
  expect_peer_done(peer);
  const auto [patient, system] = recording_levels();
  EXPECT_GT(patient, 1000.0);
  EXPECT_GT(system, 1000.0);
}

TEST_F(SipCall, sdp_in_a_183_carries_the_media_when_the_200_has_none) {
  const Ports p = slot(15);
  SippPeer peer({"early_media.xml", {{"PCAP", kDtmf1}}, p.sip, p.media});
  const Result r = call(account(p), recorded(), phrase(2000));
  EXPECT_EQ(r.progress, std::vector<std::uint16_t>{183});
  EXPECT_TRUE(r.end.answered);
  EXPECT_EQ(r.end.codec, "PCMU");
  EXPECT_EQ(r.digits, "1");
  expect_peer_done(peer);
  EXPECT_GT(recording_levels().second, 1000.0);
}

TEST_F(SipCall, a_reinvite_from_the_peer_is_answered_and_switches_the_codec) {
  const Ports p = slot(23);
  SippPeer peer({"reinvite.xml", {{"PCAP", kDtmf1}}, p.sip, p.media});
  const Result r = call(account(p), recorded(), phrase(3000));
  EXPECT_TRUE(r.end.answered);
  EXPECT_EQ(r.end.codec, "PCMU");
  EXPECT_EQ(r.digits, "1");
  expect_peer_done(peer);  // it found PCMU in our answer
}

}  // namespace
}  // namespace robocall::sip::testing
