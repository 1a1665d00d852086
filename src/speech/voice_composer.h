// Composing one phrase from recorded fragments (docs/BEHAVIOUR.md "Voice
// pack"): the fragments are joined with a short linear cross-fade so no join
// clicks. Levels are not touched: fragments are normalised when saved.
// Pure functions on values: any thread may call them.
#pragma once

#include <chrono>
#include <span>

#include "audio/pcm.h"

namespace robocall::speech {

inline constexpr std::chrono::milliseconds kCrossFade{5};

// Silence of the given length at 8 kHz mono.
audio::Pcm silence(std::chrono::milliseconds length);

// The parts one after another; at each join the last samples of the one
// and the first samples of the next overlap over kCrossFade (less when a
// part is shorter than two cross-fades). Null parts are skipped.
// REQUIRES: every part 8 kHz mono.
audio::Pcm compose(std::span<const audio::Pcm* const> parts);

}  // namespace robocall::speech
