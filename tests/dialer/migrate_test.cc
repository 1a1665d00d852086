// docs/DESIGN.md "Moving to PostgreSQL" against the test PostgreSQL server
// (the ctest fixture postgres_server): a SQLite installation with tasks,
// attempts with recordings, users, settings and a SIP account is moved by
// `robocall migrate --from --to --recordings-to`; the counts match, a
// `robocall serve` on the PostgreSQL database with the share as its
// recordings folder lists the same tasks and plays a recording, and a
// second migrate into the same database is refused.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <thread>

#include "harness.h"
#include "http/users.h"
#include "http_client.h"
#include "store/test_db.h"

namespace robocall::dialer::testing {
namespace {

constexpr std::string_view kPassword = "пароль-для-переноса-1";

// The web port `serve` announces on stdout.
int wait_for_port(const ServeProcess& serve) {
  const std::regex announced(R"(API на http://127\.0\.0\.1:(\d+)/)");
  for (int i = 0; i < 600; ++i) {
    std::smatch m;
    const auto log = serve.log();
    if (std::regex_search(log, m, announced)) return std::stoi(m[1].str());
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return 0;
}

TEST(Migrate, an_installation_moved_to_postgresql_serves_the_same_tasks_and_recordings) {
  store::TestDatabase target;
  if (target.backend() != store::Backend::kPostgres)
    GTEST_SKIP() << "needs ROBOCALL_TEST_POSTGRES (the ctest fixture postgres_server)";
  const auto dir = make_temp_dir();
  const auto db_path = dir / "robocall.db";
  const auto share = dir / "share";
  const auto start = now();
  std::vector<std::int64_t> tasks;
  std::filesystem::path recording;
  {
    auto db = open_db(db_path);
    add_account(db, 5060);
    set_robocall(db, R"({"enabled":false,"attempts":2,"max_calls":3})");
    ASSERT_TRUE(http::add_user(db, "admin", kPassword, start).ok());
    for (int n = 1; n <= 3; ++n)
      tasks.push_back(add_task(db, phone_of(Patient::kPresses1, n), start + std::chrono::days(1),
                               start + std::chrono::days(1)));
    // An answered call, its recording where serve wrote it before the share.
    recording = dir / "data" / "recordings" / "2026-12-01" / "1.wav";
    std::filesystem::create_directories(recording.parent_path());
    std::ofstream(recording, std::ios::binary) << "RIFF a confirmed call";
    // An hour ago: inside every retention period, so serve's purge keeps it.
    const auto at = std::to_string(
        std::chrono::duration_cast<std::chrono::seconds>(start.time_since_epoch()).count() - 3600);
    ASSERT_TRUE(db.exec("INSERT INTO attempts(id, task_id, number, started_at, answered_at,"
                        " ended_at, outcome, sip_code, digits, recording) VALUES (1, " +
                        std::to_string(tasks[0]) + ", 1, " + at + ", " + at + ", " + at +
                        ", 'confirmed', 200, '1', '" + recording.string() + "')")
                    .ok());
  }

  std::string output;
  ASSERT_EQ(run_robocall(dir,
                         {"migrate", "--from", db_path.string(), "--to", target.location(),
                          "--recordings-to", share.string()},
                         output),
            0)
      << output;
  EXPECT_EQ(output.find("НЕ СОВПАДАЕТ"), std::string::npos) << output;
  EXPECT_NE(output.find("на месте 1 из 1"), std::string::npos) << output;
  EXPECT_TRUE(std::filesystem::exists(share / "2026-12-01" / "1.wav"));
  {
    auto moved = target.open();
    ASSERT_TRUE(moved.ok()) << moved.error().message;
    auto stored = moved->prepare("SELECT recording FROM attempts WHERE id = 1").value();
    ASSERT_TRUE(stored.step().value());
    EXPECT_EQ(stored.column_text(0), "2026-12-01/1.wav") << "relative to the share";
  }

  {
    ServeProcess serve(dir, target.location(), {"--no-dialer", "--recordings-dir", share.string()});
    const int port = wait_for_port(serve);
    ASSERT_GT(port, 0) << serve.log();
    httpc::Client client("127.0.0.1", port);
    auto login = client.Post("/api/login",
                             nlohmann::json{{"login", "admin"}, {"password", kPassword}}.dump(),
                             "application/json");
    ASSERT_TRUE(login);
    ASSERT_EQ(login->status, 200) << login->body;
    const auto set_cookie = login->get_header_value("Set-Cookie");
    const httpc::Headers browser = {{"Cookie", set_cookie.substr(0, set_cookie.find(';'))}};
    auto list = client.Get("/api/tasks?sort=id&order=asc", browser);
    ASSERT_TRUE(list);
    ASSERT_EQ(list->status, 200) << list->body;
    std::vector<std::int64_t> listed;
    const auto page = nlohmann::json::parse(list->body);
    for (const auto& item : page["items"]) listed.push_back(item["id"].get<std::int64_t>());
    EXPECT_EQ(listed, tasks) << list->body;
    // The file was copied into the share and the attempt stores it relative to it.
    std::filesystem::remove(recording);
    auto played = client.Get("/api/recordings/1", browser);
    ASSERT_TRUE(played);
    EXPECT_EQ(played->status, 200) << played->body << output;
    EXPECT_EQ(played->body, "RIFF a confirmed call");
  }

  ASSERT_EQ(
      run_robocall(dir, {"migrate", "--from", db_path.string(), "--to", target.location()}, output),
      1)
      << output;
  EXPECT_NE(output.find("уже есть данные"), std::string::npos) << output;
}

}  // namespace
}  // namespace robocall::dialer::testing
