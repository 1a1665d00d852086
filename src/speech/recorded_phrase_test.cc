#include "speech/recorded_phrase.h"

#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <numbers>

#include "audio/atomic_file.h"
#include "audio/wav.h"
#include "audio/wav_test_util.h"

namespace robocall::speech {
namespace {

namespace wt = audio::testing;

class RecordedPhraseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::path(::testing::TempDir()) /
           ("robocall_recorded_" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    std::filesystem::remove_all(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
};

// One second of a 440 Hz tone as 44.1 kHz stereo 32-bit float.
std::vector<std::uint8_t> float_stereo_upload() {
  std::vector<std::uint8_t> data;
  for (int i = 0; i < 44100; ++i) {
    const float v = 0.3f * static_cast<float>(std::sin(2 * std::numbers::pi * 440 * i / 44100.0));
    wt::put32(data, std::bit_cast<std::uint32_t>(v));
    wt::put32(data, std::bit_cast<std::uint32_t>(v));
  }
  return wt::riff({wt::fmt_chunk({3, 2, 44100, 32}), wt::chunk("data", data)});
}

TEST_F(RecordedPhraseTest, converts_an_upload_to_8_khz_mono_and_stores_it_per_phrase) {
  auto path = save_phrase_recording(dir_, 4, float_stereo_upload());
  ASSERT_TRUE(path.ok()) << path.error().message;
  EXPECT_EQ(*path, dir_ / "phrases" / "recorded-4.wav");
  auto pcm = audio::read_wav(*path);
  ASSERT_TRUE(pcm.ok());
  EXPECT_EQ(pcm->sample_rate, 8000);
  EXPECT_EQ(pcm->channels, 1);
  EXPECT_NEAR(static_cast<double>(pcm->frames()), 8000, 200);
}

TEST_F(RecordedPhraseTest, a_broken_upload_is_refused_and_the_old_recording_stays) {
  auto first = save_phrase_recording(dir_, 2, float_stereo_upload());
  ASSERT_TRUE(first.ok());
  auto before = audio::read_file(*first);
  ASSERT_TRUE(before.ok());

  std::vector<std::uint8_t> mp3 = {'I', 'D', '3', 4, 0, 0, 0, 0, 0, 0, 0xFF, 0xFB, 0x90};
  std::vector<std::uint8_t> truncated = float_stereo_upload();
  truncated.resize(30);
  const std::vector<std::uint8_t> silent = wt::riff(
      {wt::fmt_chunk({1, 1, 8000, 16}), wt::chunk("data", std::vector<std::uint8_t>(16000, 0))});
  struct Case {
    const char* name;
    std::vector<std::uint8_t> bytes;
    Errc code;
    std::string_view message_part;
  };
  const std::vector<Case> cases = {
      {"mp3", mp3, Errc::kInvalidArgument, "Загрузите файл WAV"},
      {"truncated", truncated, Errc::kInvalidArgument, "Загрузите файл WAV"},
      {"empty", {}, Errc::kInvalidArgument, "Загрузите файл WAV"},
      {"silence", silent, Errc::kInvalidArgument, "тишина"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    auto result = save_phrase_recording(dir_, 2, c.bytes);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().code, c.code);
    EXPECT_NE(result.error().message.find(c.message_part), std::string::npos)
        << result.error().message;
    EXPECT_EQ(audio::read_file(*first).value(), *before);
  }
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir_ / "phrases"), {}), 1);
}

TEST_F(RecordedPhraseTest, refuses_a_recording_over_a_minute_and_an_unknown_phrase) {
  const std::vector<std::uint8_t> long_upload =
      wt::riff({wt::fmt_chunk({6, 1, 8000, 8}),
                wt::chunk("data", std::vector<std::uint8_t>(8000 * 61, 0xAA))});
  auto too_long = save_phrase_recording(dir_, 1, long_upload);
  ASSERT_FALSE(too_long.ok());
  EXPECT_EQ(too_long.error().code, Errc::kLimitExceeded);
  for (int number : {0, 9, -1}) {
    auto bad = save_phrase_recording(dir_, number, float_stereo_upload());
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().code, Errc::kInvalidArgument);
  }
  EXPECT_FALSE(std::filesystem::exists(dir_ / "phrases"));
}

}  // namespace
}  // namespace robocall::speech
