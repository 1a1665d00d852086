// StereoFrameMixer: lines up the two directions of one call for its
// recording: each 20 ms tick yields one stereo frame with the patient
// (received audio) on the left and the system (what we sent that tick) on the
// right. Received audio arrives in bursts; a small backlog absorbs jitter and
// anything beyond it is dropped oldest-first so the channels stay aligned.
// One instance per call; not thread-safe: the loop thread owns it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace robocall::sip {

class StereoFrameMixer {
 public:
  static constexpr std::size_t kFrameSamples = 160;  // 20 ms at 8 kHz

  explicit StereoFrameMixer(std::size_t max_backlog_frames = 3);

  // Any number of received samples, in arrival order.
  void push_received(std::span<const std::int16_t> samples);

  // Appends kFrameSamples interleaved stereo frames (2 * kFrameSamples values)
  // to out: left from the received backlog (silence when it runs dry), right
  // from sent (silence when sent is empty).
  // REQUIRES: sent.empty() || sent.size() == kFrameSamples
  void tick(std::span<const std::int16_t> sent, std::vector<std::int16_t>& out);

  std::size_t backlog() const { return received_.size() - head_; }

 private:
  std::size_t max_backlog_;
  std::vector<std::int16_t> received_;
  std::size_t head_ = 0;
};

}  // namespace robocall::sip
