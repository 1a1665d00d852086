// docs/DESIGN.md "Backup and restore" against a real `robocall serve`
// calling SIPp patients: `robocall backup` runs twice while calls are in
// progress, `robocall restore` puts the backup into an empty folder, and the
// copy is sound (integrity_check), holds every task and the attempts of its
// moment, and every recording it names is there, whole, with the checksum
// of the manifest and of the live file.
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>
#include <thread>

#include "harness.h"
#include "store/backup_manifest.h"
#include "store/file_digest.h"
#include "store/recording_file.h"

namespace robocall::dialer::testing {
namespace {

using std::chrono::seconds;

std::int64_t count(store::Connection& db, const std::string& sql) {
  return db.query_int(sql).value();
}

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Polls until `done` or the limit.
template <class F>
bool eventually(F done, seconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (!done()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return true;
}

TEST(BackupRestore, a_backup_taken_during_calls_restores_whole_with_every_recording) {
  const auto dir = make_temp_dir();
  const auto db_path = dir / "robocall.db";
  const auto data = dir / "data";
  const auto backup = dir / "backup";
  // Patients listen 2 s before pressing their key: calls are long enough to
  // be in progress while the backups run.
  SippPeer peer(dir, sip::testing::free_peer_ports(), std::chrono::milliseconds(2000));
  pin_local_time_to_midday();
  const auto start = now();
  auto db = open_db(db_path);
  add_account(db, peer.port());
  set_schedule_until(db, start + std::chrono::hours(1));
  set_robocall(db, R"({"enabled":true,"attempts":1,"retry_after_min":0,"answer_timeout_s":10,)"
                   R"("max_calls":3,"max_calls_per_second":2,"retention_days":null})");
  constexpr int kTasks = 16;
  for (int n = 1; n <= kTasks; ++n)
    add_task(db, phone_of(n % 2 ? Patient::kPresses1 : Patient::kPresses2, n),
             start + std::chrono::days(1), start);

  ServeProcess serve(dir, db_path);
  const auto recordings = [&] {
    return count(db, "SELECT count(*) FROM attempts WHERE recording IS NOT NULL");
  };
  std::int64_t recorded_before = 1;  // the first backup waits for two recordings
  std::string output;
  for (int run = 0; run < 2; ++run) {
    // More recordings than the last backup saw, and a call in progress.
    ASSERT_TRUE(eventually(
        [&] {
          return recordings() > recorded_before &&
                 count(db, "SELECT count(*) FROM attempts WHERE outcome IS NULL") >= 1;
        },
        seconds(60)))
        << serve.log();
    recorded_before = recordings();
    ASSERT_EQ(run_robocall(dir,
                           {"backup", "--to", backup.string(), "--db", db_path.string(),
                            "--data-dir", data.string()},
                           output),
              0)
        << output;
  }
  // The second backup copied the new recordings only.
  EXPECT_EQ(output.find("уже были в копии 0"), std::string::npos) << output;
  EXPECT_EQ(output.find("файлов скопировано 0 "), std::string::npos) << output;
  const auto manifest = store::parse_manifest(read_text(backup / store::kManifestName)).value();
  const auto all_done = [&] {
    return count(db, "SELECT count(*) FROM tasks WHERE state IN ('pending', 'calling')") == 0;
  };
  ASSERT_TRUE(eventually(all_done, seconds(120))) << serve.log();
  ASSERT_EQ(serve.terminate(seconds(30)), 0) << serve.log();
  peer.stop_and_read();

  const auto restored = dir / "restored";
  const auto restored_db = restored / "robocall.db";
  ASSERT_EQ(run_robocall(dir,
                         {"restore", "--from", backup.string(), "--db", restored_db.string(),
                          "--data-dir", (restored / "data").string()},
                         output),
            0)
      << output;
  auto copy = open_db(restored_db);
  auto check = copy.prepare("PRAGMA integrity_check").value();
  ASSERT_TRUE(check.step().value());
  EXPECT_EQ(check.column_text(0), "ok");
  EXPECT_EQ(count(copy, "SELECT count(*) FROM tasks"), kTasks);
  // The snapshot of a moment with calls in progress: attempts then open,
  // none past what the live database ends with.
  EXPECT_GE(count(copy, "SELECT count(*) FROM attempts WHERE outcome IS NULL"), 1);
  EXPECT_LE(count(copy, "SELECT count(*) FROM attempts"),
            count(db, "SELECT count(*) FROM attempts"));
  EXPECT_EQ(count(copy, "SELECT count(*) FROM attempts a JOIN tasks t ON t.id = a.task_id"),
            count(copy, "SELECT count(*) FROM attempts"));

  auto named =
      copy.prepare("SELECT id, recording FROM attempts WHERE recording IS NOT NULL").value();
  std::set<std::filesystem::path> named_files;
  while (named.step().value()) {
    // Stored relative to the recordings folder (docs/DESIGN.md "Recordings on several nodes").
    const auto file = store::recording_file(store::recordings_folder(restored / "data", ""),
                                            named.column_view(1));
    ASSERT_TRUE(file.string().starts_with((restored / "data" / "recordings").string())) << file;
    named_files.insert(file);
    const auto rel = std::filesystem::relative(file, restored / "data").string();
    const auto* entry = manifest.find(rel);
    ASSERT_NE(entry, nullptr) << rel;
    EXPECT_EQ(store::digest_file(file).value(), entry->digest) << rel;
    EXPECT_EQ(store::digest_file(data / rel).value(), entry->digest) << rel;
    EXPECT_GT(entry->digest.size, 44u) << rel << ": a recording with sound";
  }
  EXPECT_GE(named_files.size(), 2u);
  // Nothing else under recordings: no half-written file came along.
  for (const auto& e : std::filesystem::recursive_directory_iterator(restored / "data"))
    if (e.is_regular_file() && e.path().string().find("/recordings/") != std::string::npos) {
      EXPECT_TRUE(named_files.contains(e.path())) << e.path();
    }

  // The restored copy opens as a robocall database.
  ASSERT_EQ(run_robocall(dir, {"migrate", "--db", restored_db.string()}, output), 0) << output;
}

}  // namespace
}  // namespace robocall::dialer::testing
