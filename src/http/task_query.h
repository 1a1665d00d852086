// Reading the task list's query string (sort, order, from, to, q, campaign,
// status, limit, offset) into a store::TaskQuery, strictly: unknown sort keys, bad dates,
// from after to, out-of-range numbers are invalid_argument errors.
// Pure; any thread.
#pragma once

#include <chrono>
#include <optional>

#include "common/result.h"
#include "http/message.h"
#include "store/tasks_repo.h"

namespace robocall::http {

inline constexpr int kMaxPageSize = 500;

struct ParsedTaskQuery {
  store::TaskQuery query;
  std::optional<std::chrono::year_month_day> from;  // as given, for file names
  std::optional<std::chrono::year_month_day> to;
};

// With paged = false, limit and offset are not read (export).
Result<ParsedTaskQuery> parse_task_query(const Params& params, bool paged);

}  // namespace robocall::http
