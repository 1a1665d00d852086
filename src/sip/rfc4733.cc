#include "sip/rfc4733.h"

namespace robocall::sip {

std::optional<char> telephone_event_digit(int event) {
  if (event >= 0 && event <= 9) return static_cast<char>('0' + event);
  if (event == 10) return '*';
  if (event == 11) return '#';
  if (event >= 12 && event <= 15) return static_cast<char>('A' + event - 12);
  return std::nullopt;
}

std::optional<char> TelephoneEventReceiver::on_packet(std::uint32_t rtp_timestamp,
                                                      std::span<const std::uint8_t> payload) {
  if (payload.size() < 4) return std::nullopt;
  const int event = payload[0];
  if (last_timestamp_ == rtp_timestamp && last_event_ == event) return std::nullopt;
  last_timestamp_ = rtp_timestamp;
  last_event_ = event;
  return telephone_event_digit(event);
}

}  // namespace robocall::sip
