#include "store/statistics.h"

#include <gtest/gtest.h>

#include "domain/local_time.h"
#include "domain/scoped_tz.h"
#include "store/schema.h"
#include "store/task_rows.h"
#include "store/tasks_repo.h"
#include "store/test_db.h"

namespace robocall::store {
namespace {

using domain::CallOutcome;
using std::chrono::hours;
using std::chrono::seconds;
using std::chrono::year_month_day;
namespace chr = std::chrono;

constexpr year_month_day kMar1 = chr::year{2026} / 3 / 1;
constexpr year_month_day kMar2 = chr::year{2026} / 3 / 2;
constexpr year_month_day kMar3 = chr::year{2026} / 3 / 3;

class StatisticsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = test_db_.open();
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    db_ = std::move(opened).value();
    ASSERT_TRUE(db_.exec("INSERT INTO campaigns(id, name, source, created_at, updated_at)"
                         " VALUES (1, 'Март', 'xlsx', 0, 0), (2, 'Апрель', 'xlsx', 0, 0)")
                    .ok());
  }

  std::int64_t task(std::int64_t campaign = 1) {
    domain::Task t;
    t.phone = "916" + std::to_string(1000000 + ++tasks_);
    t.full_name = "Пациент " + std::to_string(tasks_);
    t.appointment = domain::local_instant(chr::year{2026} / 4 / 1, hours{10});
    t.birth_date = chr::year{1980} / 1 / 1;
    const std::vector<domain::Task> one{t};
    const auto id = TasksRepo(db_).insert(one, std::nullopt, t.appointment).value().front();
    EXPECT_TRUE(db_.exec("UPDATE tasks SET campaign_id = " + std::to_string(campaign) +
                         " WHERE id = " + std::to_string(id))
                    .ok());
    return id;
  }

  // An attempt of `task` started at the local `date` and `time`; nullopt
  // outcome: still in flight.
  void call(std::int64_t task_id, year_month_day date, seconds time,
            std::optional<CallOutcome> outcome, bool answered = false) {
    const auto started = to_unix(domain::local_instant(date, time));
    auto stmt = db_.prepare(
        "INSERT INTO attempts(task_id, number, started_at, answered_at, ended_at, outcome)"
        " VALUES (?1, (SELECT count(*) + 1 FROM attempts WHERE task_id = ?1), ?2, ?3, ?4, ?5)");
    ASSERT_TRUE(stmt.ok());
    stmt->bind(1, task_id).bind(2, started);
    stmt->bind(3, answered ? std::optional<std::int64_t>(started + 5) : std::nullopt);
    if (outcome) {
      stmt->bind(4, started + 30).bind(5, domain::to_string(*outcome));
    } else {
      stmt->bind_null(4).bind_null(5);
    }
    ASSERT_TRUE(stmt->run().ok());
  }

  Statistics read(year_month_day from, year_month_day to,
                  std::optional<std::int64_t> campaign = std::nullopt) {
    auto got = read_statistics(db_, {from, to, campaign});
    EXPECT_TRUE(got.ok()) << got.error().message;
    return got.ok() ? *got : Statistics{};
  }

  domain::ScopedTz tz_{"Europe/Moscow"};
  TestDatabase test_db_;
  Connection db_;
  int tasks_ = 0;
};

seconds at(int h, int m, int s) {
  return hours{h} + chr::minutes{m} + seconds{s};
}

TEST_F(StatisticsTest, a_call_at_23_59_59_counts_on_its_day_and_one_at_midnight_on_the_next) {
  const auto t = task();
  call(t, kMar1, at(23, 59, 59), CallOutcome::kBusy);
  call(t, kMar2, at(0, 0, 0), CallOutcome::kNoAnswer);
  const auto s = read(kMar1, kMar2);
  ASSERT_EQ(s.days.size(), 2u);
  EXPECT_EQ(s.days[0].date, kMar1);
  EXPECT_EQ(s.days[0].counts.calls, 1);
  EXPECT_EQ(s.days[0].counts.by_outcome.at(CallOutcome::kBusy), 1);
  EXPECT_EQ(s.days[1].date, kMar2);
  EXPECT_EQ(s.days[1].counts.calls, 1);
  EXPECT_EQ(s.days[1].counts.by_outcome.at(CallOutcome::kNoAnswer), 1);
  EXPECT_EQ(s.hours[23].calls, 1);
  EXPECT_EQ(s.hours[0].calls, 1);
}

TEST_F(StatisticsTest, both_ends_of_the_range_are_inclusive_and_nothing_outside_counts) {
  const auto t = task();
  call(t, chr::year{2026} / 2 / 28, at(23, 59, 59), CallOutcome::kConfirmed);  // before
  call(t, kMar1, at(0, 0, 0), CallOutcome::kConfirmed);                        // first second
  call(t, kMar2, at(23, 59, 59), CallOutcome::kCancelled);                     // last second
  call(t, kMar3, at(0, 0, 0), CallOutcome::kCancelled);                        // after
  const auto s = read(kMar1, kMar2);
  EXPECT_EQ(s.totals.calls, 2);
  EXPECT_EQ(s.totals.by_outcome.at(CallOutcome::kConfirmed), 1);
  EXPECT_EQ(s.totals.by_outcome.at(CallOutcome::kCancelled), 1);
  EXPECT_EQ(s.days[0].counts.calls, 1);
  EXPECT_EQ(s.days[1].counts.calls, 1);
}

TEST_F(StatisticsTest, a_range_without_calls_has_every_day_every_outcome_and_every_hour_at_zero) {
  const auto s = read(kMar1, kMar3);
  ASSERT_EQ(s.days.size(), 3u);
  EXPECT_EQ(s.days[2].date, kMar3);
  for (const auto* c : {&s.totals, &s.days[0].counts, &s.days[1].counts, &s.days[2].counts}) {
    EXPECT_EQ(c->calls, 0);
    EXPECT_EQ(c->by_outcome.size(), domain::all_outcomes().size());
    for (const auto& [outcome, n] : c->by_outcome) EXPECT_EQ(n, 0) << domain::to_string(outcome);
  }
  for (const auto& h : s.hours) EXPECT_EQ(h.calls, 0);
  EXPECT_EQ(s.patients, 0);
}

TEST_F(StatisticsTest, every_outcome_has_its_own_bucket) {
  const auto t = task();
  int minute = 0;
  for (auto outcome : domain::all_outcomes()) call(t, kMar1, at(9, minute++, 0), outcome);
  const auto s = read(kMar1, kMar1);
  EXPECT_EQ(s.totals.calls, static_cast<std::int64_t>(domain::all_outcomes().size()));
  for (auto outcome : domain::all_outcomes())
    EXPECT_EQ(s.totals.by_outcome.at(outcome), 1) << domain::to_string(outcome);
}

TEST_F(StatisticsTest, patients_are_distinct_tasks_and_calls_in_flight_are_not_counted) {
  const auto a = task();
  const auto b = task();
  const auto c = task();
  call(a, kMar1, at(10, 0, 0), CallOutcome::kNoAnswer);
  call(a, kMar1, at(12, 0, 0), CallOutcome::kConfirmed, true);
  call(b, kMar1, at(12, 30, 0), CallOutcome::kNoInput, true);
  call(c, kMar1, at(13, 0, 0), std::nullopt);
  const auto s = read(kMar1, kMar1);
  EXPECT_EQ(s.totals.calls, 3);
  EXPECT_EQ(s.totals.answered, 2);
  EXPECT_EQ(s.patients, 2);
  EXPECT_EQ(s.hours[10].calls, 1);
  EXPECT_EQ(s.hours[10].answered, 0);
  EXPECT_EQ(s.hours[12].calls, 2);
  EXPECT_EQ(s.hours[12].answered, 2);
  EXPECT_EQ(s.hours[13].calls, 0);
}

TEST_F(StatisticsTest, a_campaign_counts_only_its_own_tasks_calls) {
  const auto march = task(1);
  const auto april = task(2);
  call(march, kMar1, at(10, 0, 0), CallOutcome::kConfirmed, true);
  call(april, kMar1, at(11, 0, 0), CallOutcome::kBusy);
  call(april, kMar1, at(15, 0, 0), CallOutcome::kCancelled, true);
  const auto s = read(kMar1, kMar1, 2);
  EXPECT_EQ(s.totals.calls, 2);
  EXPECT_EQ(s.totals.by_outcome.at(CallOutcome::kConfirmed), 0);
  EXPECT_EQ(s.patients, 1);
  EXPECT_EQ(s.hours[10].calls, 0);
  EXPECT_EQ(s.hours[15].answered, 1);
  EXPECT_EQ(read(kMar1, kMar1).totals.calls, 3);
}

TEST_F(StatisticsTest, the_repeated_hour_of_an_autumn_change_counts_both_passes_in_its_hour) {
  domain::ScopedTz berlin("Europe/Berlin");
  const year_month_day change = chr::year{2026} / 10 / 25;  // 03:00 CEST -> 02:00 CET
  const auto t = task();
  const auto first_two = to_unix(domain::local_instant(change, hours{2}));
  auto stmt = db_.prepare(
      "INSERT INTO attempts(task_id, number, started_at, ended_at, outcome)"
      " VALUES (?1, 1, ?2, ?2, 'busy'), (?1, 2, ?2 + 3600, ?2 + 3600, 'busy')");
  ASSERT_TRUE(stmt.ok());
  stmt->bind(1, t).bind(2, first_two);
  ASSERT_TRUE(stmt->run().ok());
  const auto s = read(change, change);
  EXPECT_EQ(s.hours[2].calls, 2);
  EXPECT_EQ(s.hours[3].calls, 0);
  EXPECT_EQ(s.days[0].counts.calls, 2);
}

TEST(StatisticsRange, is_refused_in_russian_when_longer_than_366_days_or_backwards) {
  const year_month_day jan1 = chr::year{2028} / 1 / 1;
  EXPECT_TRUE(check_statistics_range(jan1, chr::year{2028} / 12 / 31).ok());  // 366 days
  EXPECT_TRUE(check_statistics_range(jan1, jan1).ok());
  const auto too_long = check_statistics_range(jan1, chr::year{2029} / 1 / 1);
  ASSERT_FALSE(too_long.ok());
  EXPECT_EQ(too_long.error().code, Errc::kInvalidArgument);
  EXPECT_EQ(too_long.error().message, "Период статистики — не длиннее 366 дней");
  const auto backwards = check_statistics_range(chr::year{2028} / 1 / 2, jan1);
  ASSERT_FALSE(backwards.ok());
  EXPECT_EQ(backwards.error().message, "Дата начала периода позже даты его окончания");
}

TEST_F(StatisticsTest, reading_a_too_long_range_is_refused) {
  const auto got = read_statistics(db_, {kMar1, chr::year{2027} / 3 / 2, std::nullopt});
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.error().code, Errc::kInvalidArgument);
}

}  // namespace
}  // namespace robocall::store
