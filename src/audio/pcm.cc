#include "audio/pcm.h"

namespace robocall::audio {

std::chrono::milliseconds Pcm::duration() const {
  if (sample_rate <= 0) return std::chrono::milliseconds(0);
  return std::chrono::milliseconds(static_cast<std::int64_t>(frames()) * 1000 / sample_rate);
}

}  // namespace robocall::audio
