// The administrator's day over real HTTP (docs/BEHAVIOUR.md "The summary",
// "Call now", "Taking a patient off calling", "The status strip"): the
// counters add up and agree with the list's «Статус» filter, a patient is
// taken off calling or called now, in bulk too, and the strip says what is wrong.
#include "api_fixture.h"
#include "store/audit_repo.h"
#include "store/settings_blocks.h"
#include "store/settings_repo.h"
#include "store/tasks_repo.h"

namespace robocall::http::testing {
namespace {

using namespace std::chrono;

domain::Instant now_s() {
  return time_point_cast<seconds>(system_clock::now());
}

std::string iso(year_month_day d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()),
                static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
  return buf;
}

class AdminDay : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    day_ = year_month_day(floor<days>(now_s()) + days(10));
    // Patients in every state on one day, and one on another day.
    const std::pair<const char*, int> states[] = {
        {"pending", 3},   {"calling", 1},      {"confirmed", 2}, {"cancelled", 1},
        {"exhausted", 2}, {"not_verified", 1}, {"expired", 1},
    };
    int n = 0;
    for (const auto& [state, count] : states) {
      for (int i = 0; i < count; ++i)
        ids_[state].push_back(add(sys_days(day_) + hours(9), state, ++n));
    }
    other_ = add(sys_days(day_) + days(3) + hours(9), "pending", ++n);
    b_ = login();
  }

  std::int64_t add(domain::Instant at, const std::string& state, int n) {
    domain::Task t;
    t.phone = "916" + std::to_string(1000000 + n);
    t.full_name = "Пациент " + std::to_string(n);
    t.appointment = at;
    t.birth_date = 1980y / March / 4;
    const std::vector<domain::Task> one{t};
    const auto id = store::TasksRepo(db()).insert(one, std::nullopt, now_s()).value().front();
    EXPECT_TRUE(db().exec("UPDATE tasks SET state = '" + state + "', attempts = " +
                          (state == "pending" ? "0" : "1") + " WHERE id = " + std::to_string(id))
                    .ok());
    return id;
  }

  // Calling switched on, the whole day inside the calling window, every day.
  void calling_all_day() {
    store::RobocallSettings robocall;
    robocall.enabled = true;
    store::SettingsRepo repo(db());
    ASSERT_TRUE(
        repo.put(store::kRobocallKey, store::to_json(robocall).dump(), "test", now_s()).ok());
    auto calendar = domain::default_calendar_settings();
    calendar.weekdays.fill(domain::DayMode::kWorking);
    calendar.working = {hours(0), hours(24)};
    ASSERT_TRUE(
        repo.put(store::kScheduleKey, store::schedule_json(calendar).dump(), "test", now_s()).ok());
    ASSERT_TRUE(db().exec("DELETE FROM date_exceptions").ok());
  }

  std::string range() const { return "from=" + iso(day_) + "&to=" + iso(day_); }

  year_month_day day_;
  std::map<std::string, std::vector<std::int64_t>> ids_;
  std::int64_t other_ = 0;
  Browser b_;
};

TEST_F(AdminDay, the_summary_adds_up_and_each_bucket_is_its_status_filters_list) {
  ASSERT_EQ(
      post_json(b_, "/api/tasks/" + std::to_string(ids_["pending"][0]) + "/withdraw", {})->status,
      200);
  auto res = get(b_, "/api/tasks/summary?" + range());
  ASSERT_EQ(res->status, 200) << res->body;
  const auto s = body(res);
  EXPECT_EQ(s["total"], 11);
  EXPECT_EQ(s["total"].get<int>(), s["confirmed"].get<int>() + s["cancelled"].get<int>() +
                                       s["unreached"].get<int>() + s["in_progress"].get<int>());
  EXPECT_EQ(s["cancelled"], 2) << "the withdrawn patient counts as cancelled";
  EXPECT_EQ(s["in_progress"], 3);
  EXPECT_FALSE(s["finished_today"]) << "a call is going on";
  auto total = [&](const std::string& status) {
    auto list = get(b_, "/api/tasks?" + range() + (status.empty() ? "" : "&status=" + status));
    EXPECT_EQ(list->status, 200) << list->body;
    return body(list)["total"].get<int>();
  };
  EXPECT_EQ(total(""), s["total"].get<int>());
  EXPECT_EQ(total("confirmed"), s["confirmed"].get<int>());
  EXPECT_EQ(total("cancelled"), s["cancelled"].get<int>());
  EXPECT_EQ(total("unreached"), s["unreached"].get<int>());
  EXPECT_EQ(total("unknown"), s["unreached"].get<int>() + s["in_progress"].get<int>());
  EXPECT_EQ(total("confirmed,cancelled,unknown"), s["total"].get<int>());
  auto bad = get(b_, "/api/tasks?status=done");
  EXPECT_EQ(bad->status, 400);
}

TEST_F(AdminDay, a_withdrawn_patient_is_final_with_who_and_when_and_audited) {
  const auto id = std::to_string(ids_["pending"][0]);
  auto res = post_json(b_, "/api/tasks/" + id + "/withdraw", {});
  ASSERT_EQ(res->status, 200) << res->body;
  const auto task = body(res)["task"];
  EXPECT_EQ(task["state"], "withdrawn");
  EXPECT_EQ(task["status"], "cancelled");
  EXPECT_EQ(task["calls_kind"], "withdrawn");
  EXPECT_EQ(task["calls"], "Снят с обзвона");
  EXPECT_EQ(task["withdrawn_by"], kAdminLogin);
  EXPECT_TRUE(task["withdrawn_at"].is_string());
  EXPECT_EQ(post_json(b_, "/api/tasks/" + id + "/withdraw", {})->status, 409);
  auto calling =
      post_json(b_, "/api/tasks/" + std::to_string(ids_["calling"][0]) + "/withdraw", {});
  EXPECT_EQ(calling->status, 409);
  EXPECT_NE(calling->body.find("Идёт звонок"), std::string::npos);
  EXPECT_EQ(db().query_int("SELECT count(*) FROM audit_log WHERE action = 'task.withdraw'").value(),
            1);
}

TEST_F(AdminDay, call_now_is_refused_while_calling_is_off_and_reopens_an_unreached_patient) {
  const auto id = std::to_string(ids_["exhausted"][0]);
  auto off = post_json(b_, "/api/tasks/" + id + "/call-now", {});
  EXPECT_EQ(off->status, 409);
  EXPECT_NE(off->body.find("Обзвон остановлен"), std::string::npos);
  calling_all_day();
  auto res = post_json(b_, "/api/tasks/" + id + "/call-now", {});
  ASSERT_EQ(res->status, 202) << res->body;
  EXPECT_EQ(body(res)["task"]["state"], "pending");
  EXPECT_EQ(body(res)["task"]["attempts_max"], 3);
  EXPECT_EQ(
      post_json(b_, "/api/tasks/" + std::to_string(ids_["confirmed"][0]) + "/call-now", {})->status,
      409);
  EXPECT_EQ(db().query_int("SELECT count(*) FROM audit_log WHERE action = 'task.call_now'").value(),
            1);
}

TEST_F(AdminDay, bulk_actions_do_what_they_can_and_say_why_not_for_the_rest) {
  auto res =
      post_json(b_, "/api/tasks/bulk",
                {{"action", "withdraw"},
                 {"ids", {ids_["pending"][0], ids_["pending"][1], ids_["calling"][0], 999999}}});
  ASSERT_EQ(res->status, 200) << res->body;
  const auto out = body(res);
  EXPECT_EQ(out["done"], nlohmann::json({ids_["pending"][0], ids_["pending"][1]}));
  ASSERT_EQ(out["refused"].size(), 2u);
  EXPECT_EQ(out["refused"][0]["id"], ids_["calling"][0]);
  EXPECT_EQ(out["refused"][1]["message"], "Задание не найдено");
  EXPECT_EQ(db().query_int("SELECT count(*) FROM audit_log WHERE action = 'task.withdraw'").value(),
            1);
  EXPECT_EQ(post_json(b_, "/api/tasks/bulk", {{"action", "erase"}, {"ids", {1}}})->status, 400);
  EXPECT_EQ(
      post_json(b_, "/api/tasks/bulk", {{"action", "withdraw"}, {"ids", nlohmann::json::array()}})
          ->status,
      400);
}

TEST_F(AdminDay, the_status_strip_names_the_missing_sip_account_only_while_calling_is_on) {
  auto res = get(b_, "/api/status");
  ASSERT_EQ(res->status, 200);
  EXPECT_TRUE(body(res)["problem"].is_null());
  calling_all_day();
  res = get(b_, "/api/status");
  const auto problem = body(res)["problem"];
  EXPECT_EQ(problem["code"], "no_sip_account");
  EXPECT_EQ(problem["text"], "не настроена учётная запись телефонии");
  EXPECT_EQ(problem["link"], "/settings/sip");
}

TEST_F(AdminDay, task_rows_carry_the_calls_text) {
  auto res = get(b_, "/api/tasks/" + std::to_string(ids_["exhausted"][0]));
  ASSERT_EQ(res->status, 200);
  EXPECT_EQ(body(res)["calls"], "Не дозвонились (1 из 3)");
  EXPECT_EQ(body(res)["calls_kind"], "unreached");
  EXPECT_TRUE(body(res)["withdrawn_by"].is_null());
}

}  // namespace
}  // namespace robocall::http::testing
