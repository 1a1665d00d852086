#include "audio/wav.h"

#include <gtest/gtest.h>

#include <bit>
#include <cstring>
#include <filesystem>

#include "audio/wav_test_util.h"

namespace robocall::audio {
namespace {

using testing::chunk;
using testing::fmt_chunk;
using testing::FmtSpec;
using testing::put16;
using testing::put32;
using testing::riff;

struct FormatCase {
  const char* name;
  FmtSpec fmt;
  std::vector<std::uint8_t> data;
  std::vector<std::int16_t> expected;
};

std::vector<std::uint8_t> floats32(std::initializer_list<float> values) {
  std::vector<std::uint8_t> out;
  for (float v : values) put32(out, std::bit_cast<std::uint32_t>(v));
  return out;
}
std::vector<std::uint8_t> floats64(std::initializer_list<double> values) {
  std::vector<std::uint8_t> out;
  for (double v : values) {
    const auto u = std::bit_cast<std::uint64_t>(v);
    put32(out, static_cast<std::uint32_t>(u));
    put32(out, static_cast<std::uint32_t>(u >> 32));
  }
  return out;
}

std::vector<FormatCase> format_cases() {
  return {
      {"pcm8", {1, 1, 8000, 8}, {0x80, 0xFF, 0x00, 0xC0}, {0, 32512, -32768, 16384}},
      {"pcm16",
       {1, 1, 16000, 16},
       {0x00, 0x00, 0xFF, 0x7F, 0x00, 0x80, 0x34, 0x12},
       {0, 32767, -32768, 0x1234}},
      {"pcm24", {1, 1, 44100, 24}, {0xAA, 0x34, 0x12, 0x00, 0x00, 0x80}, {0x1234, -32768}},
      {"pcm32",
       {1, 1, 48000, 32},
       {0xAA, 0xBB, 0x34, 0x12, 0xFF, 0xFF, 0xFF, 0x7F},
       {0x1234, 32767}},
      {"float32",
       {3, 1, 22050, 32},
       floats32({0.0f, 0.5f, -1.0f, 2.0f}),
       {0, 16384, -32767, 32767}},
      {"float64", {3, 1, 96000, 64}, floats64({0.25, -0.5, -3.0}), {8192, -16384, -32768}},
      {"alaw", {6, 1, 8000, 8}, {0xD5, 0x55, 0xAA, 0x2A}, {8, -8, 32256, -32256}},
      {"mulaw", {7, 1, 8000, 8}, {0xFF, 0x7F, 0x80, 0x00}, {0, 0, 32124, -32124}},
      {"stereo_pcm16",
       {1, 2, 8000, 16},
       {0x01, 0x00, 0x02, 0x00, 0x03, 0x00, 0x04, 0x00},
       {1, 2, 3, 4}},
      {"eight_channels_pcm8",
       {1, 8, 11025, 8},
       std::vector<std::uint8_t>(8, 0x81),
       std::vector<std::int16_t>(8, 256)},
      {"extensible_pcm16", {1, 2, 44100, 16, true}, {0x10, 0x00, 0xF0, 0xFF}, {16, -16}},
      {"extensible_pcm24", {1, 1, 48000, 24, true}, {0x00, 0x00, 0x40}, {0x4000}},
      {"extensible_float32", {3, 1, 48000, 32, true}, floats32({-0.25f}), {-8192}},
  };
}

TEST(DecodeWav, decodes_every_supported_sample_format) {
  for (const FormatCase& c : format_cases()) {
    SCOPED_TRACE(c.name);
    auto pcm = decode_wav(riff({fmt_chunk(c.fmt), chunk("data", c.data)}));
    ASSERT_TRUE(pcm.ok()) << pcm.error().message;
    EXPECT_EQ(pcm->sample_rate, static_cast<int>(c.fmt.rate));
    EXPECT_EQ(pcm->channels, static_cast<int>(c.fmt.channels));
    EXPECT_EQ(pcm->samples, c.expected);
  }
}

std::vector<std::uint8_t> valid_pcm16() {
  return riff({fmt_chunk({1, 1, 8000, 16}), chunk("data", {1, 0, 2, 0})});
}

struct BadCase {
  const char* name;
  std::vector<std::uint8_t> bytes;
};

std::vector<std::uint8_t> with_u32(std::vector<std::uint8_t> bytes, std::size_t at,
                                   std::uint32_t v) {
  for (int i = 0; i < 4; ++i) bytes[at + i] = static_cast<std::uint8_t>(v >> (8 * i));
  return bytes;
}
std::vector<std::uint8_t> with_u16(std::vector<std::uint8_t> bytes, std::size_t at,
                                   std::uint16_t v) {
  bytes[at] = static_cast<std::uint8_t>(v);
  bytes[at + 1] = static_cast<std::uint8_t>(v >> 8);
  return bytes;
}

// Offsets in valid_pcm16(): fmt body at 20 (tag 20, channels 22, rate 24,
// block align 32, bits 34), "data" at 36.
std::vector<BadCase> bad_cases() {
  const auto good = valid_pcm16();
  std::vector<std::uint8_t> text = {'h', 'e', 'l', 'l', 'o', ',', ' ',
                                    'w', 'o', 'r', 'l', 'd', '!'};
  std::vector<std::uint8_t> wrong_form = good;
  std::memcpy(wrong_form.data() + 8, "AVI ", 4);
  std::vector<std::uint8_t> renamed_fmt = good;
  std::memcpy(renamed_fmt.data() + 12, "fmx ", 4);
  return {
      {"empty", {}},
      {"truncated_header", std::vector<std::uint8_t>(good.begin(), good.begin() + 10)},
      {"truncated_in_fmt", std::vector<std::uint8_t>(good.begin(), good.begin() + 30)},
      {"plain_text", text},
      {"wrong_riff_magic", with_u32(good, 0, 0x58464952)},
      {"wrong_wave_magic", wrong_form},
      {"no_fmt_chunk", renamed_fmt},
      {"no_data_chunk", riff({fmt_chunk({1, 1, 8000, 16})})},
      {"zero_channels", with_u16(good, 22, 0)},
      {"nine_channels", with_u16(with_u16(good, 22, 9), 32, 18)},
      {"zero_rate", with_u32(good, 24, 0)},
      {"absurd_rate", with_u32(good, 24, 4000000000u)},
      {"absurd_fmt_size", with_u32(good, 16, 0x7FFFFFF0u)},
      {"short_fmt", riff({chunk("fmt ", {1, 0, 1, 0}), chunk("data", {0, 0})})},
      {"wrong_block_align", with_u16(good, 32, 7)},
      {"twelve_bit_pcm", with_u16(with_u16(good, 34, 12), 32, 2)},
      {"unknown_format_tag", with_u16(good, 20, 0x55)},
      {"eight_bit_float", riff({fmt_chunk({3, 1, 8000, 8}), chunk("data", {0})})},
      {"sixteen_bit_alaw", riff({fmt_chunk({6, 1, 8000, 16}), chunk("data", {0, 0})})},
  };
}

TEST(DecodeWav, rejects_broken_or_foreign_bytes_with_a_russian_message) {
  for (const BadCase& c : bad_cases()) {
    SCOPED_TRACE(c.name);
    auto pcm = decode_wav(c.bytes);
    ASSERT_FALSE(pcm.ok());
    EXPECT_EQ(pcm.error().code, Errc::kInvalidArgument);
    EXPECT_NE(pcm.error().message.find("WAV"), std::string::npos) << pcm.error().message;
  }
}

TEST(DecodeWav, skips_a_list_chunk_with_odd_size_and_its_pad_byte_before_data) {
  std::vector<std::uint8_t> info = {'I', 'N', 'F', 'O', 'a', 'b', 'c'};
  auto pcm = decode_wav(
      riff({fmt_chunk({1, 1, 8000, 16}), chunk("LIST", info), chunk("data", {5, 0, 6, 0})}));
  ASSERT_TRUE(pcm.ok()) << pcm.error().message;
  EXPECT_EQ(pcm->samples, (std::vector<std::int16_t>{5, 6}));
}

TEST(DecodeWav, finds_fmt_after_data_when_data_has_a_valid_size) {
  auto pcm = decode_wav(riff({chunk("data", {7, 0}), fmt_chunk({1, 1, 16000, 16})}));
  ASSERT_TRUE(pcm.ok()) << pcm.error().message;
  EXPECT_EQ(pcm->sample_rate, 16000);
  EXPECT_EQ(pcm->samples, (std::vector<std::int16_t>{7}));
}

TEST(DecodeWav, ignores_an_odd_trailing_chunk_after_data) {
  auto pcm = decode_wav(
      riff({fmt_chunk({1, 1, 8000, 16}), chunk("data", {9, 0}), chunk("id3 ", {1, 2, 3}, false)}));
  ASSERT_TRUE(pcm.ok()) << pcm.error().message;
  EXPECT_EQ(pcm->samples, (std::vector<std::int16_t>{9}));
}

TEST(DecodeWav, reads_a_file_left_by_a_killed_writer_up_to_the_end_of_the_bytes) {
  // data sizes: never patched (0), streaming placeholder, larger than the file.
  for (std::uint32_t size : {0u, 0xFFFFFFFFu, 1000000u}) {
    SCOPED_TRACE(size);
    auto bytes = riff({fmt_chunk({1, 2, 8000, 16}), chunk("data", {1, 0, 2, 0, 3, 0, 4, 0, 5})});
    bytes.pop_back();  // no pad byte: the writer died mid-frame
    bytes = with_u32(with_u32(bytes, 4, 0), 40, size);
    auto pcm = decode_wav(bytes);
    ASSERT_TRUE(pcm.ok()) << pcm.error().message;
    EXPECT_EQ(pcm->samples, (std::vector<std::int16_t>{1, 2, 3, 4}));
  }
}

TEST(DecodeWav, accepts_a_data_chunk_of_zero_frames_as_empty_audio) {
  auto bytes = riff({fmt_chunk({1, 1, 8000, 16}), chunk("data", {})});
  auto pcm = decode_wav(bytes);
  ASSERT_TRUE(pcm.ok()) << pcm.error().message;
  EXPECT_TRUE(pcm->samples.empty());
}

TEST(WriteWav, round_trips_through_read_wav_and_leaves_no_temporary_file) {
  const auto dir = std::filesystem::path(::testing::TempDir()) / "robocall_wav_round_trip";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  Pcm pcm{.sample_rate = 22050, .channels = 2, .samples = {0, -1, 32767, -32768, 100, 200}};
  ASSERT_TRUE(write_wav(dir / "a.wav", pcm).ok());
  auto back = read_wav(dir / "a.wav");
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(back->sample_rate, 22050);
  EXPECT_EQ(back->channels, 2);
  EXPECT_EQ(back->samples, pcm.samples);
  EXPECT_EQ(back->frames(), 3u);
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir), {}), 1);
  std::filesystem::remove_all(dir);
}

TEST(ReadWav, reports_a_missing_file_as_not_found) {
  auto pcm = read_wav("/nonexistent/robocall/x.wav");
  ASSERT_FALSE(pcm.ok());
  EXPECT_EQ(pcm.error().code, Errc::kNotFound);
}

TEST(Pcm, duration_counts_frames_at_the_sample_rate) {
  Pcm pcm{.sample_rate = 8000, .channels = 2, .samples = std::vector<std::int16_t>(16000)};
  EXPECT_EQ(pcm.duration(), std::chrono::milliseconds(1000));
}

}  // namespace
}  // namespace robocall::audio
