// What real carriers and PBXs do to a call beyond the plain answer (docs/
// BEHAVIOUR.md "Keys, hold and session refresh"), each against a SIPp peer
// on 127.0.0.1 in slots 40 and up (sip_call_fixture.h's port plan).
#include "sip_call_fixture.h"

namespace robocall::sip::testing {
namespace {

constexpr const char* kDtmf5 = "/usr/share/sip-tester/dtmf_2833_5.pcap";

// Our side of a recording cut in 20 ms frames: how many carry sound, and the
// longest run of silent frames between two that do.
struct Spoken {
  int frames = 0;
  int longest_gap = 0;
};
Spoken spoken_frames(const std::filesystem::path& wav) {
  auto pcm = audio::read_wav(wav);
  EXPECT_TRUE(pcm.ok()) << (pcm.ok() ? "" : pcm.error().message);
  Spoken s;
  if (!pcm.ok()) return s;
  int gap = 0;
  for (std::size_t frame = 0; frame + 160 <= pcm->frames(); frame += 160) {
    double sum = 0;
    for (std::size_t i = frame; i < frame + 160; ++i) {
      const double v = pcm->samples[2 * i + 1];  // right: the system
      sum += v * v;
    }
    if (std::sqrt(sum / 160) > 1000) {
      if (s.frames > 0) s.longest_gap = std::max(s.longest_gap, gap);
      ++s.frames;
      gap = 0;
    } else {
      ++gap;
    }
  }
  return s;
}

TEST_F(SipCall, keys_sent_as_sip_info_are_heard_and_one_press_sent_two_ways_counts_once) {
  const Ports p = slot(40);
  SippPeer peer({"info_keys.xml", {{"PCAP", kDtmf5}}, p.sip, p.media});
  const Result r = call(account(p), recorded(), phrase(8000));
  EXPECT_TRUE(r.end.answered);
  EXPECT_EQ(r.digits, "51");
  EXPECT_EQ(r.end.cause, EndCause::kLocalHangup);
  expect_peer_done(peer);  // it got 415 for text/plain and 200 for the keys
}

// The phrase (1.5 s: 75 frames) pauses on hold and goes on after it: all of
// it is heard, with the hold (2 s) as a silent gap in the middle.
void expect_phrase_paused_on_hold(const Spoken& s) {
  EXPECT_GE(s.frames, 74);
  EXPECT_LE(s.frames, 76);
  EXPECT_GE(s.longest_gap, 50);  // at least 1 s of the 2 s hold
}

TEST_F(SipCall, a_call_held_with_sendonly_pauses_the_phrase_and_goes_on_when_resumed) {
  const Ports p = slot(41);
  SippPeer peer({"hold.xml",
                 {{"HOLD_C", "[media_ip]"}, {"HOLD_DIR", "a=sendonly"}, {"EXPECT_DIR", "recvonly"}},
                 p.sip,
                 p.media});
  const Result r = call(account(p), recorded(), phrase(1500));
  EXPECT_TRUE(r.end.answered);
  EXPECT_EQ(r.finished, 1);
  expect_peer_done(peer);  // it found recvonly, then sendrecv in our answers
  expect_phrase_paused_on_hold(spoken_frames(dir_ / "call.wav"));
}

TEST_F(SipCall, a_call_held_with_inactive_and_a_null_address_is_answered_inactive) {
  const Ports p = slot(42);
  SippPeer peer({"hold.xml",
                 {{"HOLD_C", "0.0.0.0"}, {"HOLD_DIR", "a=inactive"}, {"EXPECT_DIR", "inactive"}},
                 p.sip,
                 p.media});
  const Result r = call(account(p), recorded(), phrase(1500));
  EXPECT_TRUE(r.end.answered);
  EXPECT_EQ(r.finished, 1);
  expect_peer_done(peer);
  expect_phrase_paused_on_hold(spoken_frames(dir_ / "call.wav"));
}

TEST_F(SipCall, a_call_held_by_update_pauses_the_phrase_and_goes_on_when_resumed) {
  const Ports p = slot(46);
  SippPeer peer({"hold_update.xml",
                 {{"HOLD_C", "[media_ip]"}, {"HOLD_DIR", "a=sendonly"}, {"EXPECT_DIR", "recvonly"}},
                 p.sip,
                 p.media});
  const Result r = call(account(p), recorded(), phrase(1500));
  EXPECT_TRUE(r.end.answered);
  EXPECT_EQ(r.finished, 1);
  expect_peer_done(peer);
  expect_phrase_paused_on_hold(spoken_frames(dir_ / "call.wav"));
}

TEST_F(SipCall, session_refreshes_by_reinvite_and_update_are_answered_with_the_session_timer) {
  const Ports p = slot(43);
  SippPeer peer({"session_refresh.xml", {{"PCAP", kDtmf1}}, p.sip, p.media});
  const Result r = call(account(p), recorded(), phrase(3000));
  EXPECT_TRUE(r.end.answered);
  EXPECT_EQ(r.digits, "1");
  expect_peer_done(peer);  // both 200s carried Session-Expires and Require: timer
}

TEST_F(SipCall, a_second_phone_answering_a_forked_call_is_acknowledged_and_hung_up) {
  const Ports p = slot(44);
  SippPeer peer({"fork_two_answers.xml", {}, p.sip, p.media});
  const Result r = call(account(p), recorded(), phrase(1500));
  EXPECT_TRUE(r.end.answered);
  EXPECT_EQ(r.finished, 1);  // the first phone heard the phrase to its end
  expect_peer_done(peer);    // ACK and BYE to the second, then BYE to the first
}

// "localhost" is known to the system resolver (/etc/hosts) but not to DNS:
// the engine's own DNS client finds nothing and the system resolver is asked.
TEST_F(SipCall, a_trunk_host_only_the_system_resolver_knows_is_reached) {
  const Ports p = slot(45);
  SippPeer peer({"answer_key.xml", {{"PCAP", kDtmf1}}, p.sip, p.media});
  Account acc = account(p);
  acc.server = "localhost:" + std::to_string(p.sip);
  const Result r = call(acc, recorded(), phrase(2000));
  EXPECT_TRUE(r.end.answered) << r.end.reason;
  EXPECT_EQ(r.digits, "1");
  expect_peer_done(peer);
}

}  // namespace
}  // namespace robocall::sip::testing
