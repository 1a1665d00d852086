#include "store/task_summary.h"

#include <variant>

#include "store/task_list.h"
#include "store/task_rows.h"

namespace robocall::store {

std::string bucket_sql(domain::Bucket bucket, int now_param) {
  const std::string now = "?" + std::to_string(now_param);
  switch (bucket) {
    case domain::Bucket::kConfirmed:
      return "state = 'confirmed'";
    case domain::Bucket::kCancelled:
      return "(state = 'cancelled' OR state = 'withdrawn')";
    case domain::Bucket::kUnreached:
      return "(state = 'exhausted' OR state = 'expired' OR state = 'not_verified' OR"
             " (state = 'pending' AND appointment <= " +
             now + "))";
    case domain::Bucket::kInProgress:
      return "(state = 'calling' OR (state = 'pending' AND appointment > " + now + "))";
  }
  return "0";
}

Result<TaskSummary> summarize(Connection& db, TaskFilter filter, domain::Instant now) {
  filter.statuses.clear();
  const auto where = task_where(filter);
  // `now` is ?1, ahead of the filter's parameters in the text and in binding.
  constexpr int now_param = 1;
  auto sum = [&](domain::Bucket b) {
    return ", count(*) FILTER (WHERE " + bucket_sql(b, now_param) + ")";
  };
  const std::string sql =
      "SELECT count(*)" + sum(domain::Bucket::kConfirmed) + sum(domain::Bucket::kCancelled) +
      sum(domain::Bucket::kUnreached) + sum(domain::Bucket::kInProgress) +
      ", count(*) FILTER (WHERE state = 'calling')"
      ", min(CASE WHEN state = 'pending' AND appointment > ?" +
      std::to_string(now_param) + " THEN next_attempt END) FROM tasks" + where.sql;
  auto tx = Transaction::begin(db, Transaction::Kind::kRead);
  if (!tx) return tx.error();
  auto stmt = db.prepare(sql);
  if (!stmt) return stmt.error();
  stmt->bind(now_param, to_unix(now));
  int index = now_param;
  for (const auto& p : where.params) {
    ++index;
    std::visit([&](const auto& v) { stmt->bind(index, v); }, p);
  }
  auto row = stmt->step();
  if (!row) return row.error();
  TaskSummary s;
  s.total = stmt->column_int(0);
  s.confirmed = stmt->column_int(1);
  s.cancelled = stmt->column_int(2);
  s.unreached = stmt->column_int(3);
  s.in_progress = stmt->column_int(4);
  s.any_calling = stmt->column_int(5) > 0;
  if (auto due = stmt->column_optional_int(6)) s.earliest_due = from_unix(*due);
  return s;
}

}  // namespace robocall::store
