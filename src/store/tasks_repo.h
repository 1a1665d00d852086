// TasksRepo: the tasks table — batch insert for imports, lookups for dedupe,
// the sorted/filtered task list with its total, export and "updated since"
// iteration. Borrows a Connection: use it on that connection's thread only.
// Every list order ends with id, so pages never overlap or skip rows.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "common/result.h"
#include "domain/task.h"
#include "domain/task_buckets.h"
#include "store/connection.h"

namespace robocall::store {

enum class TaskSort {
  kId,           // id
  kName,         // full name, then appointment, then id
  kAppointment,  // appointment, then id
  kStatus,  // list status (Неизвестно < Отмена < Подтверждение), then appointment, then id
};
enum class SortOrder { kAsc, kDesc };  // applies to every key of the sort

struct TaskFilter {
  std::optional<domain::Instant> from;      // appointment >= from
  std::optional<domain::Instant> to;        // appointment < to
  std::string search;                       // part of the name (any case, ё = е) or of the phone
  std::optional<std::int64_t> campaign_id;  // tasks of this campaign only
  // «Статус»: tasks in any of these (none: every task); the buckets of a
  // pending task depend on `now` (domain/task_buckets.h).
  std::vector<domain::StatusFilter> statuses;
  domain::Instant now{};
};

struct TaskQuery {
  TaskFilter filter;
  TaskSort sort = TaskSort::kId;
  SortOrder order = SortOrder::kDesc;
  int limit = 50;           // 1..1000
  std::int64_t offset = 0;  // >= 0
};

struct TaskPage {
  std::vector<domain::Task> tasks;
  std::int64_t total = 0;  // rows matching the filter, regardless of limit/offset
};

class TasksRepo {
 public:
  explicit TasksRepo(Connection& db) : db_(db) {}

  // Inserts every task in one transaction (a savepoint inside the caller's
  // transaction, if any) and returns their ids in input order. id, state
  // (pending), attempts (0), created and updated are set here; next_attempt
  // defaults to `now`. All or nothing: a duplicate external_id is kConflict,
  // an invalid birth date or an appointment before 1970 kInvalidArgument.
  // The tasks join `campaign_id` when given (docs/BEHAVIOUR.md "Campaigns").
  Result<std::vector<std::int64_t>> insert(std::span<const domain::Task> tasks,
                                           std::optional<std::int64_t> import_id,
                                           domain::Instant now,
                                           std::optional<std::int64_t> campaign_id = {});

  Result<domain::Task> get(std::int64_t id);  // kNotFound when absent
  // How many tasks are stored; from the hour counts, so cheap at any size.
  Result<std::int64_t> count_all();
  Result<std::optional<domain::Task>> find_by_external_id(std::string_view external_id);

  // For each (phone, appointment) pair: does a task with exactly both exist?
  using PhoneAt = std::pair<std::string, domain::Instant>;
  Result<std::vector<bool>> exist(std::span<const PhoneAt> pairs);
  // For each external id: the id of its task, or nullopt.
  Result<std::vector<std::optional<std::int64_t>>> ids_by_external_id(
      std::span<const std::string> external_ids);

  // One page of the list and the total count, read in one snapshot.
  Result<TaskPage> list(const TaskQuery& query);

  // Calls `row` for every task matching the filter in the query's order, read
  // in one snapshot without holding them all in memory (limit/offset ignored).
  // An error from `row` stops the iteration and is returned.
  Status for_each(const TaskQuery& query, const std::function<Status(const domain::Task&)>& row);

  // Tasks updated at or after `since`, ordered by (updated, id), strictly
  // after the (since, after_id) cursor, with the appointment in [from, to)
  // when given; at most `limit` of those (the filter comes before the limit,
  // so a page is short only at the end). For the integration API.
  Result<std::vector<domain::Task>> updated_since(
      domain::Instant since, std::int64_t after_id, int limit,
      std::optional<domain::Instant> from = std::nullopt,
      std::optional<domain::Instant> to = std::nullopt);

  // «Снять с обзвона» (docs/BEHAVIOUR.md "Taking a patient off calling"):
  // the task becomes withdrawn, with who and when. kConflict with a Russian
  // message while it is being called or when it is final already;
  // kNotFound when absent. In task_actions.cc.
  Result<domain::Task> withdraw(std::int64_t id, std::string_view login, domain::Instant now);
  // «Позвонить сейчас» (docs/BEHAVIOUR.md "Call now"): the task is due at
  // `now` and marked so that the dialer claims it before the others; an
  // unreached final task (attempts used up, not verified) opens one more
  // attempt. kConflict with a Russian message while it is being called, when
  // confirmed, cancelled or withdrawn, or when its appointment has begun.
  Result<domain::Task> call_now(std::int64_t id, domain::Instant now);

 private:
  Connection& db_;
};

}  // namespace robocall::store
