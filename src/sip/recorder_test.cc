#include "sip/recorder.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <future>

#include "audio/wav.h"

namespace robocall::sip {
namespace {

std::filesystem::path temp_path(const std::string& name) {
  const auto dir = std::filesystem::path(::testing::TempDir()) / "robocall_recorder_test";
  std::filesystem::create_directories(dir);
  return dir / name;
}

// Closes id and waits until the writer thread has run the close's callback.
void close_and_wait(Recorder& recorder, Recorder::Id id) {
  std::promise<void> closed;
  recorder.close(id, [&closed] { closed.set_value(); });
  closed.get_future().wait();
}

TEST(Recorder, writes_the_appended_buffers_in_order_as_stereo) {
  const auto path = temp_path("order.wav");
  Recorder recorder;
  const auto id = recorder.open(path);
  std::vector<std::int16_t> expected;
  for (int chunk = 0; chunk < 3; ++chunk) {
    auto buffer = recorder.buffer(400);
    for (int i = 0; i < 400; ++i) buffer.push_back(static_cast<std::int16_t>(chunk * 400 + i));
    expected.insert(expected.end(), buffer.begin(), buffer.end());
    recorder.append(id, std::move(buffer));
  }
  close_and_wait(recorder, id);
  auto pcm = audio::read_wav(path);
  ASSERT_TRUE(pcm.ok()) << pcm.error().message;
  EXPECT_EQ(pcm->channels, 2);
  EXPECT_EQ(pcm->samples, expected);
  EXPECT_EQ(recorder.failures(), 0u);
}

TEST(Recorder, hands_out_a_written_buffer_again_empty) {
  Recorder recorder;
  const auto id = recorder.open(temp_path("reuse.wav"));
  auto buffer = recorder.buffer(1000);
  buffer.assign(1000, 7);
  const std::int16_t* storage = buffer.data();
  recorder.append(id, std::move(buffer));
  close_and_wait(recorder, id);  // the append before it has been written
  auto again = recorder.buffer(10);
  EXPECT_TRUE(again.empty());
  EXPECT_EQ(again.data(), storage);
  EXPECT_GE(again.capacity(), 1000u);
}

}  // namespace
}  // namespace robocall::sip
