#include "dialer/recordings.h"

#include <gtest/gtest.h>

#include <fstream>

#include "domain/scoped_tz.h"
#include "store/recording_file.h"
#include "store/schema.h"
#include "store/tasks_repo.h"
#include "store/test_db.h"

namespace robocall::dialer {
namespace {

using domain::CallOutcome;
using domain::Instant;
using std::chrono::days;
using std::chrono::hours;

const Instant kNow{std::chrono::sys_days{std::chrono::year{2026} / 3 / 10} + hours{9}};

class MoscowTime : public ::testing::Test {
 protected:
  domain::ScopedTz tz_{"Europe/Moscow"};
};

TEST_F(MoscowTime, a_recording_lives_in_the_folder_of_its_local_day) {
  // 22:30 UTC on 9 March is 01:30 on 10 March in Moscow.
  const Instant late{std::chrono::sys_days{std::chrono::year{2026} / 3 / 9} + hours{22} +
                     std::chrono::minutes{30}};
  EXPECT_EQ(recording_path("/data/recordings", late, 42), "/data/recordings/2026-03-10/42.wav");
  EXPECT_EQ(recording_path("/mnt/share", kNow, 7), "/mnt/share/2026-03-10/7.wav");
}

class PurgeTest : public MoscowTime {
 protected:
  void SetUp() override { db_ = store::open_database(dir_.file("purge.db")).value(); }

  // A finished answered attempt that ended at `ended`, with its file written.
  std::int64_t recorded_call(Instant ended) {
    domain::Task t;
    t.phone = "916" + std::to_string(1000000 + ++count_);
    t.full_name = "Пациент";
    t.appointment = kNow + days{30};
    t.birth_date = std::chrono::year{1980} / 1 / 1;
    t.next_attempt = ended - hours{1};
    const std::vector<domain::Task> one{t};
    store::TasksRepo(db_).insert(one, std::nullopt, ended - hours{2}).value();
    store::AttemptsRepo attempts(db_);
    auto claim = attempts.claim_due(ended - std::chrono::minutes{1}, 1).value().at(0);
    const auto file = recording_path(dir_.path(), claim.attempt.started, claim.attempt.id);
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file) << "RIFF";
    store::AttemptResult r;
    r.attempt_id = claim.attempt.id;
    r.outcome = CallOutcome::kConfirmed;
    r.sip_code = 200;
    r.ended = ended;
    r.recording = store::stored_recording(dir_.path(), file);  // as the dialer stores it
    r.task.state = domain::TaskState::kConfirmed;
    r.task.attempts = 1;
    EXPECT_TRUE(attempts.finish(r).ok());
    return claim.attempt.id;
  }

  store::TempDir dir_;
  store::Connection db_;
  int count_ = 0;
};

TEST_F(PurgeTest, deletes_files_and_references_older_than_the_cut_and_keeps_the_rest) {
  const auto old_id = recorded_call(kNow - days{10});
  const auto new_id = recorded_call(kNow - days{1});
  const auto old_file =
      recording_path(dir_.path(), kNow - days{10} - std::chrono::minutes{1}, old_id);
  const auto new_file =
      recording_path(dir_.path(), kNow - days{1} - std::chrono::minutes{1}, new_id);
  ASSERT_TRUE(std::filesystem::exists(old_file));

  store::AttemptsRepo attempts(db_);
  auto report = purge_recordings(attempts, dir_.path(), kNow - days{7});
  ASSERT_TRUE(report.ok()) << report.error().message;
  EXPECT_EQ(report->deleted, 1);
  EXPECT_EQ(report->failed, 0);
  EXPECT_FALSE(std::filesystem::exists(old_file));
  EXPECT_FALSE(std::filesystem::exists(old_file.parent_path())) << "empty day folder removed";
  EXPECT_TRUE(std::filesystem::exists(new_file));
  EXPECT_TRUE(attempts.recordings_before(kNow - days{7}, 10).value().empty());
  EXPECT_EQ(attempts.recordings_before(kNow, 10).value().size(), 1u);
}

TEST_F(PurgeTest, clears_the_reference_of_a_file_already_gone) {
  const auto id = recorded_call(kNow - days{10});
  std::filesystem::remove(
      recording_path(dir_.path(), kNow - days{10} - std::chrono::minutes{1}, id));
  store::AttemptsRepo attempts(db_);
  auto report = purge_recordings(attempts, dir_.path(), kNow - days{7});
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->deleted, 1);
  EXPECT_TRUE(attempts.recordings_before(kNow, 10).value().empty());
}

TEST_F(PurgeTest, several_nodes_purging_the_same_recordings_all_succeed) {
  const auto id = recorded_call(kNow - days{10});
  const auto file = recording_path(dir_.path(), kNow - days{10} - std::chrono::minutes{1}, id);
  // Another node over the same share deleted the file and its day folder
  // before this one cleared the reference.
  std::filesystem::remove_all(file.parent_path());
  auto other = store::open_database(dir_.file("purge.db")).value();
  store::AttemptsRepo here(db_), there(other);
  auto report = purge_recordings(here, dir_.path(), kNow - days{7});
  ASSERT_TRUE(report.ok()) << report.error().message;
  EXPECT_EQ(report->deleted, 1);
  EXPECT_EQ(report->failed, 0);
  auto again = purge_recordings(there, dir_.path(), kNow - days{7});
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(again->deleted + again->failed, 0);
}

TEST_F(PurgeTest, with_nothing_old_enough_changes_nothing) {
  recorded_call(kNow - days{1});
  store::AttemptsRepo attempts(db_);
  auto report = purge_recordings(attempts, dir_.path(), kNow - days{7});
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->deleted, 0);
  EXPECT_EQ(attempts.recordings_before(kNow, 10).value().size(), 1u);
}

}  // namespace
}  // namespace robocall::dialer
