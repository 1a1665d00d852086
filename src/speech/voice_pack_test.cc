#include "speech/voice_pack.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "audio/level.h"
#include "audio/wav.h"
#include "domain/local_time.h"
#include "speech/phrase_template.h"

namespace robocall::speech {
namespace {

using namespace std::chrono;

class VoicePackTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::path(::testing::TempDir()) /
           ("robocall_voice_" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    std::filesystem::remove_all(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // Records every fragment of `text` as a short 16 kHz tone of its own pitch.
  void record_all(const std::string& text, year current) {
    int pitch = 200;
    for (const auto& f : voice_fragments(text, current)) {
      auto shaped = shape_fragment(f, tone_wav(pitch++));
      ASSERT_TRUE(shaped.ok()) << shaped.error().message;
      ASSERT_TRUE(write_fragment(dir_, f, *shaped).ok());
    }
  }

  static std::vector<std::uint8_t> tone_wav(int hz, int ms = 300) {
    audio::Pcm pcm;
    pcm.sample_rate = 16000;
    for (int i = 0; i < ms * 16; ++i) {
      pcm.samples.push_back(
          static_cast<std::int16_t>(5000 * std::sin(2 * std::numbers::pi * hz * i / 16000.0)));
    }
    return audio::encode_wav(pcm);
  }

  std::filesystem::path dir_;
  const std::string text_{default_phrase_text(2)};
  const domain::Instant now_ = domain::local_instant(2026y / December / 6, hours(9));
};

TEST_F(VoicePackTest, a_saved_fragment_is_recorded_until_its_text_changes) {
  const VoiceFragment f{"phrase-1", "Вы записаны", FragmentGroup::kPhrase};
  EXPECT_EQ(fragment_status(dir_, f).state, FragmentState::kSynthesised);
  auto shaped = shape_fragment(f, tone_wav(300, 1000));
  ASSERT_TRUE(shaped.ok());
  ASSERT_TRUE(write_fragment(dir_, f, *shaped).ok());
  const auto status = fragment_status(dir_, f);
  EXPECT_EQ(status.state, FragmentState::kRecorded);
  ASSERT_TRUE(status.seconds.has_value());
  EXPECT_NEAR(*status.seconds, 1.0, 0.1);
  EXPECT_EQ(
      fragment_status(dir_, {"phrase-1", "Вы записаны к врачу", FragmentGroup::kPhrase}).state,
      FragmentState::kOutdated);
  ASSERT_TRUE(delete_fragment(dir_, "phrase-1").ok());
  EXPECT_EQ(fragment_status(dir_, f).state, FragmentState::kSynthesised);
}

TEST_F(VoicePackTest, an_over_long_or_silent_fragment_is_refused_in_russian) {
  const VoiceFragment f{"day-01", "первого", FragmentGroup::kDay};
  auto long_one = shape_fragment(f, tone_wav(300, 11000));
  ASSERT_FALSE(long_one.ok());
  EXPECT_NE(long_one.error().message.find("«первого»"), std::string::npos);
  audio::Pcm quiet;
  quiet.samples.assign(8000, 0);
  EXPECT_FALSE(shape_fragment(f, audio::encode_wav(quiet)).ok());
}

TEST_F(VoicePackTest, a_complete_pack_composes_phrase_two_at_one_level) {
  record_all(text_, 2026y);
  VoicePack pack(dir_);
  const auto at = domain::local_instant(2027y / January / 19, hours(21) + minutes(1));
  auto pcm = pack.phrase2(text_, at, now_);
  ASSERT_TRUE(pcm.ok()) << pcm.error().message;
  ASSERT_NE(*pcm, nullptr);
  // phrase-1, day, month, year, pause, hour, minute: six 300 ms tones and a pause.
  EXPECT_NEAR(static_cast<double>((*pcm)->samples.size()), 6 * 2400 + 1600, 6 * 200);
  EXPECT_NEAR(audio::speech_level((**pcm)), std::pow(10.0, audio::kTargetLevelDbfs / 20) * 32768,
              300);
  auto again = pack.phrase2(text_, at, now_);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->get(), pcm->get());  // cached
}

TEST_F(VoicePackTest, a_missing_or_outdated_fragment_means_synthesis_never_a_mix) {
  record_all(text_, 2026y);
  VoicePack pack(dir_);
  const auto at = domain::local_instant(2026y / December / 19, hours(10) + minutes(2));
  ASSERT_TRUE(delete_fragment(dir_, "minute-02").ok());
  EXPECT_EQ(*pack.phrase2(text_, at, now_), nullptr);
  EXPECT_NE(*pack.phrase2(text_, at + minutes(1), now_), nullptr);
  EXPECT_EQ(*pack.phrase2("Вы записаны на приём %дата%, %время%.", at + minutes(1), now_), nullptr);
  EXPECT_EQ(*pack.phrase2("%ФИО%, приём %дата%", at + minutes(1), now_), nullptr);
}

}  // namespace
}  // namespace robocall::speech
