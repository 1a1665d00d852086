// InbandDtmf: detects DTMF tones in received 8 kHz audio (librem's Goertzel
// detector). A tone spanning many frames is reported once, on the frame that
// confirms it. One instance per call; not thread-safe: the loop thread owns it.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <span>

namespace robocall::sip {

class InbandDtmf {
 public:
  // on_digit runs inside probe(), once per detected key.
  explicit InbandDtmf(std::function<void(char)> on_digit);
  InbandDtmf(InbandDtmf&&) noexcept;
  InbandDtmf& operator=(InbandDtmf&&) noexcept;
  ~InbandDtmf();

  void probe(std::span<const std::int16_t> samples);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace robocall::sip
