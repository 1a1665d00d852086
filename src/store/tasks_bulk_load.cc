#include "store/tasks_bulk_load.h"

#include <sqlite3.h>

#include <algorithm>
#include <utility>

#include "store/task_rows.h"

namespace robocall::store {
namespace {

// The trigger that keeps task_hour_counts on insert (schema v3). While it is
// dropped, finish() counts the loaded rows with the same expression.
constexpr const char* kCountTrigger = "tasks_count_insert";
// The index TasksRepo::exist() looks up.
constexpr const char* kPhoneIndex = "tasks_phone";

}  // namespace

Result<TasksBulkLoad> TasksBulkLoad::begin(Connection& db, Lookups lookups) {
  if (sqlite3_txn_state(db.handle(), "main") != SQLITE_TXN_WRITE)
    return Error::invalid("Массовая загрузка заданий возможна только внутри транзакции записи");
  TasksBulkLoad load(db);
  // Autoindexes (UNIQUE constraints) have no SQL and stay; so does the
  // phone index when the caller looks tasks up by phone. Even the indexes
  // led by id or updated_at, where every loaded row lands at the end, cost
  // more kept (a B-tree descent per row) than rebuilt.
  auto ddl = db.prepare(
      "SELECT s.type, s.name, s.sql FROM sqlite_schema AS s"
      " WHERE s.tbl_name = 'tasks' AND s.sql IS NOT NULL"
      " AND ((s.type = 'index' AND NOT (?1 AND s.name = ?2))"
      "   OR (s.type = 'trigger' AND s.name = ?3))"
      " ORDER BY s.type, s.name");
  if (!ddl) return ddl.error();
  ddl->bind(1, lookups == Lookups::kByPhone ? 1 : 0).bind(2, kPhoneIndex).bind(3, kCountTrigger);
  std::vector<std::pair<std::string, std::string>> drops;  // (type, name)
  for (;;) {
    auto row = ddl->step();
    if (!row) return row.error();
    if (!*row) break;
    drops.emplace_back(ddl->column_text(0), ddl->column_text(1));
    load.definitions_.push_back(ddl->column_text(2));
  }
  ddl = Statement{};
  for (const auto& [type, name] : drops) {
    if (auto st = db.exec("DROP " + type + " \"" + name + "\""); !st) return st.error();
  }
  load.open_ = true;
  auto insert = db.prepare(
      "INSERT INTO tasks(external_id, phone, full_name, appointment, birth_date, extra,"
      " next_attempt, state, attempts, import_id, created_at, updated_at)"
      " VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?)");
  if (!insert) return insert.error();
  load.insert_ = std::move(*insert);
  return load;
}

TasksBulkLoad::TasksBulkLoad(TasksBulkLoad&& other) noexcept
    : db_(other.db_),
      definitions_(std::move(other.definitions_)),
      hours_(std::move(other.hours_)),
      insert_(std::move(other.insert_)),
      open_(std::exchange(other.open_, false)) {}

TasksBulkLoad::~TasksBulkLoad() {
  if (!open_) return;
  insert_ = Statement{};
  // The indexes are dropped: no commit may follow. The caller's Transaction
  // then finds no transaction to end, and its commit fails.
  (void)db_->exec("ROLLBACK");
}

Result<std::vector<std::int64_t>> TasksBulkLoad::insert(std::span<const domain::Task> tasks,
                                                        std::optional<std::int64_t> import_id,
                                                        domain::Instant now) {
  if (!open_) return Error::internal("Массовая загрузка заданий уже завершена");
  const auto at = to_unix(now);
  std::vector<std::int64_t> ids;
  ids.reserve(tasks.size());
  for (const auto& t : tasks) {
    insert_.reset();
    if (auto st = bind_new_task(insert_, t, now); !st) return st.error();
    insert_.bind(8, import_id).bind(9, at).bind(10, at);
    if (auto st = insert_.run(); !st) {
      if (st.error().code == Errc::kConflict && !t.external_id.empty())
        return external_id_taken(t.external_id);
      return st.error();
    }
    ids.push_back(db_->last_insert_rowid());
    // As the trigger counts: SQLite's integer division truncates, as C++'s.
    const std::int64_t hour = to_unix(t.appointment) / 3600;
    if (hours_.empty() || hours_.back().first != hour) {
      hours_.emplace_back(hour, 1);
    } else {
      ++hours_.back().second;
    }
  }
  return ids;
}

Status TasksBulkLoad::finish() {
  if (!open_) return Error::internal("Массовая загрузка заданий уже завершена");
  insert_ = Statement{};
  for (const auto& sql : definitions_) {
    if (auto st = db_->exec(sql); !st) return st;
  }
  // Runs of rows in the same hour, merged: lists come sorted by time or close to it.
  std::sort(hours_.begin(), hours_.end());
  auto count = db_->prepare(
      "INSERT INTO task_hour_counts(hour, n) VALUES (?, ?)"
      " ON CONFLICT(hour) DO UPDATE SET n = n + excluded.n");
  if (!count) return count.error();
  for (std::size_t i = 0; i < hours_.size();) {
    const std::int64_t hour = hours_[i].first;
    std::int64_t n = 0;
    for (; i < hours_.size() && hours_[i].first == hour; ++i) n += hours_[i].second;
    count->reset();
    count->bind(1, hour).bind(2, n);
    if (auto st = count->run(); !st) return st;
  }
  hours_.clear();
  open_ = false;
  return {};
}

}  // namespace robocall::store
