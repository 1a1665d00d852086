#include "audio/convert.h"

#include <soxr.h>

#include <cmath>
#include <string>

namespace robocall::audio {

Pcm to_mono(const Pcm& pcm) {
  if (pcm.channels <= 1) return pcm;
  Pcm out;
  out.sample_rate = pcm.sample_rate;
  out.channels = 1;
  const std::size_t frames = pcm.frames();
  out.samples.resize(frames);
  for (std::size_t f = 0; f < frames; ++f) {
    int sum = 0;
    for (int c = 0; c < pcm.channels; ++c) sum += pcm.samples[f * pcm.channels + c];
    out.samples[f] = static_cast<std::int16_t>(sum / pcm.channels);
  }
  return out;
}

Result<Pcm> resample(const Pcm& pcm, int target_rate) {
  constexpr int kMaxRate = 768000;
  if (target_rate < 1 || target_rate > kMaxRate || pcm.sample_rate < 1 ||
      pcm.sample_rate > kMaxRate || pcm.channels < 1 || pcm.channels > 8) {
    return Error::invalid("Неверная частота дискретизации или число каналов для пересчёта звука");
  }
  if (pcm.sample_rate == target_rate) return pcm;
  Pcm out;
  out.sample_rate = target_rate;
  out.channels = pcm.channels;
  const std::size_t in_frames = pcm.frames();
  const std::size_t out_capacity =
      static_cast<std::size_t>(
          std::ceil(static_cast<double>(in_frames) * target_rate / pcm.sample_rate)) +
      16;
  out.samples.resize(out_capacity * pcm.channels);
  const soxr_io_spec_t io = soxr_io_spec(SOXR_INT16_I, SOXR_INT16_I);
  const soxr_quality_spec_t quality = soxr_quality_spec(SOXR_HQ, 0);
  std::size_t done = 0;
  soxr_error_t err =
      soxr_oneshot(pcm.sample_rate, target_rate, pcm.channels, pcm.samples.data(), in_frames,
                   nullptr, out.samples.data(), out_capacity, &done, &io, &quality, nullptr);
  if (err) return Error::internal(std::string("Ошибка пересчёта частоты звука: ") + err);
  out.samples.resize(done * pcm.channels);
  return out;
}

Result<Pcm> to_telephone(const Pcm& pcm) {
  return resample(to_mono(pcm), kTelephoneRate);
}

}  // namespace robocall::audio
