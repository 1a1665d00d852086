#include "speech/phrase_cache.h"

#include <gtest/gtest.h>

#include <fstream>

#include "audio/wav.h"

namespace robocall::speech {
namespace {

class PhraseCacheTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::path(::testing::TempDir()) /
           ("robocall_phrase_cache_" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    std::filesystem::remove_all(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  static std::shared_ptr<const audio::Pcm> pcm_of(std::size_t n, std::int16_t v) {
    return std::make_shared<const audio::Pcm>(
        audio::Pcm{.sample_rate = 8000, .channels = 1, .samples = std::vector<std::int16_t>(n, v)});
  }
  std::filesystem::path dir_;
};

TEST_F(PhraseCacheTest, returns_the_stored_audio_for_the_same_text_and_voice_only) {
  PhraseCache cache;
  auto pcm = pcm_of(10, 5);
  ASSERT_TRUE(cache.store("Привет", "ru|150", pcm).ok());
  EXPECT_EQ(cache.find("Привет", "ru|150"), pcm);
  EXPECT_EQ(cache.find("Привет", "ru|160"), nullptr);
  EXPECT_EQ(cache.find("Привет!", "ru|150"), nullptr);
}

TEST_F(PhraseCacheTest, a_new_cache_on_the_same_folder_finds_what_an_old_one_stored) {
  {
    PhraseCache cache(dir_);
    ASSERT_TRUE(cache.store("Ваш приём подтверждён.", "ru|150", pcm_of(800, 1234)).ok());
  }
  PhraseCache restarted(dir_);
  auto found = restarted.find("Ваш приём подтверждён.", "ru|150");
  ASSERT_NE(found, nullptr);
  EXPECT_EQ(found->samples, std::vector<std::int16_t>(800, 1234));
  EXPECT_EQ(restarted.memory_entries(), 1u);
  EXPECT_TRUE(
      std::filesystem::exists(dir_ / PhraseCache::file_name("Ваш приём подтверждён.", "ru|150")));
}

TEST_F(PhraseCacheTest, drops_the_least_recently_used_entries_past_the_memory_budget) {
  PhraseCache cache({}, 3000);  // bytes: room for one 1000-sample phrase, not two
  ASSERT_TRUE(cache.store("a", "v", pcm_of(1000, 1)).ok());
  ASSERT_TRUE(cache.store("b", "v", pcm_of(1000, 2)).ok());
  EXPECT_EQ(cache.memory_entries(), 1u);
  EXPECT_EQ(cache.find("a", "v"), nullptr);
  EXPECT_NE(cache.find("b", "v"), nullptr);
}

TEST_F(PhraseCacheTest, treats_a_damaged_or_foreign_file_as_a_miss) {
  std::filesystem::create_directories(dir_);
  std::ofstream(dir_ / PhraseCache::file_name("x", "v")) << "not a wav";
  ASSERT_TRUE(audio::write_wav(dir_ / PhraseCache::file_name("y", "v"),
                               audio::Pcm{.sample_rate = 44100, .channels = 2, .samples = {1, 2}})
                  .ok());
  PhraseCache cache(dir_);
  EXPECT_EQ(cache.find("x", "v"), nullptr);
  EXPECT_EQ(cache.find("y", "v"), nullptr);
}

TEST_F(PhraseCacheTest, treats_a_file_torn_by_a_power_cut_as_a_miss) {
  {
    PhraseCache cache(dir_);
    ASSERT_TRUE(cache.store("z", "v", pcm_of(800, 99)).ok());
  }
  const auto path = dir_ / PhraseCache::file_name("z", "v");
  std::filesystem::resize_file(path, 44 + 800);
  PhraseCache restarted(dir_);
  EXPECT_EQ(restarted.find("z", "v"), nullptr);
}

TEST(PhraseCacheFileName, is_stable_hex_and_differs_by_voice) {
  const std::string a = PhraseCache::file_name("Привет", "ru|150");
  EXPECT_EQ(a, PhraseCache::file_name("Привет", "ru|150"));
  EXPECT_NE(a, PhraseCache::file_name("Привет", "ru|151"));
  EXPECT_EQ(a.size(), 36u);
  EXPECT_EQ(a.substr(32), ".wav");
  EXPECT_EQ(a.find_first_not_of("0123456789abcdef"), 32u);
}

}  // namespace
}  // namespace robocall::speech
