// Level shaping for phrases: silence trimming at the ends and loudness
// normalisation to one RMS target with a peak ceiling, so every phrase
// (synthesised or recorded) plays at the same level. Pure functions: any thread.
#pragma once

#include <chrono>

#include "audio/pcm.h"

namespace robocall::audio {

inline constexpr double kTargetLevelDbfs = -20.0;  // speech_level of every phrase
inline constexpr double kPeakCeilingDbfs = -1.0;

// Root mean square over all samples, in 16-bit units; 0 for empty audio.
double rms(const Pcm& pcm);
// Largest absolute sample.
int peak(const Pcm& pcm);

// The level of the active part, in 16-bit RMS units: 20 ms blocks gated
// absolutely (below -50 dBFS) and relatively (10 dB under the mean of the
// rest), so pauses between words do not lower it. 0 for silence.
double speech_level(const Pcm& pcm);

// Drops leading and trailing frames quieter than threshold (absolute sample
// value, every channel), keeping `keep` of audio before the first and after
// the last loud frame. All-quiet input becomes empty.
Pcm trim_silence(const Pcm& pcm, int threshold = 200,
                 std::chrono::milliseconds keep = std::chrono::milliseconds(20));

// Scales the speech_level to kTargetLevelDbfs unless that would push the peak over
// kPeakCeilingDbfs, in which case the peak sets the gain. Silence is returned
// unchanged.
Pcm normalise_loudness(const Pcm& pcm);

}  // namespace robocall::audio
