// Pcm: a block of 16-bit interleaved audio with its rate and channel count.
// Plain value type: no internal synchronisation; safe to move between threads.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace robocall::audio {

inline constexpr int kTelephoneRate = 8000;

struct Pcm {
  int sample_rate = kTelephoneRate;
  int channels = 1;
  std::vector<std::int16_t> samples;  // interleaved, frames() * channels values

  // REQUIRES: channels > 0
  std::size_t frames() const { return channels > 0 ? samples.size() / channels : 0; }
  // Rounded down to whole milliseconds; zero for a zero rate.
  std::chrono::milliseconds duration() const;
};

}  // namespace robocall::audio
