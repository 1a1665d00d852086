#include "speech/synthesizer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <thread>

#include "audio/level.h"
#include "domain/scoped_tz.h"
#include "speech/numerals.h"
#include "speech/phrase_cache.h"
#include "speech/phrase_renderer.h"
#include "speech/phrase_template.h"

namespace robocall::speech {
namespace {

using namespace std::chrono;

// espeak-ng allows one Synthesizer per process: the suite shares it.
class SynthesizerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto started = Synthesizer::start();
    ASSERT_TRUE(started.ok()) << started.error().message;
    synth_ = std::move(*started).release();
  }
  static void TearDownTestSuite() {
    delete synth_;
    synth_ = nullptr;
  }
  void SetUp() override { ASSERT_NE(synth_, nullptr); }

  static std::string filled(int phrase) {
    domain::Task task;
    task.appointment = sys_days(year(2027) / January / day(19)) + hours(7) + minutes(2);
    auto text =
        fill_template(default_phrase_text(phrase), task, sys_days(year(2027) / January / day(10)));
    EXPECT_TRUE(text.ok());
    return text.ok() ? *text : std::string();
  }

  static Synthesizer* synth_;
  domain::ScopedTz tz_{"MSK-3"};
};

Synthesizer* SynthesizerTest::synth_ = nullptr;

TEST_F(SynthesizerTest, renders_each_of_the_six_phrases_as_audible_8_khz_speech) {
  double first_rms = 0;
  for (int phrase = 1; phrase <= domain::kPhraseCount; ++phrase) {
    SCOPED_TRACE(phrase);
    auto pcm = synth_->render(filled(phrase)).get();
    ASSERT_TRUE(pcm.ok()) << pcm.error().message;
    EXPECT_EQ(pcm->sample_rate, 8000);
    EXPECT_EQ(pcm->channels, 1);
    EXPECT_GE(pcm->duration(), milliseconds(500));
    EXPECT_LE(pcm->duration(), milliseconds(8000));
    const double level = audio::speech_level(*pcm);
    EXPECT_GT(level, 1000);
    if (phrase == 1) first_rms = level;
    EXPECT_NEAR(level, first_rms, first_rms * 0.15) << "every phrase at one loudness";
  }
}

TEST_F(SynthesizerTest, trims_the_silence_at_both_ends) {
  auto pcm = synth_->render("Всего доброго.").get();
  ASSERT_TRUE(pcm.ok());
  const std::size_t margin = 8000 * 40 / 1000;
  auto loud = [](std::int16_t s) { return std::abs(s) > 200; };
  const auto first = std::find_if(pcm->samples.begin(), pcm->samples.end(), loud);
  const auto last = std::find_if(pcm->samples.rbegin(), pcm->samples.rend(), loud);
  EXPECT_LE(static_cast<std::size_t>(first - pcm->samples.begin()), margin);
  EXPECT_LE(static_cast<std::size_t>(last - pcm->samples.rbegin()), margin);
}

TEST_F(SynthesizerTest, the_phonemes_of_the_filled_reminder_are_those_of_the_words) {
  const std::string text = filled(domain::kReminderPhrase);
  EXPECT_EQ(text.find_first_of("0123456789"), std::string::npos) << text;
  auto phonemes = synth_->phonemes(text).get();
  ASSERT_TRUE(phonemes.ok()) << phonemes.error().message;
  EXPECT_EQ(phonemes->find_first_of("0123456789"), std::string::npos) << *phonemes;
  for (std::string_view words : {"девятнадцатого января", "в десять часов две минуты"}) {
    auto expected = synth_->phonemes(std::string(words)).get();
    ASSERT_TRUE(expected.ok());
    EXPECT_NE(phonemes->find(*expected), std::string::npos)
        << "phrase: " << *phonemes << "\nwords: " << *expected;
  }
  auto digits = synth_->phonemes("19.01 10:02").get();
  ASSERT_TRUE(digits.ok());
  auto day_words = synth_->phonemes("девятнадцатого").get();
  ASSERT_TRUE(day_words.ok());
  EXPECT_EQ(digits->find(*day_words), std::string::npos) << "espeak-ng alone reads digits badly";
}

TEST_F(SynthesizerTest, serves_requests_posted_from_many_threads) {
  std::vector<std::thread> threads;
  std::vector<Result<audio::Pcm>> results(4, Error::internal("not run"));
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back(
        [i, &results] { results[i] = synth_->render("Номер " + cardinal(i + 1)).get(); });
  }
  for (auto& t : threads) t.join();
  for (const auto& r : results) {
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_GT(r->frames(), 1000u);
  }
}

TEST_F(SynthesizerTest, refuses_empty_text_and_a_second_synthesizer) {
  auto empty = synth_->render("  ").get();
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().code, Errc::kInvalidArgument);
  auto second = Synthesizer::start();
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().code, Errc::kConflict);
  auto bad = Synthesizer::start(VoiceSettings{.voice = "ru", .rate_wpm = 10, .pitch = 50});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, Errc::kInvalidArgument);
}

TEST_F(SynthesizerTest, the_renderer_serves_the_second_request_from_the_cache) {
  const auto dir = std::filesystem::path(::testing::TempDir()) / "robocall_renderer_cache";
  std::filesystem::remove_all(dir);
  const std::string text = filled(domain::kConfirmedPhrase);
  std::shared_ptr<const audio::Pcm> first;
  {
    PhraseCache cache(dir);
    PhraseRenderer renderer(*synth_, cache);
    auto a = renderer.render(text);
    ASSERT_TRUE(a.ok());
    auto b = renderer.render(text);
    ASSERT_TRUE(b.ok());
    EXPECT_EQ(a->get(), b->get());
    first = *a;
  }
  PhraseCache after_restart(dir);
  auto from_disk = after_restart.find(text, synth_->settings().key());
  ASSERT_NE(from_disk, nullptr);
  EXPECT_EQ(from_disk->samples, first->samples);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace robocall::speech
