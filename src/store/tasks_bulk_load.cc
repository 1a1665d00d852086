#include "store/tasks_bulk_load.h"

#include <sqlite3.h>

#include <algorithm>
#include <optional>
#include <utility>

#include "store/task_rows.h"

namespace robocall::store {
namespace {

// The trigger that keeps task_hour_counts on insert (schema v3). While it is
// dropped, finish() counts the loaded rows with the same expression.
constexpr const char* kCountTrigger = "tasks_count_insert";
// The index TasksRepo::exist() looks up.
constexpr const char* kPhoneIndex = "tasks_phone";
// Rows per INSERT statement: one statement's set-up (cursors, the table's
// last page, the foreign key's parent) serves them all.
constexpr std::size_t kRowsPerInsert = 32;
constexpr int kParamsPerRow = 11;

std::string insert_sql(std::size_t rows) {
  std::string sql =
      "INSERT INTO tasks(external_id, phone, full_name, appointment, birth_date, extra,"
      " next_attempt, state, attempts, import_id, created_at, updated_at, campaign_id) VALUES ";
  for (std::size_t i = 0; i < rows; ++i) {
    if (i > 0) sql += ", ";
    sql += "(?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?, ?)";
  }
  return sql;
}

bool in_write_transaction(Connection& db) {
  if (db.backend() == Backend::kSqlite)
    return sqlite3_txn_state(db.handle(), "main") == SQLITE_TXN_WRITE;
  return db.in_transaction();
}

// SQLite: drops the indexes and the trigger the load does without and
// keeps their definitions to recreate them.
Status drop_for_load(Connection& db, TasksBulkLoad::Lookups lookups,
                     std::vector<std::string>& definitions) {
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
  ddl->bind(1, lookups == TasksBulkLoad::Lookups::kByPhone ? 1 : 0)
      .bind(2, kPhoneIndex)
      .bind(3, kCountTrigger);
  std::vector<std::pair<std::string, std::string>> drops;  // (type, name)
  for (;;) {
    auto row = ddl->step();
    if (!row) return row.error();
    if (!*row) break;
    drops.emplace_back(ddl->column_text(0), ddl->column_text(1));
    definitions.push_back(ddl->column_text(2));
  }
  ddl = Statement{};
  for (const auto& [type, name] : drops) {
    if (auto st = db.exec("DROP " + type + " \"" + name + "\""); !st) return st;
  }
  return {};
}

}  // namespace

// PostgreSQL keeps its indexes and the hour-count trigger (a statement
// trigger there, one upsert per hour and statement): DDL on tasks would
// lock every other node out of the table until the commit. The ids come
// back from RETURNING, since other nodes take ids meanwhile, and each
// statement of many rows has a savepoint, since a failed statement aborts
// the transaction there.
Result<TasksBulkLoad> TasksBulkLoad::begin(Connection& db, Lookups lookups) {
  if (!in_write_transaction(db))
    return Error::invalid("Массовая загрузка заданий возможна только внутри транзакции записи");
  TasksBulkLoad load(db);
  const bool pg = db.backend() == Backend::kPostgres;
  if (!pg) {
    if (auto st = drop_for_load(db, lookups, load.definitions_); !st) return st.error();
    auto last = db.query_int("SELECT coalesce(max(id), 0) FROM tasks");
    if (!last) return last.error();
    load.last_id_ = *last;
  }
  load.open_ = true;
  const std::string returning = pg ? " RETURNING id" : "";
  auto one = db.prepare(insert_sql(1) + returning);
  if (!one) return one.error();
  load.insert_one_ = std::move(*one);
  auto many = db.prepare(insert_sql(kRowsPerInsert) + returning);
  if (!many) return many.error();
  load.insert_many_ = std::move(*many);
  return load;
}

TasksBulkLoad::TasksBulkLoad(TasksBulkLoad&& other) noexcept
    : db_(other.db_),
      definitions_(std::move(other.definitions_)),
      hours_(std::move(other.hours_)),
      last_id_(other.last_id_),
      insert_one_(std::move(other.insert_one_)),
      insert_many_(std::move(other.insert_many_)),
      open_(std::exchange(other.open_, false)) {}

TasksBulkLoad::~TasksBulkLoad() {
  if (!open_) return;
  insert_one_ = Statement{};
  insert_many_ = Statement{};
  // The indexes are dropped: no commit may follow. The caller's Transaction
  // then finds no transaction to end, and its commit fails. PostgreSQL
  // would answer that COMMIT with a warning only: there an error aborts the
  // transaction instead, so that the caller's commit fails as well.
  if (db_->backend() == Backend::kPostgres) {
    (void)db_->exec(
        "DO $$ BEGIN RAISE EXCEPTION 'bulk load of tasks dropped without finish()'; END $$");
  } else {
    (void)db_->exec("ROLLBACK");
  }
}

Result<std::vector<std::int64_t>> TasksBulkLoad::insert(std::span<const domain::Task> tasks,
                                                        std::optional<std::int64_t> import_id,
                                                        domain::Instant now,
                                                        std::optional<std::int64_t> campaign_id) {
  if (!open_) return Error::internal("Массовая загрузка заданий уже завершена");
  std::vector<std::int64_t> ids;
  ids.reserve(tasks.size());
  const bool pg = db_->backend() == Backend::kPostgres;
  std::size_t done = 0;
  while (done < tasks.size()) {
    std::size_t rows = tasks.size() - done >= kRowsPerInsert ? kRowsPerInsert : 1;
    auto group = tasks.subspan(done, rows);
    std::optional<Transaction> savepoint;
    if (pg && rows > 1) {
      auto begun = Transaction::begin(*db_);
      if (!begun) return begun.error();
      savepoint.emplace(std::move(*begun));
    }
    auto st = insert_rows(rows == 1 ? insert_one_ : insert_many_, group, import_id, now,
                          campaign_id, ids);
    if (st && savepoint) st = savepoint->commit();
    savepoint.reset();  // back to the savepoint after a failure
    // A constraint refused a row: the statement left nothing behind and the
    // transaction goes on; the rows one by one tell which one (with its
    // external id when that is the reason). Any other error ends the load:
    // SQLite may have rolled the whole transaction back already.
    if (!st && rows > 1 && st.error().code == Errc::kConflict && in_write_transaction(*db_)) {
      rows = 1;
      group = tasks.subspan(done, 1);
      st = insert_rows(insert_one_, group, import_id, now, campaign_id, ids);
    }
    if (!st) return st.error();
    for (const auto& t : group) {
      if (pg) break;  // the trigger counts
      // As the trigger counts: SQLite's integer division truncates, as C++'s.
      const std::int64_t hour = to_unix(t.appointment) / 3600;
      if (hours_.empty() || hours_.back().first != hour) {
        hours_.emplace_back(hour, 1);
      } else {
        ++hours_.back().second;
      }
    }
    done += rows;
  }
  return ids;
}

Status TasksBulkLoad::insert_rows(Statement& stmt, std::span<const domain::Task> tasks,
                                  std::optional<std::int64_t> import_id, domain::Instant now,
                                  std::optional<std::int64_t> campaign_id,
                                  std::vector<std::int64_t>& ids) {
  const auto at = to_unix(now);
  stmt.reset(/*clear_bindings=*/false);  // every parameter is bound again
  int first = 1;
  for (const auto& t : tasks) {
    if (auto st = bind_new_task(stmt, t, now, first); !st) return st;
    stmt.bind(first + 7, import_id).bind(first + 8, at).bind(first + 9, at);
    stmt.bind(first + 10, campaign_id);
    first += kParamsPerRow;
  }
  const auto first_new = ids.size();
  for (;;) {
    auto row = stmt.step();
    if (!row) {
      ids.resize(first_new);
      if (row.error().code == Errc::kConflict && tasks.size() == 1 && !tasks[0].external_id.empty())
        return external_id_taken(tasks[0].external_id);
      return row.error();
    }
    if (!*row) break;
    ids.push_back(stmt.column_int(0));  // RETURNING id (PostgreSQL)
  }
  if (db_->backend() == Backend::kPostgres) {
    // Identities are given in the order of VALUES.
    std::sort(ids.begin() + static_cast<std::ptrdiff_t>(first_new), ids.end());
    return {};
  }
  // New rows take the ids after the largest one, in the order of VALUES.
  const std::int64_t last = db_->last_insert_rowid();
  if (last != last_id_ + static_cast<std::int64_t>(tasks.size()))
    return Error::internal("Массовая загрузка заданий: номера новых заданий идут не подряд");
  for (auto id = last_id_ + 1; id <= last; ++id) ids.push_back(id);
  last_id_ = last;
  return {};
}

Status TasksBulkLoad::finish() {
  if (!open_) return Error::internal("Массовая загрузка заданий уже завершена");
  insert_one_ = Statement{};
  insert_many_ = Statement{};
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
