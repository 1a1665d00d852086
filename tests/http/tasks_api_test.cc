// The task list's sort/filter/paging contract, details with attempts,
// recordings with Range, and the XLSX export, over real HTTP.
#include <algorithm>
#include <fstream>

#include "api_fixture.h"
#include "http/text_util.h"
#include "store/attempts_repo.h"
#include "store/audit_repo.h"
#include "store/tasks_repo.h"

namespace robocall::http::testing {
namespace {

using namespace std::chrono;

domain::Instant now_s() {
  return time_point_cast<seconds>(system_clock::now());
}

// A local (Europe/Moscow, UTC+3) wall time as an instant.
domain::Instant moscow(year_month_day d, int hh, int mm) {
  return sys_days(d) + hours(hh - 3) + minutes(mm);
}

domain::Task task(std::string phone, std::string name, domain::Instant at) {
  domain::Task t;
  t.phone = std::move(phone);
  t.full_name = std::move(name);
  t.appointment = at;
  t.birth_date = 1980y / March / 4;
  t.extra = {{"Врач", "Иванова А. А."}};
  return t;
}

class Tasks : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    const auto day = year_month_day(floor<days>(now_s()));
    d1_ = year_month_day(sys_days(day) + days(10));
    d2_ = year_month_day(sys_days(day) + days(11));
    d3_ = year_month_day(sys_days(day) + days(12));
    std::vector<domain::Task> tasks = {
        task("9161234567", "Петров Пётр Петрович", moscow(d2_, 10, 0)),
        task("9031112233", "Алексеева Анна Сергеевна", moscow(d1_, 9, 30)),
        task("9269998877", "Яковлев Яков Яковлевич", moscow(d3_, 15, 45)),
        task("9155554433", "Борисов Борис Борисович", moscow(d1_, 11, 0)),
        task("9057776655", "Елкина Елена Ивановна", moscow(d2_, 8, 15)),
    };
    auto ids = store::TasksRepo(db()).insert(tasks, std::nullopt, now_s() - minutes(1));
    ASSERT_TRUE(ids.ok()) << ids.error().message;
    ids_ = *ids;
    // Borisov confirms on his first call (with a recording); Petrov cancels.
    auto claims = store::AttemptsRepo(db()).claim_due(now_s(), 10);
    ASSERT_TRUE(claims.ok()) << claims.error().message;
    std::filesystem::create_directories(data_dir() / "recordings");
    recording_ = data_dir() / "recordings" / "call.wav";
    std::ofstream(recording_, std::ios::binary) << "RIFF....WAVEfmt 0123456789abcdef";
    for (const auto& c : *claims) {
      store::AttemptResult r;
      r.attempt_id = c.attempt.id;
      r.ended = now_s();
      r.answered = now_s();
      r.ring_ms = 2000;
      r.talk_ms = 10000;
      if (c.task.full_name.starts_with("Борисов")) {
        r.outcome = domain::CallOutcome::kConfirmed;
        r.digits = "1";
        r.sip_code = 200;
        r.recording = recording_.string();
        r.task = {domain::TaskState::kConfirmed, 1, std::nullopt};
        recorded_attempt_ = c.attempt.id;
      } else if (c.task.full_name.starts_with("Петров")) {
        r.outcome = domain::CallOutcome::kCancelled;
        r.digits = "2";
        r.sip_code = 200;
        r.task = {domain::TaskState::kCancelled, 1, std::nullopt};
      } else {
        r.outcome = domain::CallOutcome::kNoAnswer;
        r.answered.reset();
        r.sip_code = 487;
        r.task = {domain::TaskState::kPending, 0, now_s() + hours(1)};
      }
      ASSERT_TRUE(store::AttemptsRepo(db()).finish(r).ok());
    }
  }

  std::vector<std::string> names(const httpc::Result& res) {
    std::vector<std::string> out;
    const auto j = body(res);
    for (const auto& item : j["items"]) out.push_back(item["full_name"]);
    return out;
  }

  year_month_day d1_, d2_, d3_;
  std::vector<std::int64_t> ids_;
  std::filesystem::path recording_;
  std::int64_t recorded_attempt_ = 0;
  Browser b_ = {};
};

std::string iso(year_month_day d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()),
                static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
  return buf;
}

TEST_F(Tasks, the_default_list_is_id_descending_with_the_total) {
  auto b = login();
  auto res = get(b, "/api/tasks");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  auto j = body(res);
  EXPECT_EQ(j["total"], 5);
  ASSERT_EQ(j["items"].size(), 5u);
  EXPECT_EQ(j["items"][0]["id"], ids_.back());
  EXPECT_EQ(j["items"][4]["id"], ids_.front());
  const auto& petrov = j["items"][4];
  EXPECT_EQ(petrov["phone"], "9161234567");
  EXPECT_EQ(petrov["status"], "cancelled");
  EXPECT_EQ(petrov["state"], "cancelled");
  EXPECT_EQ(petrov["appointment"], iso(d2_) + "T10:00");
  EXPECT_EQ(petrov["attempts"], 1);
  EXPECT_TRUE(petrov["next_attempt"].is_null());
}

TEST_F(Tasks, each_sort_orders_the_list_both_ways) {
  auto b = login();
  const std::vector<std::string> by_name = {"Алексеева Анна Сергеевна", "Борисов Борис Борисович",
                                            "Елкина Елена Ивановна", "Петров Пётр Петрович",
                                            "Яковлев Яков Яковлевич"};
  const std::vector<std::string> by_appointment = {
      "Алексеева Анна Сергеевна", "Борисов Борис Борисович", "Елкина Елена Ивановна",
      "Петров Пётр Петрович", "Яковлев Яков Яковлевич"};
  // Неизвестно < Отмена < Подтверждение, then by appointment.
  const std::vector<std::string> by_status = {"Алексеева Анна Сергеевна", "Елкина Елена Ивановна",
                                              "Яковлев Яков Яковлевич", "Петров Пётр Петрович",
                                              "Борисов Борис Борисович"};
  struct Case {
    std::string sort;
    std::vector<std::string> asc;
  } cases[] = {{"name", by_name}, {"appointment", by_appointment}, {"status", by_status}};
  for (const auto& c : cases) {
    auto asc = get(b, "/api/tasks?sort=" + c.sort + "&order=asc");
    ASSERT_TRUE(asc);
    ASSERT_EQ(asc->status, 200) << asc->body;
    EXPECT_EQ(names(asc), c.asc) << c.sort;
    auto desc = get(b, "/api/tasks?sort=" + c.sort + "&order=desc");
    ASSERT_TRUE(desc);
    auto reversed = c.asc;
    std::reverse(reversed.begin(), reversed.end());
    EXPECT_EQ(names(desc), reversed) << c.sort;
  }
  auto by_id = get(b, "/api/tasks?sort=id&order=asc");
  ASSERT_TRUE(by_id);
  EXPECT_EQ(body(by_id)["items"][0]["id"], ids_.front());
}

TEST_F(Tasks, the_date_range_filters_by_whole_appointment_days) {
  auto b = login();
  auto one_day =
      get(b, "/api/tasks?sort=appointment&order=asc&from=" + iso(d1_) + "&to=" + iso(d1_));
  ASSERT_TRUE(one_day);
  EXPECT_EQ(body(one_day)["total"], 2);
  EXPECT_EQ(names(one_day),
            (std::vector<std::string>{"Алексеева Анна Сергеевна", "Борисов Борис Борисович"}));
  auto from_d2 = get(b, "/api/tasks?from=" + iso(d2_));
  ASSERT_TRUE(from_d2);
  EXPECT_EQ(body(from_d2)["total"], 3);
  auto to_d2 = get(b, "/api/tasks?to=" + iso(d2_));
  ASSERT_TRUE(to_d2);
  EXPECT_EQ(body(to_d2)["total"], 4);
}

TEST_F(Tasks, search_finds_by_part_of_the_name_or_phone) {
  auto b = login();
  auto by_name = get(b, "/api/tasks?q=%D0%9F%D0%95%D0%A2%D0%A0%D0%9E%D0%92");
  ASSERT_TRUE(by_name);
  EXPECT_EQ(names(by_name), std::vector<std::string>{"Петров Пётр Петрович"});
  auto by_phone = get(b, "/api/tasks?q=1112233");
  ASSERT_TRUE(by_phone);
  EXPECT_EQ(names(by_phone), std::vector<std::string>{"Алексеева Анна Сергеевна"});
}

TEST_F(Tasks, pages_do_not_overlap_and_keep_the_total) {
  auto b = login();
  std::vector<std::int64_t> seen;
  for (int offset = 0; offset < 5; offset += 2) {
    auto res = get(b, "/api/tasks?sort=name&order=asc&limit=2&offset=" + std::to_string(offset));
    ASSERT_TRUE(res);
    EXPECT_EQ(body(res)["total"], 5);
    const auto j = body(res);
    for (const auto& item : j["items"]) seen.push_back(item["id"]);
  }
  std::sort(seen.begin(), seen.end());
  EXPECT_EQ(seen.size(), 5u);
  EXPECT_EQ(std::unique(seen.begin(), seen.end()), seen.end());
}

TEST_F(Tasks, bad_list_parameters_are_400) {
  auto b = login();
  for (auto query : {"sort=phone", "sort=id%3BDROP%20TABLE%20tasks", "order=sideways",
                     "from=26.11.2026", "to=2026-02-30", "from=2026-12-02&to=2026-12-01", "limit=0",
                     "limit=100000", "limit=abc", "offset=-5"}) {
    auto res = get(b, std::string("/api/tasks?") + query);
    ASSERT_TRUE(res) << query;
    EXPECT_EQ(res->status, 400) << query;
    EXPECT_EQ(error_code(res), "invalid_argument") << query;
  }
}

TEST_F(Tasks, details_list_every_attempt_and_the_recording) {
  auto b = login();
  auto borisov = ids_[3];
  auto res = get(b, "/api/tasks/" + std::to_string(borisov));
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  auto j = body(res);
  EXPECT_EQ(j["status"], "confirmed");
  EXPECT_EQ(j["birth_date"], "1980-03-04");
  EXPECT_EQ(j["extra"]["Врач"], "Иванова А. А.");
  ASSERT_EQ(j["attempts"].size(), 1u);
  const auto& a = j["attempts"][0];
  EXPECT_EQ(a["number"], 1);
  EXPECT_EQ(a["outcome"], "confirmed");
  EXPECT_EQ(a["digits"], "1");
  EXPECT_EQ(a["sip_code"], 200);
  EXPECT_DOUBLE_EQ(a["duration_s"].get<double>(), 12.0);
  EXPECT_DOUBLE_EQ(a["ring_s"].get<double>(), 2.0);
  EXPECT_DOUBLE_EQ(a["talk_s"].get<double>(), 10.0);
  EXPECT_EQ(a["recording_url"], "/api/recordings/" + std::to_string(recorded_attempt_));
}

TEST_F(Tasks, a_missing_task_is_404) {
  auto b = login();
  auto res = get(b, "/api/tasks/999999");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404);
  EXPECT_EQ(error_code(res), "not_found");
}

TEST_F(Tasks, recordings_play_with_range_requests_and_are_audited) {
  auto b = login();
  const auto path = "/api/recordings/" + std::to_string(recorded_attempt_);
  auto whole = get(b, path);
  ASSERT_TRUE(whole);
  EXPECT_EQ(whole->status, 200);
  EXPECT_EQ(whole->get_header_value("Content-Type"), "audio/wav");
  EXPECT_TRUE(whole->body.starts_with("RIFF"));
  auto h = headers(b);
  h.emplace("Range", "bytes=4-7");
  auto part = client().Get(path, h);
  ASSERT_TRUE(part);
  EXPECT_EQ(part->status, 206);
  EXPECT_EQ(part->body, "....");
  auto entries = store::AuditRepo(db()).list(50);
  ASSERT_TRUE(entries.ok());
  EXPECT_EQ(std::count_if(entries->begin(), entries->end(),
                          [](const auto& e) { return e.action == "recording.play"; }),
            2)
      << "every request, a range too (docs/SECURITY.md \"Audit\")";
  auto none = get(b, "/api/recordings/" + std::to_string(recorded_attempt_ + 100));
  ASSERT_TRUE(none);
  EXPECT_EQ(none->status, 404);
}

TEST_F(Tasks, a_recording_downloads_as_a_file_named_after_the_call_date_and_task_not_the_patient) {
  auto b = login();
  auto details = get(b, "/api/tasks/" + std::to_string(ids_[3]));
  ASSERT_TRUE(details);
  ASSERT_EQ(details->status, 200) << details->body;
  // "2026-12-05T10:02:05+03:00" -> "2026-12-05-1002": the call's local date and time.
  std::string stamp = body(details)["attempts"][0]["started_at"].get<std::string>().substr(0, 16);
  stamp.erase(std::remove(stamp.begin(), stamp.end(), ':'), stamp.end());
  std::replace(stamp.begin(), stamp.end(), 'T', '-');
  const auto task = std::to_string(ids_[3]);

  auto res = get(b, "/api/recordings/" + std::to_string(recorded_attempt_) + "?download=1");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(res->get_header_value("Content-Type"), "audio/wav");
  EXPECT_TRUE(res->body.starts_with("RIFF"));
  EXPECT_EQ(res->get_header_value("Content-Disposition"),
            "attachment; filename=\"zapis-" + stamp + "-zadanie-" + task +
                ".wav\"; filename*=UTF-8''" +
                rfc5987_encode("запись-" + stamp + "-задание-" + task + ".wav"));
  const auto disposition = res->get_header_value("Content-Disposition");
  for (std::string_view personal : {"9155554433", "Борисов", "%D0%91%D0%BE%D1%80"}) {
    EXPECT_EQ(disposition.find(personal), std::string::npos) << personal;
  }

  auto bad = get(b, "/api/recordings/" + std::to_string(recorded_attempt_) + "?download=yes");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);
  EXPECT_EQ(error_code(bad), "invalid_argument");
}

TEST_F(Tasks, export_downloads_an_xlsx_named_after_the_period) {
  auto b = login();
  auto res =
      get(b, "/api/tasks/export?from=" + iso(d1_) + "&to=" + iso(d3_) + "&sort=name&order=asc");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(res->get_header_value("Content-Type"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_TRUE(res->body.starts_with("PK"));
  auto compact = [](year_month_day d) {
    auto s = iso(d);
    s.erase(std::remove(s.begin(), s.end(), '-'), s.end());
    return s;
  };
  const auto span = compact(d1_) + "-" + compact(d3_);
  // The header exactly as sent: read the raw response.
  auto raw = raw_request("GET /api/tasks/export?from=" + iso(d1_) + "&to=" + iso(d3_) +
                         " HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: " + b.cookie +
                         "\r\nConnection: close\r\n\r\n");
  auto start = raw.find("Content-Disposition: ");
  ASSERT_NE(start, std::string::npos);
  auto disposition = raw.substr(start, raw.find("\r\n", start) - start);
  EXPECT_NE(disposition.find("filename=\"Zadaniya za " + span + ".xlsx\""), std::string::npos)
      << disposition;
  EXPECT_NE(disposition.find("filename*=UTF-8''%D0%97%D0%B0%D0%B4%D0%B0%D0%BD%D0%B8%D1%8F%20"
                             "%D0%B7%D0%B0%20" +
                             span + ".xlsx"),
            std::string::npos)
      << disposition;
  auto entries = store::AuditRepo(db()).list(50);
  ASSERT_TRUE(entries.ok());
  EXPECT_TRUE(std::any_of(entries->begin(), entries->end(),
                          [](const auto& e) { return e.action == "export"; }));
}

TEST_F(Tasks, export_needs_the_period) {
  auto b = login();
  auto res = get(b, "/api/tasks/export?from=" + iso(d1_));
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  EXPECT_EQ(error_code(res), "invalid_argument");
}

}  // namespace
}  // namespace robocall::http::testing
