// Conversions between Pcm layouts: channel mixing and sample-rate conversion
// (libsoxr, high quality). Pure functions on values: any thread may call them.
#pragma once

#include "audio/pcm.h"
#include "common/result.h"

namespace robocall::audio {

// Averages the channels of each frame. A mono input is returned unchanged.
Pcm to_mono(const Pcm& pcm);

// Same channels, target_rate. Equal rates return a copy.
// Errors: kInvalidArgument for a rate outside 1..768000 or bad channels.
Result<Pcm> resample(const Pcm& pcm, int target_rate);

// 8000 Hz mono 16-bit, as played into a call.
Result<Pcm> to_telephone(const Pcm& pcm);

}  // namespace robocall::audio
