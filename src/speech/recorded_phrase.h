// Recorded phrases: an administrator's WAV upload that replaces a phrase.
// The upload is converted to 8 kHz mono 16-bit, trimmed and normalised like a
// synthesised phrase, and stored as <data_dir>/phrases/recorded-<n>.wav.
// Free functions: any thread except the SIP loop (they do file I/O).
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <span>
#include <string_view>

#include "audio/pcm.h"
#include "common/result.h"

namespace robocall::speech {

inline constexpr std::size_t kMaxRecordingUploadBytes = 50u << 20;
inline constexpr int kMaxRecordingSeconds = 60;

// Decodes an uploaded WAV and shapes it like every phrase: 8 kHz mono 16-bit,
// silence trimmed, loudness normalised (the one home of that conversion for
// recorded phrases and voice fragments). `what` starts the Russian messages
// («Запись фразы»). Errors: kLimitExceeded over 50 MB or over max_length;
// kInvalidArgument for a broken or non-WAV upload or silence.
Result<audio::Pcm> shape_upload(std::span<const std::uint8_t> bytes,
                                std::chrono::seconds max_length, std::string_view what);

// Where phrase_number's recording lives. REQUIRES: domain::is_phrase_number.
std::filesystem::path phrase_recording_path(const std::filesystem::path& data_dir,
                                            int phrase_number);

// Decodes, converts and atomically replaces the phrase's recording; returns
// its path. Errors, each with a Russian message and the old recording left in
// place: kInvalidArgument for a phrase number outside 1..8, a broken or
// non-WAV upload, or silence; kLimitExceeded for over 50 MB or over 60 s;
// kIoError if the file cannot be written.
Result<std::filesystem::path> save_phrase_recording(const std::filesystem::path& data_dir,
                                                    int phrase_number,
                                                    std::span<const std::uint8_t> bytes);

}  // namespace robocall::speech
