// GET /api/statistics (docs/BEHAVIOUR.md "Statistics"): any role reads it,
// each read is audited, every day and outcome and hour is in the answer,
// and bad ranges or campaigns are refused in Russian with nothing else done.
#include <algorithm>

#include "api_fixture.h"
#include "domain/local_time.h"
#include "domain/outcome.h"
#include "store/audit_repo.h"
#include "store/tasks_repo.h"

namespace robocall::http::testing {
namespace {

using namespace std::chrono;

constexpr std::string_view kRegistrarPassword = "пароль-регистратора-1";

class StatisticsApi : public ApiTest {
 protected:
  // A task with one busy call that started at `date` 23:59:59 (Moscow).
  void busy_call_at_end_of(year_month_day date) {
    domain::Task t;
    t.phone = "9161234567";
    t.full_name = "Петров Пётр Петрович";
    t.appointment = domain::local_instant(date, hours{24 * 7});
    t.birth_date = year{1980} / March / 4;
    const std::vector<domain::Task> tasks{t};
    auto ids = store::TasksRepo(db()).insert(tasks, std::nullopt, t.appointment);
    ASSERT_TRUE(ids.ok()) << ids.error().message;
    const auto started = domain::local_instant(date, hours{23} + minutes{59} + seconds{59});
    ASSERT_TRUE(db().exec("INSERT INTO attempts(task_id, number, started_at, ended_at, outcome)"
                          " VALUES (" +
                          std::to_string(ids->front()) + ", 1, " +
                          std::to_string(started.time_since_epoch().count()) + ", " +
                          std::to_string(started.time_since_epoch().count() + 20) + ", 'busy')")
                    .ok());
  }

  int audited(std::string_view action) {
    auto entries = store::AuditRepo(db()).list(1000);
    if (!entries.ok()) return -1;
    return static_cast<int>(std::count_if(entries->begin(), entries->end(),
                                          [&](const auto& e) { return e.action == action; }));
  }
};

TEST_F(StatisticsApi, a_registrar_reads_every_day_outcome_and_hour_and_the_read_is_audited) {
  busy_call_at_end_of(year{2026} / March / 1);
  add_user_with_role("reg", kRegistrarPassword, domain::Role::kRegistrar);
  auto reg = login_as("reg", kRegistrarPassword);
  auto res = get(reg, "/api/statistics?from=2026-03-01&to=2026-03-02");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  const auto s = body(res);
  EXPECT_EQ(s["from"], "2026-03-01");
  EXPECT_EQ(s["campaign"], nullptr);
  EXPECT_EQ(s["totals"]["calls"], 1);
  EXPECT_EQ(s["totals"]["patients"], 1);
  EXPECT_EQ(s["totals"]["outcomes"].size(), domain::all_outcomes().size());
  ASSERT_EQ(s["days"].size(), 2u);
  EXPECT_EQ(s["days"][0]["date"], "2026-03-01");
  EXPECT_EQ(s["days"][0]["outcomes"]["busy"], 1);
  EXPECT_EQ(s["days"][1]["calls"], 0);
  ASSERT_EQ(s["hours"].size(), 24u);
  EXPECT_EQ(s["hours"][23]["calls"], 1);
  EXPECT_EQ(s["hours"][23]["answered"], 0);
  EXPECT_EQ(audited("statistics.view"), 1);
}

TEST_F(StatisticsApi, bad_dates_ranges_and_campaigns_are_refused_in_russian_and_not_audited) {
  auto b = login();
  const std::vector<std::pair<std::string, int>> cases{
      {"", 400},
      {"?from=2026-03-01", 400},
      {"?from=2026-02-30&to=2026-03-01", 400},
      {"?from=01.03.2026&to=2026-03-01", 400},
      {"?from=2026-03-02&to=2026-03-01", 400},
      {"?from=2026-01-01&to=2027-01-02", 400},
      {"?from=2026-03-01&to=2026-03-01&campaign=abc", 400},
      {"?from=2026-03-01&to=2026-03-01&campaign=0", 400},
      {"?from=2026-03-01&to=2026-03-01&campaign=999", 404},
  };
  for (const auto& [query, status] : cases) {
    auto res = get(b, "/api/statistics" + query);
    ASSERT_TRUE(res) << query;
    EXPECT_EQ(res->status, status) << query << ": " << res->body;
    EXPECT_FALSE(error_code(res).empty()) << query;
  }
  auto backwards = get(b, "/api/statistics?from=2026-03-02&to=2026-03-01");
  EXPECT_EQ(body(backwards)["error"]["message"], "Дата начала периода позже даты его окончания");
  EXPECT_EQ(audited("statistics.view"), 0);
}

TEST_F(StatisticsApi, a_whole_leap_year_is_one_range_and_needs_a_login) {
  auto b = login();
  auto res = get(b, "/api/statistics?from=2028-01-01&to=2028-12-31");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(body(res)["days"].size(), 366u);
  auto anonymous = client().Get("/api/statistics?from=2026-03-01&to=2026-03-01");
  ASSERT_TRUE(anonymous);
  EXPECT_EQ(anonymous->status, 401);
}

}  // namespace
}  // namespace robocall::http::testing
