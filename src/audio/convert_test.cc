#include "audio/convert.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

namespace robocall::audio {
namespace {

Pcm sine(int rate, int channels, double hz, double seconds, double amplitude = 10000) {
  Pcm pcm{.sample_rate = rate, .channels = channels, .samples = {}};
  const auto frames = static_cast<std::size_t>(rate * seconds);
  for (std::size_t i = 0; i < frames; ++i) {
    const auto v = static_cast<std::int16_t>(
        amplitude * std::sin(2 * std::numbers::pi * hz * static_cast<double>(i) / rate));
    for (int c = 0; c < channels; ++c) pcm.samples.push_back(v);
  }
  return pcm;
}

double rms(const Pcm& pcm) {
  double sum = 0;
  for (std::int16_t s : pcm.samples) sum += static_cast<double>(s) * s;
  return pcm.samples.empty() ? 0 : std::sqrt(sum / pcm.samples.size());
}

TEST(ToMono, averages_the_channels_of_each_frame) {
  Pcm stereo{.sample_rate = 8000, .channels = 2, .samples = {100, 300, -32768, -32768, 1, 2}};
  Pcm mono = to_mono(stereo);
  EXPECT_EQ(mono.channels, 1);
  EXPECT_EQ(mono.sample_rate, 8000);
  EXPECT_EQ(mono.samples, (std::vector<std::int16_t>{200, -32768, 1}));
}

struct RateCase {
  int from;
  int to;
};

TEST(Resample, keeps_duration_and_level_of_a_tone_between_common_rates) {
  for (RateCase c : {RateCase{22050, 8000}, RateCase{44100, 8000}, RateCase{48000, 8000},
                     RateCase{8000, 16000}, RateCase{11025, 8000}, RateCase{96000, 22050}}) {
    SCOPED_TRACE(std::to_string(c.from) + "->" + std::to_string(c.to));
    Pcm in = sine(c.from, 1, 440, 1.0);
    auto out = resample(in, c.to);
    ASSERT_TRUE(out.ok()) << out.error().message;
    EXPECT_EQ(out->sample_rate, c.to);
    EXPECT_NEAR(static_cast<double>(out->frames()), c.to, c.to * 0.01);
    EXPECT_NEAR(rms(*out), rms(in), rms(in) * 0.05);
  }
}

TEST(Resample, rejects_impossible_rates) {
  Pcm in = sine(8000, 1, 440, 0.1);
  EXPECT_EQ(resample(in, 0).error().code, Errc::kInvalidArgument);
  EXPECT_EQ(resample(in, 10'000'000).error().code, Errc::kInvalidArgument);
}

TEST(ToTelephone, turns_stereo_44100_into_8000_mono) {
  auto out = to_telephone(sine(44100, 2, 1000, 0.5));
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(out->sample_rate, 8000);
  EXPECT_EQ(out->channels, 1);
  EXPECT_NEAR(static_cast<double>(out->frames()), 4000, 40);
  EXPECT_GT(rms(*out), 6000);
}

TEST(Resample, returns_an_equal_rate_input_unchanged) {
  Pcm in = sine(8000, 1, 440, 0.1);
  auto out = resample(in, 8000);
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(out->samples, in.samples);
}

}  // namespace
}  // namespace robocall::audio
