#include "sip/rfc4733.h"

#include <gtest/gtest.h>

#include <array>
#include <string>

namespace robocall::sip {
namespace {

std::array<std::uint8_t, 4> event(int code, bool end, std::uint16_t duration) {
  return {static_cast<std::uint8_t>(code), static_cast<std::uint8_t>(end ? 0x8a : 0x0a),
          static_cast<std::uint8_t>(duration >> 8), static_cast<std::uint8_t>(duration & 0xff)};
}

TEST(TelephoneEventReceiver, reports_a_key_once_over_updates_and_three_end_packets) {
  TelephoneEventReceiver rx;
  std::string digits;
  const std::uint32_t ts = 4000;
  for (std::uint16_t d = 160; d <= 800; d += 160)
    if (auto k = rx.on_packet(ts, event(1, false, d))) digits += *k;
  for (int i = 0; i < 3; ++i)
    if (auto k = rx.on_packet(ts, event(1, true, 960))) digits += *k;
  EXPECT_EQ(digits, "1");
}

TEST(TelephoneEventReceiver, reports_the_same_key_pressed_twice) {
  TelephoneEventReceiver rx;
  std::string digits;
  for (std::uint32_t ts : {1000u, 1000u, 3000u, 3000u})
    if (auto k = rx.on_packet(ts, event(2, true, 800))) digits += *k;
  EXPECT_EQ(digits, "22");
}

TEST(TelephoneEventReceiver, reports_a_lost_start_from_its_end_packet) {
  TelephoneEventReceiver rx;
  EXPECT_EQ(rx.on_packet(10, event(11, true, 800)), '#');
  EXPECT_EQ(rx.on_packet(10, event(11, true, 800)), std::nullopt);
}

TEST(TelephoneEventReceiver, ignores_short_payloads_and_non_key_events) {
  TelephoneEventReceiver rx;
  const std::array<std::uint8_t, 3> short_payload{1, 0, 0};
  EXPECT_EQ(rx.on_packet(1, short_payload), std::nullopt);
  EXPECT_EQ(rx.on_packet(2, event(16, false, 160)), std::nullopt);  // flash
}

TEST(TelephoneEventDigit, covers_all_sixteen_keys) {
  EXPECT_EQ(telephone_event_digit(0), '0');
  EXPECT_EQ(telephone_event_digit(9), '9');
  EXPECT_EQ(telephone_event_digit(10), '*');
  EXPECT_EQ(telephone_event_digit(11), '#');
  EXPECT_EQ(telephone_event_digit(12), 'A');
  EXPECT_EQ(telephone_event_digit(15), 'D');
  EXPECT_EQ(telephone_event_digit(-1), std::nullopt);
  EXPECT_EQ(telephone_event_digit(16), std::nullopt);
}

}  // namespace
}  // namespace robocall::sip
