#include "audio/level.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

namespace robocall::audio {
namespace {

Pcm tone(double amplitude, std::size_t frames, std::size_t silence_before = 0,
         std::size_t silence_after = 0) {
  Pcm pcm;
  pcm.samples.assign(silence_before, 0);
  for (std::size_t i = 0; i < frames; ++i) {
    pcm.samples.push_back(static_cast<std::int16_t>(
        amplitude * std::sin(2 * std::numbers::pi * 440 * static_cast<double>(i) / 8000)));
  }
  pcm.samples.insert(pcm.samples.end(), silence_after, 0);
  return pcm;
}

TEST(TrimSilence, keeps_a_margin_around_the_loud_part) {
  Pcm in = tone(5000, 800, 4000, 4000);
  Pcm out = trim_silence(in, 200, std::chrono::milliseconds(20));
  // 160 frames of margin each side, give or take the quiet zero crossings.
  EXPECT_NEAR(static_cast<double>(out.frames()), 800 + 2 * 160, 10);
  EXPECT_EQ(out.sample_rate, 8000);
}

TEST(TrimSilence, turns_all_quiet_audio_into_nothing) {
  Pcm in = tone(100, 8000);
  EXPECT_TRUE(trim_silence(in).samples.empty());
}

TEST(NormaliseLoudness, brings_quiet_and_loud_tones_to_the_same_rms) {
  const double target = 32767.0 * std::pow(10.0, kTargetLevelDbfs / 20.0);
  for (double amplitude : {300.0, 3000.0, 30000.0}) {
    SCOPED_TRACE(amplitude);
    Pcm out = normalise_loudness(tone(amplitude, 8000));
    EXPECT_NEAR(rms(out), target, target * 0.02);
  }
}

TEST(SpeechLevel, ignores_the_pauses_between_words) {
  Pcm steady = tone(3000, 8000);
  Pcm with_pauses = tone(3000, 8000, 8000, 8000);
  EXPECT_NEAR(speech_level(with_pauses), speech_level(steady), speech_level(steady) * 0.02);
  EXPECT_NEAR(speech_level(steady), rms(steady), rms(steady) * 0.02);
  EXPECT_EQ(speech_level(tone(10, 8000)), 0);
}

TEST(NormaliseLoudness, a_loud_click_in_quiet_speech_is_limited_by_the_peak_ceiling) {
  Pcm click = tone(1000, 8000);
  click.samples[100] = 20000;
  Pcm out = normalise_loudness(click);
  const double ceiling = 32767.0 * std::pow(10.0, kPeakCeilingDbfs / 20.0);
  EXPECT_NEAR(peak(out), ceiling, 2);
}

TEST(NormaliseLoudness, leaves_silence_alone) {
  Pcm silence;
  silence.samples.assign(100, 0);
  EXPECT_EQ(normalise_loudness(silence).samples, silence.samples);
}

}  // namespace
}  // namespace robocall::audio
