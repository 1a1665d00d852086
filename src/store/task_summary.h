// The summary of the task list (docs/BEHAVIOUR.md "The summary"): patients per
// bucket for a filter, and the SQL of each bucket that the list's «Статус»
// filter uses too, so the counters and the filtered lists always agree. The
// SQL follows domain::bucket_of (task_summary_test.cc checks every state).
// Borrows a Connection: use it on that connection's thread only.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "common/result.h"
#include "domain/task_buckets.h"
#include "store/connection.h"
#include "store/tasks_repo.h"

namespace robocall::store {

// A condition on a row of tasks; `?N` is the current instant (unix seconds).
std::string bucket_sql(domain::Bucket bucket, int now_param);

struct TaskSummary {
  std::int64_t total = 0;
  std::int64_t confirmed = 0;
  std::int64_t cancelled = 0;  // withdrawn ones too
  std::int64_t unreached = 0;
  std::int64_t in_progress = 0;
  bool any_calling = false;
  std::optional<domain::Instant> earliest_due;  // of the pending tasks still ahead
};

// Every task the filter takes (its statuses are ignored), read in one snapshot.
Result<TaskSummary> summarize(Connection& db, TaskFilter filter, domain::Instant now);

}  // namespace robocall::store
