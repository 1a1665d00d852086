// G.711 A-law and µ-law companding (ITU-T G.711), sample by sample.
// Pure functions: any thread may call them.
#pragma once

#include <cstdint>

namespace robocall::audio {

std::int16_t alaw_to_linear(std::uint8_t code);
std::int16_t ulaw_to_linear(std::uint8_t code);
std::uint8_t linear_to_alaw(std::int16_t sample);
std::uint8_t linear_to_ulaw(std::int16_t sample);

}  // namespace robocall::audio
