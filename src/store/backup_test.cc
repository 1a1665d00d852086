#include "store/backup.h"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>

#include "store/backup_manifest.h"
#include "store/recording_file.h"
#include "store/schema.h"
#include "store/test_db.h"

namespace robocall::store {
namespace {

const domain::Instant kNow{std::chrono::seconds(1'765'000'000)};

std::string read_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write_bytes(const std::filesystem::path& path, std::string_view bytes) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

// A data folder as serve leaves it: a database whose attempts name finished
// recordings, a recorded phrase, a phrase in the cache, and a recording
// still being written that no attempt names yet.
class Backups : public ::testing::Test {
 protected:
  void SetUp() override {
    std::filesystem::create_directories(data_);
    auto opened = open_database(db_path_);
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    db_ = std::move(*opened);
    ASSERT_TRUE(db_.exec("INSERT INTO tasks(id, phone, full_name, appointment, birth_date,"
                         " created_at, updated_at) VALUES (1, '9161234567', 'Иванов Иван', 2, "
                         "'1980-01-01', 1, 1)")
                    .ok());
    add_recording(1, "first call");
    add_recording(2, "second call");
    const auto phrase = data_ / "phrases" / "recorded-1.wav";
    write_bytes(phrase, "phrase one");
    ASSERT_TRUE(
        db_.exec("INSERT INTO phrases(number, text, recording, updated_at) VALUES (1, 'x', '" +
                 phrase.string() + "', 1)")
            .ok());
    write_bytes(data_ / "phrases" / "0123abcd.wav", "cached phrase");
    write_bytes(data_ / "recordings" / "2026-12-06" / "99.wav", "still being written");
  }

  void add_recording(int number, std::string_view bytes) {
    const auto file = data_ / "recordings" / "2026-12-06" / (std::to_string(number) + ".wav");
    write_bytes(file, bytes);
    ASSERT_TRUE(db_.exec("INSERT INTO attempts(task_id, number, started_at, ended_at, outcome,"
                         " recording) VALUES (1, " +
                         std::to_string(number) + ", 1, 2, 'no_input', '" + file.string() + "')")
                    .ok());
  }

  BackupReport back_up_now() {
    auto report = back_up(db_path_, data_, data_ / "recordings", backup_, kNow);
    EXPECT_TRUE(report.ok()) << report.error().message;
    return report.ok() ? *report : BackupReport{};
  }

  TempDir dir_;
  std::filesystem::path data_ = dir_.file("data");
  std::filesystem::path db_path_ = data_ / "robocall.db";
  std::filesystem::path backup_ = dir_.file("backup");
  std::filesystem::path restored_ = dir_.file("restored");
  Connection db_;
};

TEST_F(Backups, restore_brings_back_the_database_and_every_finished_file_byte_for_byte) {
  const auto report = back_up_now();
  EXPECT_EQ(report.schema_version, latest_schema_version());
  EXPECT_EQ(report.copied, 4);  // two recordings, two phrase files
  auto restored = restore(backup_, restored_ / "robocall.db", restored_);
  ASSERT_TRUE(restored.ok()) << restored.error().message;
  EXPECT_EQ(restored->files, 4);

  auto copy = Connection::open(restored_ / "robocall.db", false).value();
  EXPECT_EQ(integrity_check(copy), "ok");
  EXPECT_EQ(copy.query_int("SELECT count(*) FROM attempts").value(), 2);
  auto names =
      copy.prepare("SELECT recording FROM attempts UNION ALL SELECT recording FROM phrases")
          .value();
  int files = 0;
  while (names.step().value()) {
    const std::filesystem::path file = names.column_text(0);
    EXPECT_TRUE(file.string().starts_with(restored_.string())) << file;
    const auto rel = std::filesystem::relative(file, restored_);
    EXPECT_EQ(read_bytes(file), read_bytes(data_ / rel)) << rel;
    ++files;
  }
  EXPECT_EQ(files, 3);
  EXPECT_EQ(read_bytes(restored_ / "phrases" / "0123abcd.wav"), "cached phrase");
  EXPECT_FALSE(std::filesystem::exists(backup_ / "recordings" / "2026-12-06" / "99.wav"));
  EXPECT_FALSE(std::filesystem::exists(restored_ / "recordings" / "2026-12-06" / "99.wav"));
}

TEST_F(Backups, a_second_backup_copies_only_the_new_recordings_and_the_changed_phrases) {
  back_up_now();
  add_recording(3, "third call");
  write_bytes(data_ / "phrases" / "recorded-1.wav", "phrase one, recorded again");
  const auto second = back_up_now();
  EXPECT_EQ(second.copied, 2);
  EXPECT_EQ(second.kept, 3);
  auto manifest = parse_manifest(read_bytes(backup_ / kManifestName)).value();
  EXPECT_EQ(manifest.files.size(), 6u);
  ASSERT_TRUE(restore(backup_, restored_ / "robocall.db", restored_).ok());
  EXPECT_EQ(read_bytes(restored_ / "phrases" / "recorded-1.wav"), "phrase one, recorded again");
  EXPECT_EQ(read_bytes(restored_ / "recordings" / "2026-12-06" / "3.wav"), "third call");
}

TEST_F(Backups, a_backup_clears_the_database_copy_a_killed_backup_left) {
  write_bytes(backup_ / "robocall.db.tmp.12345", "half a database");
  back_up_now();
  EXPECT_FALSE(std::filesystem::exists(backup_ / "robocall.db.tmp.12345"));
  EXPECT_TRUE(std::filesystem::exists(backup_ / "robocall.db"));
}

TEST_F(Backups, a_backup_does_not_wait_for_a_writer_and_leaves_out_what_it_has_not_committed) {
  auto writer = Connection::open(db_path_, false).value();
  auto tx = Transaction::begin(writer).value();
  ASSERT_TRUE(writer.exec("DELETE FROM attempts").ok());
  back_up_now();
  ASSERT_TRUE(restore(backup_, restored_ / "robocall.db", restored_).ok());
  auto copy = Connection::open(restored_ / "robocall.db", false).value();
  EXPECT_EQ(copy.query_int("SELECT count(*) FROM attempts").value(), 2);
}

TEST_F(Backups, a_postgresql_database_is_refused_both_ways_with_what_to_use_instead) {
  const std::filesystem::path server = "postgresql:///robocall?host=/nowhere";
  auto backed = back_up(server, data_, data_ / "recordings", backup_, kNow);
  ASSERT_FALSE(backed.ok());
  EXPECT_EQ(backed.error().code, Errc::kInvalidArgument);
  EXPECT_NE(backed.error().message.find("pg_dump"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(backup_));
  back_up_now();
  auto restored = restore(backup_, server, restored_);
  ASSERT_FALSE(restored.ok());
  EXPECT_NE(restored.error().message.find("pg_dump"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(restored_));
}

TEST_F(Backups, restore_refuses_a_data_folder_that_is_not_empty_and_changes_nothing) {
  back_up_now();
  write_bytes(restored_ / "notes.txt", "mine");
  auto restored = restore(backup_, dir_.file("elsewhere.db"), restored_);
  ASSERT_FALSE(restored.ok());
  EXPECT_EQ(restored.error().code, Errc::kConflict);
  EXPECT_NE(restored.error().message.find("не пуст"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(dir_.file("elsewhere.db")));
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(restored_),
                          std::filesystem::directory_iterator()),
            1);
}

TEST_F(Backups, restore_refuses_an_existing_database_file_and_changes_nothing) {
  back_up_now();
  auto restored = restore(backup_, db_path_, restored_);
  ASSERT_FALSE(restored.ok());
  EXPECT_EQ(restored.error().code, Errc::kConflict);
  EXPECT_FALSE(std::filesystem::exists(restored_));
}

TEST_F(Backups, restore_refuses_a_damaged_file_before_writing_anything) {
  back_up_now();
  write_bytes(backup_ / "recordings" / "2026-12-06" / "2.wav", "second cal!");
  auto restored = restore(backup_, restored_ / "robocall.db", restored_);
  ASSERT_FALSE(restored.ok());
  EXPECT_EQ(restored.error().code, Errc::kCorrupt);
  EXPECT_NE(restored.error().message.find("recordings/2026-12-06/2.wav"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(restored_));
}

TEST_F(Backups, restore_refuses_a_database_of_a_newer_version_and_changes_nothing) {
  back_up_now();
  {
    auto copy = Connection::open(backup_ / "robocall.db", false).value();
    ASSERT_TRUE(
        copy.exec("PRAGMA user_version = " + std::to_string(latest_schema_version() + 1)).ok());
  }
  auto manifest = parse_manifest(read_bytes(backup_ / kManifestName)).value();
  for (auto& f : manifest.files)
    if (f.path == kBackupDatabaseName) f.digest = digest_file(backup_ / "robocall.db").value();
  write_bytes(backup_ / kManifestName, format_manifest(manifest));
  auto restored = restore(backup_, restored_ / "robocall.db", restored_);
  ASSERT_FALSE(restored.ok());
  EXPECT_EQ(restored.error().code, Errc::kConflict);
  EXPECT_NE(restored.error().message.find("более новой версией"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(restored_));
}

TEST_F(Backups, restore_refuses_a_folder_without_a_manifest) {
  auto restored = restore(dir_.file("nothing"), restored_ / "robocall.db", restored_);
  ASSERT_FALSE(restored.ok());
  EXPECT_EQ(restored.error().code, Errc::kNotFound);
  EXPECT_FALSE(std::filesystem::exists(restored_));
}

TEST_F(Backups, a_backup_of_a_file_that_is_not_ours_is_refused) {
  write_bytes(dir_.file("other.db"), "");
  auto other = Connection::open(dir_.file("other.db"), false).value();
  ASSERT_TRUE(other.exec("CREATE TABLE t(x)").ok());
  auto report = back_up(dir_.file("other.db"), data_, data_ / "recordings", backup_, kNow);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.error().code, Errc::kCorrupt);
  EXPECT_FALSE(std::filesystem::exists(backup_ / kManifestName));
}

TEST_F(Backups, recordings_on_a_share_are_backed_up_and_restored_under_the_new_data_folder) {
  const auto share = dir_.file("share");
  write_bytes(share / "2026-12-07" / "3.wav", "shared call");
  ASSERT_TRUE(db_.exec("INSERT INTO attempts(task_id, number, started_at, ended_at, outcome,"
                       " recording) VALUES (1, 3, 1, 2, 'no_input', '2026-12-07/3.wav')")
                  .ok());
  auto report = back_up(db_path_, data_, share, backup_, kNow);
  ASSERT_TRUE(report.ok()) << report.error().message;
  EXPECT_EQ(report->copied, 5) << "three recordings (two by their older absolute paths)";
  EXPECT_EQ(read_bytes(backup_ / "recordings" / "2026-12-07" / "3.wav"), "shared call");

  ASSERT_TRUE(restore(backup_, restored_ / "robocall.db", restored_).ok());
  auto copy = Connection::open(restored_ / "robocall.db", false).value();
  auto stored = copy.prepare("SELECT recording FROM attempts WHERE number = 3").value();
  ASSERT_TRUE(stored.step().value());
  EXPECT_EQ(stored.column_text(0), "2026-12-07/3.wav");
  EXPECT_EQ(read_bytes(recording_file(recordings_folder(restored_, ""), stored.column_view(0))),
            "shared call");
}

}  // namespace
}  // namespace robocall::store
