#include "sip/stereo_mixer.h"

#include <cassert>

namespace robocall::sip {

StereoFrameMixer::StereoFrameMixer(std::size_t max_backlog_frames)
    : max_backlog_(max_backlog_frames * kFrameSamples) {
  received_.reserve(max_backlog_ + kFrameSamples);
}

void StereoFrameMixer::push_received(std::span<const std::int16_t> samples) {
  if (head_ > 0) {
    received_.erase(received_.begin(), received_.begin() + static_cast<std::ptrdiff_t>(head_));
    head_ = 0;
  }
  received_.insert(received_.end(), samples.begin(), samples.end());
  if (received_.size() > max_backlog_) head_ = received_.size() - max_backlog_;
}

void StereoFrameMixer::tick(std::span<const std::int16_t> sent, std::vector<std::int16_t>& out) {
  assert(sent.empty() || sent.size() == kFrameSamples);
  const std::size_t available = backlog();
  const std::size_t take = available < kFrameSamples ? available : kFrameSamples;
  // Sized (and silenced) once, then written through a pointer: no per-sample
  // checks.
  const std::size_t start = out.size();
  out.resize(start + 2 * kFrameSamples);
  std::int16_t* frame = out.data() + start;
  const std::int16_t* left = received_.data() + head_;
  for (std::size_t i = 0; i < take; ++i) frame[2 * i] = left[i];
  if (!sent.empty())
    for (std::size_t i = 0; i < kFrameSamples; ++i) frame[2 * i + 1] = sent[i];
  head_ += take;
}

}  // namespace robocall::sip
