// SdpNegotiator: our side of one call's SDP offer/answer. The offer carries
// PCMA (8), PCMU (0) and telephone-event (101, 0-15) at ptime 20; the answer
// (from a 183 or the 200) decides the codec and where to send RTP.
// One instance per call; not thread-safe. Hides libre's SDP types.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "common/result.h"
#include "sip/hold.h"

namespace robocall::sip {

enum class Codec { kPcmu, kPcma };

inline constexpr std::uint8_t kTelephoneEventPayloadType = 101;

struct RemoteMedia {
  Codec codec = Codec::kPcma;
  std::uint8_t payload_type = 8;
  std::optional<std::uint8_t> telephone_event_pt;  // when the answer accepted telephone-event
  std::string address;                             // numeric IP
  std::uint16_t port = 0;
};

class SdpNegotiator {
 public:
  // local_ip: numeric IPv4/IPv6 address put in c=; rtp_port: our RTP port.
  static Result<SdpNegotiator> create(const std::string& local_ip, std::uint16_t rtp_port);

  SdpNegotiator(SdpNegotiator&&) noexcept;
  SdpNegotiator& operator=(SdpNegotiator&&) noexcept;
  ~SdpNegotiator();

  // The SDP body of our INVITE.
  Result<std::string> offer();

  // Reads the peer's answer. No common G.711 codec, no audio line, a zero
  // port or an unusable body: Errc::kInvalidArgument.
  Result<RemoteMedia> answer(std::string_view body);

  // A re-INVITE from the peer: with an SDP offer in body, our answer to it
  // (and the new remote media, unless the offer holds with c=0.0.0.0) and
  // whether to play on or pause (hold.h); with an empty body, our offer
  // again, sendrecv.
  struct Reply {
    std::string sdp;
    std::optional<RemoteMedia> remote;
    std::optional<HoldDecision> hold;
  };
  Result<Reply> reinvite(std::string_view body);

 private:
  struct Impl;
  explicit SdpNegotiator(std::unique_ptr<Impl> impl);
  Result<RemoteMedia> remote_media() const;
  std::unique_ptr<Impl> impl_;
};

}  // namespace robocall::sip
