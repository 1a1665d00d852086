// RtpSourceFilter: which RTP packets of one call come from the patient's side
// (docs/SECURITY.md "RTP"). Media is accepted from the address and port the
// peer's SDP names or, for symmetric RTP behind NAT, from the first source
// seen whose IP address is the SDP's or the SIP peer's, latched once; a
// packet from the SDP's address and port may re-latch to it. Once latched,
// only the SSRC seen at latching is accepted until new SDP arrives.
// Everything else is counted and dropped.
// Pure; one instance per call, owned by the loop thread.
#pragma once

#include <array>
#include <cstdint>
#include <optional>

namespace robocall::sip {

// A UDP source: the address as 16 bytes (IPv4 in the first 4) and its port.
struct MediaSource {
  std::uint8_t family = 0;  // 4 or 6
  std::array<std::uint8_t, 16> address{};
  std::uint16_t port = 0;
  bool operator==(const MediaSource&) const = default;
  bool same_host(const MediaSource& other) const {
    return family == other.family && address == other.address;
  }
};

class RtpSourceFilter {
 public:
  // The SDP's address and port (the answer, or a re-INVITE's offer) and the
  // address the SIP peer's message came from. A changed SDP address forgets
  // the latched source; any new SDP forgets the SSRC.
  void expect(const MediaSource& sdp_source, const MediaSource& sip_peer);

  // True when the packet may be read; false (and counted) when it is dropped.
  bool accept(const MediaSource& source, std::uint32_t ssrc);

  std::uint64_t dropped() const { return dropped_; }

  // Where our media goes (symmetric RTP): the latched source, where the
  // patient's media comes from, once there is one; else the SDP's address.
  // A source with port 0 cannot be answered (some senders replay captures
  // that way): the SDP's address then.
  std::optional<MediaSource> send_to() const {
    return latched_ && latched_->port != 0 ? latched_ : expected_;
  }

 private:
  bool drop();

  std::optional<MediaSource> expected_;
  std::optional<MediaSource> sip_peer_;
  std::optional<MediaSource> latched_;
  std::optional<std::uint32_t> ssrc_;
  bool latched_elsewhere_ = false;  // the one latch to a source other than the SDP's is used
  std::uint64_t dropped_ = 0;
};

}  // namespace robocall::sip
