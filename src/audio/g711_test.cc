#include "audio/g711.h"

#include <gtest/gtest.h>

#include <cstdlib>

namespace robocall::audio {
namespace {

TEST(G711, every_alaw_code_survives_a_decode_encode_round_trip) {
  for (int code = 0; code < 256; ++code) {
    SCOPED_TRACE(code);
    EXPECT_EQ(linear_to_alaw(alaw_to_linear(static_cast<std::uint8_t>(code))), code);
  }
}

TEST(G711, every_ulaw_code_except_negative_zero_survives_a_round_trip) {
  for (int code = 0; code < 256; ++code) {
    if (code == 0x7F) continue;  // -0 decodes to 0, which encodes as +0 (0xFF)
    SCOPED_TRACE(code);
    EXPECT_EQ(linear_to_ulaw(ulaw_to_linear(static_cast<std::uint8_t>(code))), code);
  }
}

TEST(G711, companding_error_stays_within_the_segment_step) {
  for (int v = -32768; v <= 32767; v += 7) {
    const auto s = static_cast<std::int16_t>(v);
    const int tolerance = std::abs(v) / 16 + 16;
    EXPECT_NEAR(alaw_to_linear(linear_to_alaw(s)), v, tolerance) << v;
    EXPECT_NEAR(ulaw_to_linear(linear_to_ulaw(s)), v, tolerance + 132) << v;
  }
}

}  // namespace
}  // namespace robocall::audio
