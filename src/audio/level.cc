#include "audio/level.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <vector>

namespace robocall::audio {
namespace {

double from_dbfs(double db) {
  return 32767.0 * std::pow(10.0, db / 20.0);
}

}  // namespace

double rms(const Pcm& pcm) {
  if (pcm.samples.empty()) return 0;
  double sum = 0;
  for (std::int16_t s : pcm.samples) sum += static_cast<double>(s) * s;
  return std::sqrt(sum / static_cast<double>(pcm.samples.size()));
}

int peak(const Pcm& pcm) {
  int p = 0;
  for (std::int16_t s : pcm.samples) p = std::max(p, std::abs(static_cast<int>(s)));
  return p;
}

double speech_level(const Pcm& pcm) {
  const std::size_t block =
      std::max<std::size_t>(1, static_cast<std::size_t>(pcm.sample_rate) / 50) *
      static_cast<std::size_t>(std::max(pcm.channels, 1));
  std::vector<double> powers;
  for (std::size_t start = 0; start + block <= pcm.samples.size(); start += block) {
    double sum = 0;
    for (std::size_t i = start; i < start + block; ++i) {
      sum += static_cast<double>(pcm.samples[i]) * pcm.samples[i];
    }
    powers.push_back(sum / static_cast<double>(block));
  }
  const double absolute_gate = std::pow(from_dbfs(-50.0), 2);
  auto gated_mean = [&](double gate) {
    double sum = 0;
    std::size_t n = 0;
    for (double p : powers) {
      if (p > gate) {
        sum += p;
        ++n;
      }
    }
    return n == 0 ? 0.0 : sum / static_cast<double>(n);
  };
  const double first = gated_mean(absolute_gate);
  if (first == 0) return 0;
  return std::sqrt(gated_mean(std::max(absolute_gate, first / 10.0)));
}

Pcm trim_silence(const Pcm& pcm, int threshold, std::chrono::milliseconds keep) {
  Pcm out{.sample_rate = pcm.sample_rate, .channels = pcm.channels, .samples = {}};
  const std::size_t frames = pcm.frames();
  const auto ch = static_cast<std::size_t>(pcm.channels);
  auto loud = [&](std::size_t f) {
    for (std::size_t c = 0; c < ch; ++c) {
      if (std::abs(static_cast<int>(pcm.samples[f * ch + c])) > threshold) return true;
    }
    return false;
  };
  std::size_t first = 0;
  while (first < frames && !loud(first)) ++first;
  if (first == frames) return out;
  std::size_t last = frames - 1;
  while (last > first && !loud(last)) --last;
  const auto margin =
      static_cast<std::size_t>(keep.count()) * static_cast<std::size_t>(pcm.sample_rate) / 1000;
  const std::size_t begin = first > margin ? first - margin : 0;
  const std::size_t end = std::min(frames, last + 1 + margin);
  out.samples.assign(pcm.samples.begin() + static_cast<std::ptrdiff_t>(begin * ch),
                     pcm.samples.begin() + static_cast<std::ptrdiff_t>(end * ch));
  return out;
}

Pcm normalise_loudness(const Pcm& pcm) {
  const double level = speech_level(pcm);
  const int top = peak(pcm);
  if (level <= 0 || top == 0) return pcm;
  const double gain =
      std::min(from_dbfs(kTargetLevelDbfs) / level, from_dbfs(kPeakCeilingDbfs) / top);
  Pcm out = pcm;
  for (std::int16_t& s : out.samples) {
    s = static_cast<std::int16_t>(std::clamp(std::lround(s * gain), -32768L, 32767L));
  }
  return out;
}

}  // namespace robocall::audio
