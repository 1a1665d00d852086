// The audit log (docs/SECURITY.md "Audit"): reads of personal data (task
// details, searches, recordings in any range, the integration read API),
// refused logins, 403s and 429s leave entries, and GET /api/audit lists them
// with filters and paging, for administrators only.
#include <fstream>

#include "api_fixture.h"
#include "http/auth.h"
#include "store/attempts_repo.h"
#include "store/audit_repo.h"
#include "store/tasks_repo.h"

namespace robocall::http::testing {
namespace {

using namespace std::chrono;

domain::Instant now_s() {
  return time_point_cast<seconds>(system_clock::now());
}

class Audit : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    domain::Task t;
    t.phone = "9161234567";
    t.full_name = "Петров Пётр Петрович";
    t.appointment = now_s() + days(3);
    t.birth_date = year{1980} / March / 4;
    const std::vector<domain::Task> tasks{t};
    auto ids = store::TasksRepo(db()).insert(tasks, std::nullopt, now_s() - minutes(1));
    ASSERT_TRUE(ids.ok()) << ids.error().message;
    task_id_ = ids->front();
    auto claims = store::AttemptsRepo(db()).claim_due(now_s(), 1);
    ASSERT_TRUE(claims.ok() && claims->size() == 1u);
    std::filesystem::create_directories(data_dir() / "recordings");
    const auto file = data_dir() / "recordings" / "call.wav";
    std::ofstream(file, std::ios::binary) << "RIFF....WAVEfmt 0123456789abcdef";
    store::AttemptResult r;
    r.attempt_id = attempt_id_ = claims->front().attempt.id;
    r.outcome = domain::CallOutcome::kConfirmed;
    r.answered = r.ended = now_s();
    r.recording = file.string();
    r.task = {domain::TaskState::kConfirmed, 1, std::nullopt};
    ASSERT_TRUE(store::AttemptsRepo(db()).finish(r).ok());
  }

  // The newest entry of this action; null when there is none.
  nlohmann::json last(std::string_view action) {
    auto entries = store::AuditRepo(db()).list(1000);
    if (!entries.ok()) return nullptr;
    for (const auto& e : *entries) {
      if (e.action != action) continue;
      auto j = nlohmann::json::parse(e.details);
      j["actor"] = e.actor;
      return j;
    }
    return nullptr;
  }

  std::int64_t task_id_ = 0;
  std::int64_t attempt_id_ = 0;
};

TEST_F(Audit, a_task_details_read_and_a_search_are_audited_without_the_name_searched) {
  auto b = login();
  ASSERT_EQ(get(b, "/api/tasks/" + std::to_string(task_id_))->status, 200);
  auto view = last("task.view");
  ASSERT_FALSE(view.is_null());
  EXPECT_EQ(view["task_id"], task_id_);
  EXPECT_EQ(view["actor"], kAdminLogin);
  auto res = get(b, "/api/tasks?q=%D0%9F%D0%B5%D1%82%D1%80%D0%BE%D0%B2");  // "Петров"
  ASSERT_EQ(res->status, 200) << res->body;
  auto search = last("task.search");
  ASSERT_FALSE(search.is_null());
  EXPECT_EQ(search["search"], true);
  EXPECT_EQ(search["rows"], 1);
  EXPECT_EQ(search.dump().find("Петров"), std::string::npos) << search.dump();
}

TEST_F(Audit, a_recording_download_in_a_range_from_byte_one_is_audited) {
  auto b = login();
  auto h = headers(b);
  h.emplace("Range", "bytes=1-");
  auto res = client().Get("/api/recordings/" + std::to_string(attempt_id_), h);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 206);
  auto play = last("recording.play");
  ASSERT_FALSE(play.is_null()) << "bytes=1- is no way around the log";
  EXPECT_EQ(play["attempt_id"], attempt_id_);
  EXPECT_EQ(play["task_id"], task_id_);
  EXPECT_EQ(play["range_start"], 1);
}

TEST_F(Audit, a_recording_download_is_audited_like_playing_it) {
  auto b = login();
  auto res = get(b, "/api/recordings/" + std::to_string(attempt_id_) + "?download=1");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200) << res->body;
  auto download = last("recording.download");
  ASSERT_FALSE(download.is_null());
  EXPECT_EQ(download["attempt_id"], attempt_id_);
  EXPECT_EQ(download["task_id"], task_id_);
  EXPECT_EQ(download["actor"], kAdminLogin);
  EXPECT_TRUE(last("recording.play").is_null()) << "a download is not logged as playing";
}

TEST_F(Audit, the_integration_read_api_is_audited_under_the_tokens_name) {
  auto token = create_token(db(), "mis", now_s());
  ASSERT_TRUE(token.ok());
  auto res = client().Get("/api/v1/tasks", {{"Authorization", "Bearer " + *token}});
  ASSERT_EQ(res->status, 200);
  auto read = last("api.tasks.read");
  ASSERT_FALSE(read.is_null());
  EXPECT_EQ(read["actor"], "token:mis");
  EXPECT_EQ(read["rows"], 1);
}

TEST_F(Audit, a_refused_login_and_a_403_are_audited) {
  auto c = client();
  c.Post("/api/login", nlohmann::json{{"login", "mallory"}, {"password", "угадал?"}}.dump(),
         "application/json");
  auto failed = last("auth.login_failed");
  ASSERT_FALSE(failed.is_null());
  EXPECT_EQ(failed["login"], "mallory");
  EXPECT_EQ(failed["address"], "127.0.0.1");
  EXPECT_EQ(failed.dump().find("угадал"), std::string::npos) << "never the password";
  add_user_with_role("reg", "регистратор-1", domain::Role::kRegistrar);
  auto reg = login_as("reg", "регистратор-1");
  ASSERT_EQ(get(reg, "/api/audit")->status, 403);
  auto denied = last("access.denied");
  ASSERT_FALSE(denied.is_null());
  EXPECT_EQ(denied["actor"], "reg");
  EXPECT_EQ(denied["path"], "/api/audit");
  EXPECT_EQ(denied["reason"], "permission_denied");
}

TEST_F(Audit, the_log_is_listed_with_filters_and_pages) {
  auto b = login();
  for (int i = 0; i < 3; ++i) get(b, "/api/tasks/" + std::to_string(task_id_));
  auto all = body(get(b, "/api/audit?limit=2"));
  ASSERT_EQ(all["items"].size(), 2u);
  ASSERT_FALSE(all["next_before"].is_null());
  auto next = body(get(
      b, "/api/audit?limit=2&before=" + std::to_string(all["next_before"].get<std::int64_t>())));
  ASSERT_FALSE(next["items"].empty());
  EXPECT_LT(next["items"][0]["id"], all["items"][1]["id"]);
  auto views = body(get(b, "/api/audit?action=task.view&actor=admin"));
  ASSERT_EQ(views["items"].size(), 3u);
  EXPECT_EQ(views["items"][0]["details"]["task_id"], task_id_);
  auto group = body(get(b, "/api/audit?action=auth"));
  ASSERT_EQ(group["items"].size(), 1u) << "the login";
  EXPECT_EQ(group["items"][0]["action"], "auth.login");
  auto nobody = body(get(b, "/api/audit?actor=nobody"));
  EXPECT_TRUE(nobody["items"].empty());
  auto past = body(get(b, "/api/audit?from=2000-01-01&to=2000-01-02"));
  EXPECT_TRUE(past["items"].empty());
  auto bad = get(b, "/api/audit?from=2000-13-01");
  EXPECT_EQ(bad->status, 400);
}

}  // namespace
}  // namespace robocall::http::testing
