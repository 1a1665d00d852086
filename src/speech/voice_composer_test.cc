#include "speech/voice_composer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <numbers>

#include "audio/level.h"

namespace robocall::speech {
namespace {

// A tone starting at the given phase.
audio::Pcm tone(double hz, int ms, double amplitude, double phase) {
  audio::Pcm out;
  const int n = ms * audio::kTelephoneRate / 1000;
  for (int i = 0; i < n; ++i) {
    out.samples.push_back(static_cast<std::int16_t>(
        amplitude * std::sin(2 * std::numbers::pi * hz * i / audio::kTelephoneRate + phase)));
  }
  return out;
}

int largest_step(const audio::Pcm& pcm) {
  int step = 0;
  for (std::size_t i = 1; i < pcm.samples.size(); ++i) {
    step = std::max(step, std::abs(pcm.samples[i] - pcm.samples[i - 1]));
  }
  return step;
}

TEST(Compose, joins_fragments_without_a_jump_larger_than_inside_them) {
  const audio::Pcm a = tone(300, 400, 8000, 0.0);
  const audio::Pcm b = tone(300, 300, 8000, std::numbers::pi / 2);  // starts at its peak
  const audio::Pcm c = tone(300, 200, 8000, 1.0);
  const audio::Pcm* parts[] = {&a, &b, &c};
  const audio::Pcm joined = compose(parts);
  const int inside = std::max({largest_step(a), largest_step(b), largest_step(c)});
  EXPECT_LE(largest_step(joined), inside + inside / 4);
}

TEST(Compose, an_unfaded_join_would_jump_far_more) {
  const audio::Pcm a = tone(300, 400, 8000, 0.0);
  const audio::Pcm b = tone(300, 300, 8000, std::numbers::pi / 2);
  audio::Pcm raw = a;
  raw.samples.insert(raw.samples.end(), b.samples.begin(), b.samples.end());
  const audio::Pcm* parts[] = {&a, &b};
  EXPECT_GT(largest_step(raw), 3 * largest_step(a));
  EXPECT_LE(largest_step(compose(parts)), largest_step(a) + largest_step(a) / 4);
}

TEST(Compose, keeps_the_length_less_the_overlaps_and_the_level_of_equal_fragments) {
  const audio::Pcm a = tone(440, 500, 6000, 0.0);
  const audio::Pcm b = tone(350, 700, 6000, 0.5);
  const audio::Pcm pause = silence(std::chrono::milliseconds(200));
  EXPECT_EQ(pause.samples.size(), 1600u);
  const audio::Pcm* parts[] = {&a, nullptr, &b};
  const audio::Pcm joined = compose(parts);
  const std::size_t fade = kCrossFade.count() * audio::kTelephoneRate / 1000;
  EXPECT_EQ(joined.samples.size(), a.samples.size() + b.samples.size() - fade);
  EXPECT_NEAR(audio::rms(joined), audio::rms(a), audio::rms(a) * 0.02);
  const audio::Pcm* with_pause[] = {&a, &pause, &b};
  EXPECT_EQ(compose(with_pause).samples.size(),
            a.samples.size() + pause.samples.size() + b.samples.size() - 2 * fade);
}

TEST(Compose, of_nothing_is_empty) {
  EXPECT_TRUE(compose({}).samples.empty());
}

}  // namespace
}  // namespace robocall::speech
