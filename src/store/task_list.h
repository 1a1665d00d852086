// The task list query: picks a plan per request (walk the sort's index, or
// sort the rows of the date range, or one segment per status) so every sort
// stays fast at a million tasks. Internal to TasksRepo; same thread rules.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "common/result.h"
#include "store/connection.h"
#include "store/tasks_repo.h"

namespace robocall::store {

// The WHERE clause of a filter (empty or starting with " WHERE ") and its
// parameters, in order.
struct TaskWhere {
  using Param = std::variant<std::int64_t, std::string>;
  std::string sql;
  std::vector<Param> params;
};

TaskWhere task_where(const TaskFilter& filter);
std::string task_order_by(TaskSort sort, SortOrder order);
// Binds the parameters from index 1; returns the last index used.
int bind_where(Statement& stmt, const TaskWhere& where);

// The total and the ids of one page, in list order. REQUIRES: a read
// transaction is open on `db` (count and page come from one snapshot).
struct PageIds {
  std::int64_t total = 0;
  std::vector<std::int64_t> ids;
};
Result<PageIds> page_ids(Connection& db, const TaskQuery& query);

}  // namespace robocall::store
