// RTP only from the patient (docs/SECURITY.md "RTP"): a spoofed RFC 4733 key
// sent to a call's RTP port from another socket used to turn a silent call
// into "cancelled". The patient is SIPp; the attacker is a UDP socket of the
// test on the same host, which learns the port from our INVITE's SDP.
#include <thread>

#include "peer_sockets.h"
#include "sip_call_fixture.h"

namespace robocall::sip::testing {
namespace {

using domain::CallOutcome;
using namespace std::chrono_literals;

constexpr std::uint32_t kPatientSsrc = 0x12345678;  // write_g711_pcap's

TEST_F(SipCall, a_spoofed_key_from_another_socket_leaves_a_silent_call_without_input) {
  const Ports p = slot(24);
  const auto silence = dir_ / "silence.pcap";
  write_g711_pcap(silence, std::vector<std::int16_t>(8 * 5000, 0), 8);
  const auto port_file = dir_ / "rtp_port";
  SippPeer peer({"answer_report_rtp_port.xml",
                 {{"PCAP", silence.string()}, {"PORT_FILE", port_file.string()}},
                 p.sip,
                 p.media});
  // Once the patient's audio reaches us, the attacker sends key 2 from this
  // host (even with the patient's own SSRC) and from another one.
  std::thread attacker([&] {
    const auto port = wait_for_port(port_file, 10s);
    for (int i = 0; i < 500 && engine_->stats().frames_received == 0; ++i)
      std::this_thread::sleep_for(20ms);
    if (!port) return;
    send_rfc4733_key(*port, 2, kPatientSsrc);
    send_rfc4733_key(*port, 2, 0x0badf00d, "127.0.0.2");
  });
  const Result r = call(account(p), recorded(), phrase(2000));
  attacker.join();
  ASSERT_TRUE(wait_for_port(port_file, 0ms)) << peer.log();
  EXPECT_TRUE(r.end.answered);
  EXPECT_EQ(r.digits, "");
  EXPECT_EQ(r.end.outcome, CallOutcome::kNoInput);
  EXPECT_EQ(r.end.rtp_dropped, 6u);
  EXPECT_EQ(engine_->stats().rtp_dropped, 6u);
  expect_peer_done(peer);  // and it found no "robocall", User-Agent or Server in our INVITE
}

TEST_F(SipCall, a_patient_whose_media_comes_from_another_port_than_its_sdp_is_heard) {
  const Ports p = slot(25);
  SippPeer peer({"answer_key_nat.xml",
                 {{"PCAP", kDtmf1}, {"SDP_PORT", std::to_string(p.media + 10)}},
                 p.sip,
                 p.media});
  const Result r = call(account(p), recorded(), phrase(2000));
  EXPECT_TRUE(r.end.answered);
  EXPECT_EQ(r.digits, "1");
  EXPECT_EQ(r.end.rtp_dropped, 0u);
  expect_peer_done(peer);
}

}  // namespace
}  // namespace robocall::sip::testing
