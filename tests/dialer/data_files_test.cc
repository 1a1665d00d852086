// docs/SECURITY.md "Files and secrets" and "Retention" against a real
// `robocall serve`: a database left 0644 by an older version is tightened,
// the SIP password it holds in plain text is sealed at start, a restart with
// the key answers SIPp's digest challenge, a call and an export leave only
// owner-only files, a restart without the key refuses; and `serve
// --no-dialer` purges recordings and tasks past their retention.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <fstream>
#include <thread>

#include "domain/local_time.h"
#include "harness.h"
#include "sipp_peer.h"
#include "store/accounts_repo.h"
#include "store/audit_repo.h"
#include "store/secret_box.h"
#include "store/tasks_repo.h"

namespace robocall::dialer::testing {
namespace {

using std::chrono::seconds;

// Polls `done` every 50 ms for at most `limit`.
template <class F>
bool eventually(F done, seconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (!done()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return true;
}

std::string raw_password(store::Connection& db) {
  auto stmt = db.prepare("SELECT password FROM sip_accounts").value();
  return stmt.step().value() ? stmt.column_text(0) : "";
}

unsigned mode_of(const std::filesystem::path& p) {
  struct stat st {};
  return ::lstat(p.c_str(), &st) == 0 ? st.st_mode & 07777 : 0;
}

// The audit entries' details, newest first.
std::vector<std::string> audit_details(store::Connection& db, std::string_view action) {
  std::vector<std::string> out;
  auto entries = store::AuditRepo(db).list(50);
  if (!entries.ok()) return out;
  for (const auto& e : *entries)
    if (e.action == action) out.push_back(e.details);
  return out;
}

std::string iso_date(domain::Instant t) {
  const auto d = domain::local_date(t);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()),
                static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
  return buf;
}

TEST(DataFiles, serve_keeps_data_files_private_and_sip_passwords_sealed_under_its_key) {
  const auto dir = make_temp_dir();
  const auto data = dir / "data";
  std::filesystem::create_directories(data);
  std::filesystem::permissions(data, std::filesystem::perms(0755));
  const auto db_path = data / "robocall.db";
  pin_local_time_to_midday();
  const auto start = now();

  // What an older version left: a 0644 database with a plain SIP password.
  auto db = open_db(db_path);
  std::filesystem::permissions(db_path, std::filesystem::perms(0644));
  const auto old_day = data / "recordings" / "2020-01-01";
  std::filesystem::create_directories(old_day);
  std::filesystem::permissions(old_day, std::filesystem::perms(0755));
  std::ofstream(old_day / "1.wav") << "RIFF";
  std::filesystem::permissions(old_day / "1.wav", std::filesystem::perms(0644));
  const auto ports = sip::testing::free_peer_ports();
  store::SipAccountRecord account;
  account.name = "SIPp";
  account.username = "clinic";
  account.password = "secret";
  account.realm = "robocall.test";  // the realm tests/sip/scenarios/auth.xml challenges for
  account.server = "127.0.0.1:" + std::to_string(ports.sip);
  ASSERT_TRUE(store::AccountsRepo(db).create(account, start).ok());
  set_schedule_until(db, start + std::chrono::hours(1));
  set_robocall(db, R"({"enabled":false})");
  ASSERT_EQ(raw_password(db), "secret");

  {
    ServeProcess serve(dir, db_path);
    EXPECT_TRUE(eventually([&] { return store::is_sealed(raw_password(db)); }, seconds(20)))
        << serve.log();
    EXPECT_EQ(serve.terminate(seconds(30)), 0) << serve.log();
  }
  EXPECT_EQ(mode_of(db_path), 0600u);
  EXPECT_EQ(mode_of(data / "secret.key"), 0600u);
  EXPECT_EQ(mode_of(old_day), 0700u);
  EXPECT_EQ(mode_of(old_day / "1.wav"), 0600u);

  // A restart with the key: the sealed password answers the digest challenge.
  set_robocall(db, R"({"enabled":true,"attempts":1,"answer_timeout_s":10,"retention_days":7})");
  const auto task = add_task(db, "9161234567", start + std::chrono::hours(30), start);
  {
    sip::testing::SippPeer peer(
        {"auth.xml", {{"PCAP", "/usr/share/sip-tester/dtmf_2833_1.pcap"}}, ports.sip, ports.media});
    ServeProcess serve(dir, db_path);
    EXPECT_EQ(peer.wait_exit(std::chrono::seconds(60)), 0) << peer.log() << serve.log();
    EXPECT_TRUE(eventually(
        [&] {
          return store::TasksRepo(db).get(task).value().state == domain::TaskState::kConfirmed;
        },
        seconds(20)))
        << serve.log();
    EXPECT_EQ(serve.terminate(seconds(30)), 0) << serve.log();
  }

  // An export into the data folder, by the command line.
  const char* env = std::getenv("ROBOCALL_BINARY");
  const std::string binary = env ? env : ROBOCALL_BINARY_DEFAULT;
  const std::string export_cmd = binary + " export --db " + db_path.string() + " --from " +
                                 iso_date(start) + " --to " +
                                 iso_date(start + std::chrono::days(3)) + " -o " +
                                 (data / "export.xlsx").string() + " > /dev/null 2>&1";
  ASSERT_EQ(std::system(export_cmd.c_str()), 0) << export_cmd;

  int recordings = 0, files = 0;
  EXPECT_EQ(mode_of(data), 0700u);
  for (const auto& entry : std::filesystem::recursive_directory_iterator(data)) {
    const auto mode = mode_of(entry.path());
    if (entry.is_directory()) {
      EXPECT_EQ(mode, 0700u) << entry.path();
    } else {
      ++files;
      recordings += entry.path().extension() == ".wav";
      EXPECT_EQ(mode, 0600u) << entry.path();
    }
  }
  EXPECT_GE(recordings, 2) << "the call was recorded";
  EXPECT_TRUE(std::filesystem::exists(data / "export.xlsx"));

  // Without its key the service refuses and drops nothing.
  std::filesystem::rename(data / "secret.key", dir / "secret.key.elsewhere");
  {
    ServeProcess serve(dir, db_path);
    EXPECT_EQ(serve.wait_exit(seconds(30)), 1) << serve.log();
    EXPECT_NE(serve.log().find("зашифрованы"), std::string::npos) << serve.log();
  }
  EXPECT_FALSE(std::filesystem::exists(data / "secret.key")) << "no new key over sealed values";
  EXPECT_EQ(db.query_int("SELECT count(*) FROM sip_accounts").value(), 1);
  EXPECT_TRUE(store::is_sealed(raw_password(db)));
  if (!HasFailure()) std::filesystem::remove_all(dir);
}

// A finished attempt of `task` that ended at `ended`, recorded to `file`.
void add_recorded_attempt(store::Connection& db, std::int64_t task, domain::Instant ended,
                          const std::filesystem::path& file) {
  std::filesystem::create_directories(file.parent_path());
  std::ofstream(file) << "RIFF";
  auto stmt = db.prepare(
                    "INSERT INTO attempts(task_id, number, started_at, ended_at, outcome,"
                    " recording) VALUES (?, (SELECT count(*) + 1 FROM attempts WHERE task_id = ?1),"
                    " ?, ?, 'confirmed', ?)")
                  .value();
  const auto unix = std::chrono::duration_cast<seconds>(ended.time_since_epoch()).count();
  stmt.bind(1, task).bind(2, unix - 60).bind(3, unix).bind(4, file.string());
  ASSERT_TRUE(stmt.run().ok());
}

std::optional<std::string> recording_of(store::Connection& db, const std::filesystem::path& file) {
  auto stmt = db.prepare("SELECT recording FROM attempts WHERE recording = ?").value();
  stmt.bind(1, file.string());
  if (!stmt.step().value()) return std::nullopt;
  return stmt.column_text(0);
}

TEST(DataFiles, serve_without_the_dialer_purges_recordings_and_tasks_past_their_retention) {
  const auto dir = make_temp_dir();
  const auto db_path = dir / "robocall.db";
  const auto start = now();
  auto db = open_db(db_path);
  set_robocall(db, R"({"enabled":false,"retention_days":7,"task_retention_days":30})");
  const auto old_task = add_task(db, "9161234567", start - std::chrono::days(31), start);
  const auto recent = add_task(db, "9161234568", start - std::chrono::days(29), start);
  ASSERT_TRUE(db.exec("UPDATE tasks SET state = 'confirmed'").ok());
  const auto recordings = dir / "data" / "recordings";
  const auto old_recording = recordings / "2020-01-01" / "1.wav";
  const auto new_recording = recordings / "2020-01-02" / "2.wav";
  add_recorded_attempt(db, recent, start - std::chrono::days(8), old_recording);
  add_recorded_attempt(db, recent, start - std::chrono::days(6), new_recording);

  ServeProcess serve(dir, db_path, {"--no-dialer"});
  EXPECT_TRUE(eventually([&] { return !store::TasksRepo(db).get(old_task).ok(); }, seconds(20)))
      << serve.log();
  EXPECT_TRUE(store::TasksRepo(db).get(recent).ok());
  EXPECT_FALSE(std::filesystem::exists(old_recording)) << "a recording past its 7 days";
  EXPECT_FALSE(recording_of(db, old_recording).has_value());
  EXPECT_TRUE(std::filesystem::exists(new_recording)) << "a recording within its 7 days";
  EXPECT_TRUE(recording_of(db, new_recording).has_value());
  EXPECT_TRUE(eventually(
      [&] {
        for (const auto& details : audit_details(db, "retention.purge"))
          if (details.find("\"tasks\":1") != std::string::npos) return true;
        return false;
      },
      seconds(20)));
  for (const auto& details : audit_details(db, "retention.purge"))
    EXPECT_EQ(details.find("9161234567"), std::string::npos) << "no phone in the audit";
  EXPECT_EQ(serve.terminate(seconds(30)), 0) << serve.log();
  if (!HasFailure()) std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace robocall::dialer::testing
