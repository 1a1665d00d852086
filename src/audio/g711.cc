#include "audio/g711.h"

namespace robocall::audio {
namespace {

constexpr int kUlawBias = 0x84;
constexpr int kUlawClip = 32635;

int segment_of(int magnitude, const int (&ends)[8]) {
  for (int i = 0; i < 8; ++i) {
    if (magnitude <= ends[i]) return i;
  }
  return 8;
}

}  // namespace

std::int16_t alaw_to_linear(std::uint8_t code) {
  int a = code ^ 0x55;
  int t = (a & 0x0F) << 4;
  int seg = (a & 0x70) >> 4;
  switch (seg) {
    case 0:
      t += 8;
      break;
    case 1:
      t += 0x108;
      break;
    default:
      t = (t + 0x108) << (seg - 1);
      break;
  }
  return static_cast<std::int16_t>((a & 0x80) ? t : -t);
}

std::int16_t ulaw_to_linear(std::uint8_t code) {
  int u = ~code & 0xFF;
  int t = ((u & 0x0F) << 3) + kUlawBias;
  t <<= (u & 0x70) >> 4;
  return static_cast<std::int16_t>((u & 0x80) ? (kUlawBias - t) : (t - kUlawBias));
}

std::uint8_t linear_to_alaw(std::int16_t sample) {
  static constexpr int kEnds[8] = {0x1F, 0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF};
  int pcm = sample >> 3;
  int mask;
  if (pcm >= 0) {
    mask = 0xD5;
  } else {
    mask = 0x55;
    pcm = -pcm - 1;
  }
  int seg = segment_of(pcm, kEnds);
  if (seg >= 8) return static_cast<std::uint8_t>(0x7F ^ mask);
  int aval = seg << 4;
  aval |= (seg < 2) ? (pcm >> 1) & 0x0F : (pcm >> seg) & 0x0F;
  return static_cast<std::uint8_t>(aval ^ mask);
}

std::uint8_t linear_to_ulaw(std::int16_t sample) {
  static constexpr int kEnds[8] = {0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF, 0x1FFF};
  int pcm = sample >> 2;
  int mask;
  if (pcm < 0) {
    pcm = -pcm;
    mask = 0x7F;
  } else {
    mask = 0xFF;
  }
  if (pcm > (kUlawClip >> 2)) pcm = kUlawClip >> 2;
  pcm += kUlawBias >> 2;
  int seg = segment_of(pcm, kEnds);
  if (seg >= 8) return static_cast<std::uint8_t>(0x7F ^ mask);
  int uval = (seg << 4) | ((pcm >> (seg + 1)) & 0x0F);
  return static_cast<std::uint8_t>(uval ^ mask);
}

}  // namespace robocall::audio
