#include "audio/wav_writer.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "audio/atomic_file.h"
#include "audio/wav.h"

namespace robocall::audio {
namespace {

class WavWriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::path(::testing::TempDir()) /
           ("robocall_wav_writer_" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
};

TEST_F(WavWriterTest, streams_many_appends_into_a_file_read_back_whole) {
  std::vector<std::int16_t> expected;
  {
    auto writer = WavWriter::create(dir_ / "call.wav", 8000, 1);
    ASSERT_TRUE(writer.ok()) << writer.error().message;
    for (int block = 0; block < 100; ++block) {
      std::vector<std::int16_t> frame(160);
      for (int i = 0; i < 160; ++i) frame[i] = static_cast<std::int16_t>(block * 160 + i);
      expected.insert(expected.end(), frame.begin(), frame.end());
      ASSERT_TRUE(writer->append(frame).ok());
    }
    ASSERT_TRUE(writer->close().ok());
    EXPECT_EQ(writer->frames_written(), 16000u);
  }
  auto bytes = read_file(dir_ / "call.wav");
  ASSERT_TRUE(bytes.ok());
  ASSERT_EQ(bytes->size(), 44u + 32000u);
  EXPECT_EQ((*bytes)[40] | ((*bytes)[41] << 8) | ((*bytes)[42] << 16), 32000);
  auto pcm = decode_wav(*bytes);
  ASSERT_TRUE(pcm.ok()) << pcm.error().message;
  EXPECT_EQ(pcm->samples, expected);
}

TEST_F(WavWriterTest, large_blocks_between_small_appends_keep_every_sample_in_order) {
  std::vector<std::int16_t> expected;
  {
    auto writer = WavWriter::create(dir_ / "mixed.wav", 8000, 2);
    ASSERT_TRUE(writer.ok()) << writer.error().message;
    // Small (buffered), large (written at once), small, large, small.
    for (const std::size_t size : {320u, 16000u, 4u, 9000u, 640u}) {
      std::vector<std::int16_t> block(size);
      for (std::size_t i = 0; i < size; ++i)
        block[i] = static_cast<std::int16_t>(expected.size() + i - 20000);
      expected.insert(expected.end(), block.begin(), block.end());
      ASSERT_TRUE(writer->append(block).ok());
    }
    ASSERT_TRUE(writer->close().ok());
    EXPECT_EQ(writer->frames_written(), expected.size() / 2);
  }
  auto pcm = read_wav(dir_ / "mixed.wav");
  ASSERT_TRUE(pcm.ok()) << pcm.error().message;
  EXPECT_EQ(pcm->samples, expected);
}

TEST_F(WavWriterTest, destructor_closes_and_patches_the_sizes) {
  {
    auto writer = WavWriter::create(dir_ / "d.wav", 16000, 2);
    ASSERT_TRUE(writer.ok());
    std::vector<std::int16_t> frames = {1, 2, 3, 4};
    ASSERT_TRUE(writer->append(frames).ok());
  }
  auto bytes = read_file(dir_ / "d.wav");
  ASSERT_TRUE(bytes.ok());
  EXPECT_EQ((*bytes)[40], 8);
  auto pcm = decode_wav(*bytes);
  ASSERT_TRUE(pcm.ok());
  EXPECT_EQ(pcm->channels, 2);
  EXPECT_EQ(pcm->samples, (std::vector<std::int16_t>{1, 2, 3, 4}));
}

TEST_F(WavWriterTest, a_moved_writer_keeps_writing_the_same_file) {
  auto created = WavWriter::create(dir_ / "m.wav", 8000, 1);
  ASSERT_TRUE(created.ok());
  WavWriter writer = std::move(*created);
  std::vector<std::int16_t> s = {42};
  ASSERT_TRUE(writer.append(s).ok());
  ASSERT_TRUE(writer.close().ok());
  ASSERT_TRUE(writer.close().ok());
  auto pcm = read_wav(dir_ / "m.wav");
  ASSERT_TRUE(pcm.ok());
  EXPECT_EQ(pcm->samples, s);
}

TEST_F(WavWriterTest, refuses_appends_after_close_and_partial_frames) {
  auto writer = WavWriter::create(dir_ / "c.wav", 8000, 2);
  ASSERT_TRUE(writer.ok());
  std::vector<std::int16_t> odd = {1, 2, 3};
  EXPECT_EQ(writer->append(odd).error().code, Errc::kInvalidArgument);
  ASSERT_TRUE(writer->close().ok());
  std::vector<std::int16_t> pair = {1, 2};
  EXPECT_EQ(writer->append(pair).error().code, Errc::kInvalidArgument);
}

TEST_F(WavWriterTest, rejects_bad_parameters_and_unwritable_paths) {
  EXPECT_EQ(WavWriter::create(dir_ / "x.wav", 0, 1).error().code, Errc::kInvalidArgument);
  EXPECT_EQ(WavWriter::create(dir_ / "x.wav", 8000, 0).error().code, Errc::kInvalidArgument);
  EXPECT_EQ(WavWriter::create(dir_ / "no" / "x.wav", 8000, 1).error().code, Errc::kIoError);
}

TEST_F(WavWriterTest, a_file_whose_writer_never_closed_is_readable) {
  auto writer = WavWriter::create(dir_ / "k.wav", 8000, 1);
  ASSERT_TRUE(writer.ok());
  std::vector<std::int16_t> samples(40000, 7);  // more than one flush
  ASSERT_TRUE(writer->append(samples).ok());
  auto pcm = read_wav(dir_ / "k.wav");  // sizes still zero, as after a kill
  ASSERT_TRUE(pcm.ok()) << pcm.error().message;
  EXPECT_GE(pcm->samples.size(), 32768u);
  EXPECT_EQ(pcm->samples.front(), 7);
}

}  // namespace
}  // namespace robocall::audio
