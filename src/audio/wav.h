// WAV files: decoding any common RIFF/WAVE file into 16-bit Pcm and writing
// 16-bit PCM files atomically. Free functions without shared state: any
// thread may call them concurrently.
#pragma once

#include <cstdint>
#include <filesystem>
#include <span>

#include "audio/pcm.h"
#include "common/result.h"

namespace robocall::audio {

// Accepts RIFF/WAVE with WAVE_FORMAT_PCM (8/16/24/32-bit integer),
// IEEE_FLOAT (32/64-bit), ALAW, MULAW and WAVE_FORMAT_EXTENSIBLE wrapping
// one of those; any rate in 1..768000 Hz, 1..8 channels. The result keeps the
// file's rate and channel count. A data chunk whose size is 0, 0xFFFFFFFF or
// past the end of the bytes (a file whose writer was killed) is taken to the
// end of the bytes, cut to whole frames.
// Broken or non-WAV input: Errc::kInvalidArgument with a Russian message.
Result<Pcm> decode_wav(std::span<const std::uint8_t> bytes);

// Reads the whole file then decode_wav. Unreadable file: Errc::kIoError.
Result<Pcm> read_wav(const std::filesystem::path& path);

// Writes 16-bit PCM through a temporary file in the same folder, fsync, then
// rename: readers see the old file or the complete new one.
// REQUIRES: pcm.channels in 1..8, pcm.sample_rate > 0.
Status write_wav(const std::filesystem::path& path, const Pcm& pcm);

// The 44-byte canonical header for 16-bit PCM with data_bytes of samples.
std::vector<std::uint8_t> wav_header(int sample_rate, int channels, std::uint32_t data_bytes);

// Encodes pcm as a complete 16-bit WAV file in memory.
std::vector<std::uint8_t> encode_wav(const Pcm& pcm);

}  // namespace robocall::audio
