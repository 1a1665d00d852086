// TasksBulkLoad: appends many tasks inside the caller's write transaction,
// several times faster than TasksRepo::insert once the load is as large as
// the table. begin() drops the hour-count insert trigger and every secondary
// index of `tasks` but the one by phone when the caller still looks tasks up
// by phone (TasksRepo::exist()); the UNIQUE constraint's index stays.
// insert() then writes each row with only the table (an append) and the
// kept indexes to maintain, counting the rows per hour; finish() recreates
// every dropped index from the definition it had (one sort each, instead of
// a B-tree descent per row and index) and adds the counts to
// task_hour_counts.
//
// The DDL belongs to the transaction: a rollback, or the process killed
// before the commit, leaves the schema as it was, and other connections see
// the old schema with its indexes until the commit. finish() must run before
// the commit; destroyed without it, the loader rolls the whole transaction
// back, so that a commit can never store a table without its indexes.
// On PostgreSQL nothing is dropped and the trigger counts (see
// tasks_bulk_load.cc): the load is a plain batched insert there.
// Borrows a Connection: use it on that connection's thread only.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "common/result.h"
#include "domain/task.h"
#include "store/connection.h"

namespace robocall::store {

class TasksBulkLoad {
 public:
  enum class Lookups { kNone, kByPhone };
  // kInvalidArgument unless a write transaction is open on `db`.
  static Result<TasksBulkLoad> begin(Connection& db, Lookups lookups);

  TasksBulkLoad(TasksBulkLoad&& other) noexcept;
  TasksBulkLoad& operator=(TasksBulkLoad&&) = delete;
  TasksBulkLoad(const TasksBulkLoad&) = delete;
  TasksBulkLoad& operator=(const TasksBulkLoad&) = delete;
  ~TasksBulkLoad();

  // As TasksRepo::insert (same columns, same checks, ids in input order),
  // but without a savepoint of its own: after an error the caller rolls the
  // transaction back.
  Result<std::vector<std::int64_t>> insert(std::span<const domain::Task> tasks,
                                           std::optional<std::int64_t> import_id,
                                           domain::Instant now,
                                           std::optional<std::int64_t> campaign_id = {});

  // Recreates the indexes and the trigger and counts the loaded rows.
  Status finish();

 private:
  explicit TasksBulkLoad(Connection& db) : db_(&db) {}
  // One statement for `tasks` (as many rows as it has VALUES); appends the
  // ids they took to `ids` (SQLite: checks them and moves last_id_ past them).
  Status insert_rows(Statement& stmt, std::span<const domain::Task> tasks,
                     std::optional<std::int64_t> import_id, domain::Instant now,
                     std::optional<std::int64_t> campaign_id, std::vector<std::int64_t>& ids);

  Connection* db_;
  std::vector<std::string> definitions_;  // CREATE INDEX / CREATE TRIGGER, as stored
  // Loaded rows per hour of appointment, a run of the same hour in one entry.
  std::vector<std::pair<std::int64_t, std::int64_t>> hours_;
  std::int64_t last_id_ = 0;  // the largest id in the table (SQLite)
  Statement insert_one_;
  Statement insert_many_;
  bool open_ = false;
};

}  // namespace robocall::store
