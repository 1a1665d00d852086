#include "sip/stereo_mixer.h"

#include <gtest/gtest.h>

#include <vector>

namespace robocall::sip {
namespace {

constexpr std::size_t kN = StereoFrameMixer::kFrameSamples;

std::vector<std::int16_t> frame(std::int16_t value) {
  return std::vector<std::int16_t>(kN, value);
}

TEST(StereoFrameMixer, puts_the_patient_left_and_the_system_right) {
  StereoFrameMixer mixer;
  mixer.push_received(frame(7));
  std::vector<std::int16_t> out;
  mixer.tick(frame(-3), out);
  ASSERT_EQ(out.size(), 2 * kN);
  for (std::size_t i = 0; i < kN; ++i) {
    EXPECT_EQ(out[2 * i], 7);
    EXPECT_EQ(out[2 * i + 1], -3);
  }
}

TEST(StereoFrameMixer, fills_silence_where_a_direction_has_nothing) {
  StereoFrameMixer mixer;
  mixer.push_received(std::vector<std::int16_t>(40, 5));
  std::vector<std::int16_t> out;
  mixer.tick({}, out);
  ASSERT_EQ(out.size(), 2 * kN);
  EXPECT_EQ(out[0], 5);
  EXPECT_EQ(out[2 * 39], 5);
  EXPECT_EQ(out[2 * 40], 0);
  for (std::size_t i = 0; i < kN; ++i) EXPECT_EQ(out[2 * i + 1], 0);
}

TEST(StereoFrameMixer, keeps_received_audio_in_order_across_ticks) {
  StereoFrameMixer mixer;
  std::vector<std::int16_t> burst(2 * kN);
  for (std::size_t i = 0; i < burst.size(); ++i) burst[i] = static_cast<std::int16_t>(i);
  mixer.push_received(burst);
  std::vector<std::int16_t> out;
  mixer.tick(frame(0), out);
  mixer.tick(frame(0), out);
  for (std::size_t i = 0; i < 2 * kN; ++i) EXPECT_EQ(out[2 * i], static_cast<std::int16_t>(i));
  EXPECT_EQ(mixer.backlog(), 0u);
}

TEST(StereoFrameMixer, drops_the_oldest_audio_beyond_the_backlog_to_stay_aligned) {
  StereoFrameMixer mixer(2);
  for (std::int16_t v = 1; v <= 4; ++v) mixer.push_received(frame(v));
  EXPECT_EQ(mixer.backlog(), 2 * kN);
  std::vector<std::int16_t> out;
  mixer.tick(frame(0), out);
  EXPECT_EQ(out[0], 3);
}

}  // namespace
}  // namespace robocall::sip
