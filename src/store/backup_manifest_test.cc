#include "store/backup_manifest.h"

#include <gtest/gtest.h>

#include <string>

namespace robocall::store {
namespace {

const std::string kSha(64, 'a');

Manifest sample() {
  Manifest m;
  m.created_at = 1'765'000'000;
  m.schema_version = 11;
  m.files = {{"robocall.db", {4096, kSha}},
             {"recordings/2026-12-06/7.wav", {44, std::string(64, '0')}},
             {"phrases/recorded-1.wav", {100, std::string(64, 'f')}}};
  return m;
}

TEST(BackupManifest, reads_back_what_it_writes) {
  EXPECT_EQ(parse_manifest(format_manifest(sample())).value(), sample());
}

struct PathCase {
  const char* path;
  bool allowed;
};

class BackupPaths : public ::testing::TestWithParam<PathCase> {};

TEST_P(BackupPaths, only_the_database_recordings_and_phrases_inside_the_folder_are_allowed) {
  EXPECT_EQ(is_backup_path(GetParam().path), GetParam().allowed) << GetParam().path;
}

INSTANTIATE_TEST_SUITE_P(
    Table, BackupPaths,
    ::testing::Values(PathCase{"robocall.db", true}, PathCase{"recordings/2026-12-06/7.wav", true},
                      PathCase{"phrases/recorded-1.wav", true}, PathCase{"phrases/ab12.wav", true},
                      PathCase{"voice/day-01.wav", true}, PathCase{"voice/day-01.txt", true},
                      PathCase{"voice/a/b.wav", false}, PathCase{"/etc/passwd", false},
                      PathCase{"../robocall.db", false},
                      PathCase{"recordings/../../x/7.wav", false},
                      PathCase{"recordings/2026-12-06/..", false},
                      PathCase{"recordings/7.wav", false}, PathCase{"phrases/a/b.wav", false},
                      PathCase{"phrases/", false}, PathCase{"phrases//x", false},
                      PathCase{"secret.key", false}, PathCase{"phrases/a\\b", false},
                      PathCase{"", false}));

struct BadCase {
  const char* name;
  std::string text;
};

class BadManifests : public ::testing::TestWithParam<BadCase> {};

TEST_P(BadManifests, are_refused_as_corrupt_with_a_russian_message) {
  auto parsed = parse_manifest(GetParam().text);
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().code, Errc::kCorrupt);
  EXPECT_NE(parsed.error().message.find("повреждён"), std::string::npos);
}

std::string with_files(const std::string& files) {
  return R"({"format":"robocall-backup-1","created_at":1,"schema_version":11,"files":[)" + files +
         "]}";
}

std::string file(const std::string& path, const std::string& sha = std::string(64, 'a')) {
  return R"({"path":")" + path + R"(","size":1,"sha256":")" + sha + R"("})";
}

INSTANTIATE_TEST_SUITE_P(
    Table, BadManifests,
    ::testing::Values(
        BadCase{"not_json", "{"}, BadCase{"an_array", "[]"},
        BadCase{"another_format",
                R"({"format":"tar","created_at":1,"schema_version":1,"files":[]})"},
        BadCase{"no_files", R"({"format":"robocall-backup-1","created_at":1,"schema_version":1})"},
        BadCase{"no_database", with_files(file("phrases/a.wav"))},
        BadCase{"a_path_outside", with_files(file("robocall.db") + "," + file("../etc/x"))},
        BadCase{"a_short_checksum", with_files(file("robocall.db", "abc"))},
        BadCase{"an_upper_case_checksum", with_files(file("robocall.db", std::string(64, 'A')))},
        BadCase{"a_path_twice", with_files(file("robocall.db") + "," + file("robocall.db"))},
        BadCase{"a_negative_size", with_files(R"({"path":"robocall.db","size":-1,"sha256":")" +
                                              std::string(64, 'a') + R"("})")}),
    [](const auto& info) { return std::string(info.param.name); });

struct StoredCase {
  const char* stored;
  const char* relative;  // "" for none
};

class StoredPaths : public ::testing::TestWithParam<StoredCase> {};

TEST_P(StoredPaths, a_stored_file_path_maps_to_its_place_under_the_data_folder) {
  const auto rel = data_relative_path(GetParam().stored);
  EXPECT_EQ(rel.value_or(""), GetParam().relative) << GetParam().stored;
}

INSTANTIATE_TEST_SUITE_P(
    Table, StoredPaths,
    ::testing::Values(StoredCase{"data/recordings/2026-12-06/7.wav", "recordings/2026-12-06/7.wav"},
                      StoredCase{"/var/lib/robocall/recordings/2026-12-06/7.wav",
                                 "recordings/2026-12-06/7.wav"},
                      StoredCase{"/srv/phrases/recorded-3.wav", "phrases/recorded-3.wav"},
                      StoredCase{"recordings/7.wav", ""}, StoredCase{"/tmp/other.wav", ""},
                      StoredCase{"", ""}));

}  // namespace
}  // namespace robocall::store
