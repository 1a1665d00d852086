// Test builders for WAV byte images: any format tag, chunk order and sizes.
// Test-only; plain functions.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace robocall::audio::testing {

inline void put16(std::vector<std::uint8_t>& out, std::uint32_t v) {
  out.push_back(static_cast<std::uint8_t>(v));
  out.push_back(static_cast<std::uint8_t>(v >> 8));
}
inline void put32(std::vector<std::uint8_t>& out, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
}

struct FmtSpec {
  std::uint16_t tag = 1;
  std::uint32_t channels = 1;
  std::uint32_t rate = 8000;
  std::uint32_t bits = 16;
  bool extensible = false;
};

inline std::vector<std::uint8_t> chunk(const std::string& id, const std::vector<std::uint8_t>& body,
                                       bool pad = true) {
  std::vector<std::uint8_t> out(id.begin(), id.end());
  put32(out, static_cast<std::uint32_t>(body.size()));
  out.insert(out.end(), body.begin(), body.end());
  if (pad && body.size() % 2 == 1) out.push_back(0);
  return out;
}

inline std::vector<std::uint8_t> fmt_chunk(const FmtSpec& f) {
  std::vector<std::uint8_t> body;
  put16(body, f.extensible ? 0xFFFE : f.tag);
  put16(body, f.channels);
  put32(body, f.rate);
  put32(body, f.rate * f.channels * (f.bits / 8));
  put16(body, f.channels * (f.bits / 8));
  put16(body, f.bits);
  if (f.extensible) {
    put16(body, 22);
    put16(body, f.bits);
    put32(body, 0);  // channel mask
    put16(body, f.tag);
    const std::uint8_t guid_tail[14] = {0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80,
                                        0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71};
    body.insert(body.end(), guid_tail, guid_tail + 14);
  }
  return chunk("fmt ", body);
}

inline std::vector<std::uint8_t> riff(const std::vector<std::vector<std::uint8_t>>& chunks) {
  std::vector<std::uint8_t> out = {'R', 'I', 'F', 'F', 0, 0, 0, 0, 'W', 'A', 'V', 'E'};
  for (const auto& c : chunks) out.insert(out.end(), c.begin(), c.end());
  const auto size = static_cast<std::uint32_t>(out.size() - 8);
  for (int i = 0; i < 4; ++i) out[4 + i] = static_cast<std::uint8_t>(size >> (8 * i));
  return out;
}

}  // namespace robocall::audio::testing
