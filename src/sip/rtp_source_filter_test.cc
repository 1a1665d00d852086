// The rule that keeps a spoofed RTP packet from changing a call's outcome:
// one spoofed RFC 4733 key to the call's port used to cancel an appointment.
#include "sip/rtp_source_filter.h"

#include <gtest/gtest.h>

#include <optional>
#include <vector>

namespace robocall::sip {
namespace {

MediaSource v4(std::uint8_t a, std::uint8_t b, std::uint8_t c, std::uint8_t d, std::uint16_t port) {
  MediaSource s;
  s.family = 4;
  s.address = {a, b, c, d};
  s.port = port;
  return s;
}

const MediaSource kSdp = v4(203, 0, 113, 5, 40000);
const MediaSource kSipPeer = v4(203, 0, 113, 1, 5060);
const MediaSource kNat = v4(203, 0, 113, 5, 51000);        // the SDP's host, another port
const MediaSource kStranger = v4(198, 51, 100, 7, 40000);  // another host

RtpSourceFilter expecting_sdp() {
  RtpSourceFilter f;
  f.expect(kSdp, kSipPeer);
  return f;
}

TEST(RtpSourceFilter, drops_everything_before_the_sdp_is_known) {
  RtpSourceFilter f;
  EXPECT_FALSE(f.accept(kSdp, 1));
  EXPECT_EQ(f.dropped(), 1u);
}

TEST(RtpSourceFilter, accepts_the_sdp_source_and_drops_a_stranger) {
  RtpSourceFilter f = expecting_sdp();
  EXPECT_TRUE(f.accept(kSdp, 7));
  EXPECT_FALSE(f.accept(kStranger, 7));
  EXPECT_FALSE(f.accept(kNat, 7));  // latched already: the NAT port no longer counts
  EXPECT_TRUE(f.accept(kSdp, 7));
  EXPECT_EQ(f.dropped(), 2u);
}

TEST(RtpSourceFilter, never_latches_to_a_host_that_is_neither_the_sdp_nor_the_sip_peer) {
  RtpSourceFilter f = expecting_sdp();
  EXPECT_FALSE(f.accept(kStranger, 7));
  EXPECT_TRUE(f.accept(kSdp, 8));
  EXPECT_EQ(f.dropped(), 1u);
}

TEST(RtpSourceFilter, latches_once_to_a_nat_port_of_the_sdp_host) {
  RtpSourceFilter f = expecting_sdp();
  EXPECT_TRUE(f.accept(kNat, 7));
  EXPECT_TRUE(f.accept(kNat, 7));
  EXPECT_FALSE(f.accept(v4(203, 0, 113, 5, 52000), 7));  // a second NAT port: no second latch
  EXPECT_EQ(f.dropped(), 1u);
}

TEST(RtpSourceFilter, latches_to_the_sip_peer_host_on_another_port) {
  RtpSourceFilter f = expecting_sdp();
  EXPECT_TRUE(f.accept(v4(203, 0, 113, 1, 30000), 7));
}

TEST(RtpSourceFilter, a_packet_from_the_sdp_source_re_latches_to_it) {
  RtpSourceFilter f = expecting_sdp();
  EXPECT_TRUE(f.accept(kNat, 7));
  EXPECT_TRUE(f.accept(kSdp, 9));
  EXPECT_FALSE(f.accept(kNat, 7));
  EXPECT_TRUE(f.accept(kSdp, 9));
}

TEST(RtpSourceFilter, drops_a_new_ssrc_from_the_latched_source) {
  RtpSourceFilter f = expecting_sdp();
  EXPECT_TRUE(f.accept(kSdp, 7));
  EXPECT_FALSE(f.accept(kSdp, 8));
  EXPECT_TRUE(f.accept(kSdp, 7));
  EXPECT_EQ(f.dropped(), 1u);
}

TEST(RtpSourceFilter, new_sdp_allows_a_new_ssrc_and_keeps_the_latch_when_the_address_stays) {
  RtpSourceFilter f = expecting_sdp();
  EXPECT_TRUE(f.accept(kNat, 7));
  f.expect(kSdp, kSipPeer);
  EXPECT_TRUE(f.accept(kNat, 8));
  EXPECT_FALSE(f.accept(kNat, 7));
}

TEST(RtpSourceFilter, new_sdp_with_another_address_forgets_the_latch) {
  RtpSourceFilter f = expecting_sdp();
  EXPECT_TRUE(f.accept(kSdp, 7));
  const MediaSource moved = v4(203, 0, 113, 9, 41000);
  f.expect(moved, kSipPeer);
  EXPECT_FALSE(f.accept(kSdp, 7));
  EXPECT_TRUE(f.accept(moved, 3));
}

// Symmetric RTP: our media follows the patient's, one row per situation.
TEST(RtpSourceFilter, sends_to_where_the_patients_media_comes_from) {
  struct Row {
    const char* situation;
    std::vector<MediaSource> received;  // accepted or dropped, in order
    std::optional<MediaSource> send_to;
  };
  const Row rows[] = {
      {"nothing received yet: the SDP's address", {}, kSdp},
      {"media from the SDP's address", {kSdp}, kSdp},
      {"media from a NAT port of the SDP's host", {kNat}, kNat},
      {"media from the SIP peer's host", {v4(203, 0, 113, 1, 30000)}, v4(203, 0, 113, 1, 30000)},
      {"a stranger is never a target", {kStranger}, kSdp},
      {"a second NAT port does not move the target", {kNat, v4(203, 0, 113, 5, 52000)}, kNat},
      {"the SDP's address takes the target back", {kNat, kSdp}, kSdp},
      {"a source with port 0 cannot be answered", {v4(203, 0, 113, 5, 0)}, kSdp},
  };
  for (const Row& row : rows) {
    RtpSourceFilter f = expecting_sdp();
    for (const MediaSource& s : row.received) f.accept(s, 7);
    EXPECT_EQ(f.send_to(), row.send_to) << row.situation;
  }
}

TEST(RtpSourceFilter, has_no_target_before_the_sdp_is_known) {
  RtpSourceFilter f;
  f.accept(kSdp, 7);
  EXPECT_FALSE(f.send_to().has_value());
}

TEST(RtpSourceFilter, new_sdp_with_another_address_moves_the_target_there) {
  RtpSourceFilter f = expecting_sdp();
  f.accept(kNat, 7);
  const MediaSource moved = v4(203, 0, 113, 9, 41000);
  f.expect(moved, kSipPeer);
  EXPECT_EQ(f.send_to(), moved);
}

}  // namespace
}  // namespace robocall::sip
