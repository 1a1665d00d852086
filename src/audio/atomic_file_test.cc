#include "audio/atomic_file.h"

#include <gtest/gtest.h>

namespace robocall::audio {
namespace {

class AtomicFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::path(::testing::TempDir()) /
           ("robocall_atomic_" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
};

TEST_F(AtomicFileTest, replaces_the_file_whole_in_both_durabilities_and_leaves_no_temporary) {
  const std::vector<std::uint8_t> first = {1, 2, 3};
  const std::vector<std::uint8_t> second = {4, 5};
  for (Durability d : {Durability::kFsync, Durability::kNoFsync}) {
    ASSERT_TRUE(write_file_atomically(dir_ / "f", first, d).ok());
    ASSERT_TRUE(write_file_atomically(dir_ / "f", second, d).ok());
    EXPECT_EQ(read_file(dir_ / "f").value(), second);
  }
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir_), {}), 1);
}

TEST_F(AtomicFileTest, a_failed_write_reports_an_io_error_and_keeps_the_old_file) {
  const std::vector<std::uint8_t> old = {9};
  ASSERT_TRUE(write_file_atomically(dir_ / "keep", old).ok());
  std::filesystem::create_directories(dir_ / "dir_in_the_way");
  const std::vector<std::uint8_t> fresh = {1};
  auto st = write_file_atomically(dir_ / "dir_in_the_way", fresh);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().code, Errc::kIoError);
  EXPECT_EQ(write_file_atomically(dir_ / "missing" / "f", fresh).error().code, Errc::kIoError);
  EXPECT_EQ(read_file(dir_ / "keep").value(), old);
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir_), {}), 2);
}

}  // namespace
}  // namespace robocall::audio
