#include "speech/voice_composer.h"

#include <algorithm>
#include <cassert>

namespace robocall::speech {

audio::Pcm silence(std::chrono::milliseconds length) {
  audio::Pcm out;
  out.samples.assign(static_cast<std::size_t>(length.count() * audio::kTelephoneRate / 1000), 0);
  return out;
}

audio::Pcm compose(std::span<const audio::Pcm* const> parts) {
  constexpr std::size_t kFade = kCrossFade.count() * audio::kTelephoneRate / 1000;
  audio::Pcm out;
  std::size_t total = 0;
  for (const audio::Pcm* p : parts) total += p ? p->samples.size() : 0;
  out.samples.reserve(total);
  std::size_t previous = 0;  // length of the part before, for the overlap
  for (const audio::Pcm* p : parts) {
    if (p == nullptr || p->samples.empty()) continue;
    assert(p->sample_rate == audio::kTelephoneRate && p->channels == 1);
    const auto& in = p->samples;
    const std::size_t fade = std::min({kFade, previous / 2, in.size() / 2});
    const std::size_t start = out.samples.size() - fade;
    for (std::size_t i = 0; i < fade; ++i) {
      const double t = static_cast<double>(i + 1) / static_cast<double>(fade + 1);
      const double mixed = out.samples[start + i] * (1.0 - t) + in[i] * t;
      out.samples[start + i] = static_cast<std::int16_t>(std::clamp(mixed, -32768.0, 32767.0));
    }
    out.samples.insert(out.samples.end(), in.begin() + static_cast<std::ptrdiff_t>(fade), in.end());
    previous = in.size();
  }
  return out;
}

}  // namespace robocall::speech
