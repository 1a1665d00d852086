// WavWriter: streams 16-bit PCM into a WAV file for call recordings. The
// header is written first with zero sizes and patched by close(), so a file
// left by a killed process is still readable by decode_wav.
// Move-only; one thread at a time may use a given writer.
#pragma once

#include <cstdint>
#include <filesystem>
#include <span>
#include <vector>

#include "common/result.h"

namespace robocall::audio {

class WavWriter {
 public:
  // Creates (truncating) path. Errors: kInvalidArgument for a bad rate or
  // channel count, kIoError if the file cannot be created.
  static Result<WavWriter> create(const std::filesystem::path& path, int sample_rate, int channels);

  WavWriter(WavWriter&& other) noexcept;
  WavWriter& operator=(WavWriter&& other) noexcept;
  WavWriter(const WavWriter&) = delete;
  WavWriter& operator=(const WavWriter&) = delete;
  ~WavWriter();  // close(), errors ignored

  // Buffered, except that a block of 16 KiB or more is written at once (the
  // recorder's one-second chunks: no copy). REQUIRES: interleaved.size() is a multiple of channels.
  // After close() or a failed write: kInvalidArgument / kIoError, nothing written.
  Status append(std::span<const std::int16_t> interleaved);
  // Flushes, patches the RIFF and data sizes, fsyncs, closes. Idempotent.
  Status close();

  const std::filesystem::path& path() const { return path_; }
  std::uint64_t frames_written() const { return data_bytes_ / (2u * channels_); }

 private:
  WavWriter(int fd, std::filesystem::path path, int channels);
  Status flush();

  int fd_ = -1;
  std::filesystem::path path_;
  int channels_ = 1;
  std::uint64_t data_bytes_ = 0;
  std::vector<std::uint8_t> buffer_;
  bool failed_ = false;
};

}  // namespace robocall::audio
