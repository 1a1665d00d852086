#include "store/recording_file.h"

#include <gtest/gtest.h>

#include <fstream>

#include "store/test_db.h"

namespace robocall::store {
namespace {

TEST(RecordingFile, the_folder_is_the_configured_share_else_the_data_folders_recordings) {
  EXPECT_EQ(recordings_folder("/var/lib/robocall", ""), "/var/lib/robocall/recordings");
  EXPECT_EQ(recordings_folder("/var/lib/robocall", "/mnt/robocall"), "/mnt/robocall");
}

TEST(RecordingFile, a_file_inside_the_folder_is_stored_relative_to_it_one_outside_as_given) {
  struct Case {
    const char* dir;
    const char* file;
    const char* stored;
  };
  for (const auto& c :
       {Case{"/mnt/rec", "/mnt/rec/2026-12-06/42.wav", "2026-12-06/42.wav"},
        Case{"/mnt/rec/", "/mnt/rec/2026-12-06/42.wav", "2026-12-06/42.wav"},
        Case{"data/recordings", "data/recordings/2026-12-06/7.wav", "2026-12-06/7.wav"},
        Case{"/mnt/rec", "/var/lib/robocall/recordings/2026-12-06/42.wav",
             "/var/lib/robocall/recordings/2026-12-06/42.wav"},
        Case{"/mnt/rec", "/mnt/record/1.wav", "/mnt/record/1.wav"}}) {
    EXPECT_EQ(stored_recording(c.dir, c.file), c.stored) << c.dir << " " << c.file;
  }
}

TEST(RecordingFile, a_relative_value_is_under_the_folder_and_never_leaves_it) {
  EXPECT_EQ(recording_file("/mnt/rec", "2026-12-06/42.wav"), "/mnt/rec/2026-12-06/42.wav");
  EXPECT_EQ(recording_file("/mnt/rec", "../etc/passwd"), "");
  EXPECT_EQ(recording_file("/mnt/rec", "2026-12-06/../../x.wav"), "");
  EXPECT_EQ(recording_file("/mnt/rec", ""), "");
}

TEST(RecordingFile, an_absolute_value_is_served_as_it_is_or_from_the_same_day_folder_of_the_share) {
  TempDir dir;
  const auto old_data = dir.path() / "old" / "recordings" / "2026-11-27";
  const auto share = dir.path() / "share";
  std::filesystem::create_directories(old_data);
  std::filesystem::create_directories(share / "2026-11-27");
  std::ofstream(old_data / "1.wav") << "RIFF";
  std::ofstream(share / "2026-11-27" / "2.wav") << "RIFF";
  EXPECT_EQ(recording_file(share, (old_data / "1.wav").string()), old_data / "1.wav");
  EXPECT_EQ(recording_file(share, (old_data / "2.wav").string()), share / "2026-11-27" / "2.wav")
      << "moved onto the share";
  EXPECT_EQ(recording_file(share, (old_data / "3.wav").string()), old_data / "3.wav")
      << "gone everywhere: the value as it is";
}

}  // namespace
}  // namespace robocall::store
