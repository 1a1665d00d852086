#include "store/statistics.h"

#include <string>

#include "domain/local_time.h"
#include "store/task_rows.h"

namespace robocall::store {
namespace {

using std::chrono::hours;
using std::chrono::sys_days;

// Attempts of the campaign's tasks only, when one is asked for: a list read
// once by tasks_campaign. The unary + keeps the planner on attempts_started
// (without it, it walks every attempt of the campaign once per hour bucket).
// The campaign is parameter `param` (PostgreSQL needs every parameter
// before it used, so each statement numbers it after its own).
std::string campaign_clause(const StatisticsQuery& q, int param) {
  return q.campaign_id ? " AND +a.task_id IN (SELECT id FROM tasks WHERE campaign_id = ?" +
                             std::to_string(param) + ")"
                       : "";
}

void bind_campaign(Statement& stmt, const StatisticsQuery& q, int param) {
  if (q.campaign_id) stmt.bind(param, *q.campaign_id);
}

// The buckets of parameter 1 (hour_buckets) as rows (k, lo, hi), k from 0.
std::string bucket_rows(const Connection& db) {
  if (db.backend() == Backend::kPostgres)
    return "SELECT ord - 1, CAST(v->>0 AS BIGINT), CAST(v->>1 AS BIGINT)"
           " FROM json_array_elements(CAST(?1 AS json)) WITH ORDINALITY AS e(v, ord)";
  return "SELECT key, json_extract(value, '$[0]'), json_extract(value, '$[1]')"
         " FROM json_each(?1)";
}

CallCounts zero_counts() {
  CallCounts c;
  for (auto outcome : domain::all_outcomes()) c.by_outcome[outcome] = 0;
  return c;
}

// The local hours of the range as JSON [[start, end], ...], in unix seconds,
// day by day and hour 0 to 23 within a day: the bucket of day i, hour h is
// element i * 24 + h. An hour skipped by a spring-forward change is empty;
// an hour repeated in autumn holds both passes (domain::to_instant).
std::string hour_buckets(const StatisticsQuery& q, int days) {
  std::string json = "[";
  for (int i = 0; i < days; ++i) {
    const std::chrono::year_month_day date{sys_days{q.from} + std::chrono::days{i}};
    for (int h = 0; h < 24; ++h) {
      const auto lo = domain::local_instant(date, hours{h});
      const auto hi = domain::local_instant(date, hours{h + 1});
      if (i + h > 0) json += ',';
      json += '[' + std::to_string(to_unix(lo)) + ',' + std::to_string(to_unix(hi)) + ']';
    }
  }
  return json + ']';
}

// One pass over attempts_started, one index range per local hour: calls and
// answered calls by hour bucket and outcome.
Status count_by_hour(Connection& db, const StatisticsQuery& q, int days, Statistics& out) {
  auto stmt =
      db.prepare("WITH b(k, lo, hi) AS (" + bucket_rows(db) +
                 ")"
                 " SELECT b.k, a.outcome, count(*), count(a.answered_at)"
                 " FROM b CROSS JOIN attempts a"
                 " WHERE a.started_at >= b.lo AND a.started_at < b.hi AND a.outcome IS NOT NULL" +
                 campaign_clause(q, 2) + " GROUP BY b.k, a.outcome");
  if (!stmt) return stmt.error();
  stmt->bind(1, hour_buckets(q, days));
  bind_campaign(*stmt, q, 2);
  for (;;) {
    auto row = stmt->step();
    if (!row) return row.error();
    if (!*row) break;
    const auto bucket = stmt->column_int(0);
    const auto outcome = domain::outcome_from_string(stmt->column_view(1));
    if (!outcome) return Error::corrupt("Неизвестный исход звонка «" + stmt->column_text(1) + "»");
    const auto calls = stmt->column_int(2);
    const auto answered = stmt->column_int(3);
    auto& day = out.days[static_cast<std::size_t>(bucket / 24)].counts;
    auto& hour = out.hours[static_cast<std::size_t>(bucket % 24)];
    for (auto* c : {&day, &out.totals}) {
      c->calls += calls;
      c->answered += answered;
      c->by_outcome[*outcome] += calls;
    }
    hour.calls += calls;
    hour.answered += answered;
  }
  return {};
}

Status count_patients(Connection& db, const StatisticsQuery& q, Statistics& out) {
  auto stmt = db.prepare(
      "SELECT count(DISTINCT a.task_id) FROM attempts a"
      " WHERE a.started_at >= ?1 AND a.started_at < ?2 AND a.outcome IS NOT NULL" +
      campaign_clause(q, 3));
  if (!stmt) return stmt.error();
  stmt->bind(1, to_unix(domain::local_day_start(q.from)))
      .bind(2, to_unix(domain::local_day_end(q.to)));
  bind_campaign(*stmt, q, 3);
  auto row = stmt->step();
  if (!row) return row.error();
  out.patients = stmt->column_int(0);
  return {};
}

}  // namespace

Status check_statistics_range(std::chrono::year_month_day from, std::chrono::year_month_day to) {
  if (!from.ok() || !to.ok()) return Error::invalid("Укажите существующие даты периода");
  if (sys_days{from} > sys_days{to})
    return Error::invalid("Дата начала периода позже даты его окончания");
  if ((sys_days{to} - sys_days{from}).count() + 1 > kMaxStatisticsDays)
    return Error::invalid("Период статистики — не длиннее " + std::to_string(kMaxStatisticsDays) +
                          " дней");
  return {};
}

Result<Statistics> read_statistics(Connection& db, const StatisticsQuery& query) {
  if (auto st = check_statistics_range(query.from, query.to); !st) return st.error();
  const int days = static_cast<int>((sys_days{query.to} - sys_days{query.from}).count()) + 1;
  Statistics out;
  out.totals = zero_counts();
  for (int i = 0; i < days; ++i)
    out.days.push_back({sys_days{query.from} + std::chrono::days{i}, zero_counts()});
  auto tx = Transaction::begin(db, Transaction::Kind::kRead);
  if (!tx) return tx.error();
  if (auto st = count_by_hour(db, query, days, out); !st) return st.error();
  if (auto st = count_patients(db, query, out); !st) return st.error();
  return out;
}

}  // namespace robocall::store
