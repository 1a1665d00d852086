// What real carriers and PBXs do to a call beyond the plain answer (docs/
// BEHAVIOUR.md "Keys, hold and session refresh"), each against a SIPp peer
// on 127.0.0.1 in slots 40 and up (sip_call_fixture.h's port plan).
#include "sip_call_fixture.h"

namespace robocall::sip::testing {
namespace {

constexpr const char* kDtmf5 = "/usr/share/sip-tester/dtmf_2833_5.pcap";

TEST_F(SipCall, keys_sent_as_sip_info_are_heard_and_one_press_sent_two_ways_counts_once) {
  const Ports p = slot(40);
  SippPeer peer({"info_keys.xml", {{"PCAP", kDtmf5}}, p.sip, p.media});
  const Result r = call(account(p), recorded(), phrase(8000));
  EXPECT_TRUE(r.end.answered);
  EXPECT_EQ(r.digits, "51");
  EXPECT_EQ(r.end.cause, EndCause::kLocalHangup);
  expect_peer_done(peer);  // it got 415 for text/plain and 200 for the keys
}

}  // namespace
}  // namespace robocall::sip::testing
