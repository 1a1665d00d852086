#include "sip/inband_dtmf.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <string>
#include <vector>

namespace robocall::sip {
namespace {

// A DTMF key as 8 kHz samples: the sum of its row and column tones.
std::vector<std::int16_t> tone(char key, int ms) {
  static const char* keys = "123A456B789C*0#D";
  const double rows[] = {697, 770, 852, 941};
  const double cols[] = {1209, 1336, 1477, 1633};
  const auto index = std::string(keys).find(key);
  const double f1 = rows[index / 4];
  const double f2 = cols[index % 4];
  std::vector<std::int16_t> out(static_cast<std::size_t>(8 * ms));
  for (std::size_t i = 0; i < out.size(); ++i) {
    const double t = static_cast<double>(i) / 8000.0;
    out[i] = static_cast<std::int16_t>(
        6000 * (std::sin(2 * std::numbers::pi * f1 * t) + std::sin(2 * std::numbers::pi * f2 * t)));
  }
  return out;
}

std::string detect(const std::vector<std::int16_t>& audio) {
  std::string digits;
  InbandDtmf detector([&](char d) { digits += d; });
  for (std::size_t off = 0; off < audio.size(); off += 160)
    detector.probe(std::span(audio).subspan(off, std::min<std::size_t>(160, audio.size() - off)));
  return digits;
}

TEST(InbandDtmf, reports_a_tone_lasting_many_frames_once) {
  EXPECT_EQ(detect(tone('1', 400)), "1");
}

TEST(InbandDtmf, reports_keys_separated_by_silence_each_once) {
  std::vector<std::int16_t> audio;
  for (char key : {'1', '2', '2', '#'}) {
    auto t = tone(key, 100);
    audio.insert(audio.end(), t.begin(), t.end());
    audio.insert(audio.end(), 8 * 60, 0);
  }
  EXPECT_EQ(detect(audio), "122#");
}

TEST(InbandDtmf, stays_quiet_on_silence_and_a_single_tone) {
  EXPECT_EQ(detect(std::vector<std::int16_t>(8000, 0)), "");
  std::vector<std::int16_t> hum(8000);
  for (std::size_t i = 0; i < hum.size(); ++i)
    hum[i] = static_cast<std::int16_t>(8000 * std::sin(2 * std::numbers::pi * 440 * i / 8000.0));
  EXPECT_EQ(detect(hum), "");
}

}  // namespace
}  // namespace robocall::sip
