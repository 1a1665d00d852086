// TelephoneEventReceiver: turns RFC 4733 telephone-event packets of one RTP
// stream into digits, each key press reported once however many packets
// (updates, the three end packets) carry it. One instance per call; not
// thread-safe: the loop thread owns it.
#pragma once

#include <cstdint>
#include <optional>
#include <span>

namespace robocall::sip {

// '0'-'9', '*', '#', 'A'-'D' for events 0..15; nullopt for anything else.
std::optional<char> telephone_event_digit(int event);

class TelephoneEventReceiver {
 public:
  // payload: the RTP payload (4 bytes or more); rtp_timestamp: the packet's
  // RTP timestamp, which all packets of one event share. Returns the digit
  // on the first packet of an event, nullopt for its repeats, for events
  // that are not keys and for short payloads.
  std::optional<char> on_packet(std::uint32_t rtp_timestamp, std::span<const std::uint8_t> payload);

 private:
  std::optional<std::uint32_t> last_timestamp_;
  int last_event_ = -1;
};

}  // namespace robocall::sip
