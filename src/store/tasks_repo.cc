#include "store/tasks_repo.h"

#include <algorithm>
#include <optional>

#include "store/task_list.h"
#include "store/task_rows.h"

namespace robocall::store {
namespace {

constexpr int kMaxPage = 1000;

Status check_query(const TaskQuery& q) {
  if (q.limit < 1 || q.limit > kMaxPage)
    return Error::invalid("Размер страницы должен быть от 1 до " + std::to_string(kMaxPage));
  if (q.offset < 0) return Error::invalid("Смещение страницы не может быть отрицательным");
  if (q.filter.from && q.filter.to && *q.filter.to < *q.filter.from)
    return Error::invalid("Конец периода раньше его начала");
  return {};
}

// An empty per-connection TEMP table for the rows of one insert (found
// before the table of that name in the database on both backends).
Status empty_staging(Connection& db) {
  if (db.backend() == Backend::kSqlite)
    return db.exec(
        "CREATE TEMP TABLE IF NOT EXISTS task_staging(seq INTEGER PRIMARY KEY, external_id,"
        " phone, full_name, appointment, birth_date, extra, next_attempt);"
        " DELETE FROM temp.task_staging;");
  auto missing = db.query_int("SELECT to_regclass('pg_temp.task_staging') IS NULL");
  if (!missing) return missing.error();
  if (*missing == 0) return db.exec("DELETE FROM task_staging");
  return db.exec(
      "CREATE TEMP TABLE task_staging(seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
      " external_id TEXT COLLATE \"C\", phone TEXT COLLATE \"C\", full_name TEXT COLLATE \"C\","
      " appointment BIGINT, birth_date TEXT COLLATE \"C\", extra TEXT COLLATE \"C\","
      " next_attempt BIGINT)");
}

}  // namespace

// Rows go first into a per-connection TEMP staging table (no index, no
// trigger), then into tasks with one INSERT ... SELECT. Inserting row by row
// into tasks made the hour-count trigger open a statement journal for every
// row: 25 page writes a row, 1.28 M pwrite64 calls for a 50,000-row import.
Result<std::vector<std::int64_t>> TasksRepo::insert(std::span<const domain::Task> tasks,
                                                    std::optional<std::int64_t> import_id,
                                                    domain::Instant now,
                                                    std::optional<std::int64_t> campaign_id) {
  auto tx = Transaction::begin(db_);
  if (!tx) return tx.error();
  if (auto st = empty_staging(db_); !st) return st.error();
  auto stage = db_.prepare(
      "INSERT INTO task_staging(external_id, phone, full_name, appointment, birth_date,"
      " extra, next_attempt) VALUES (?, ?, ?, ?, ?, ?, ?)");
  if (!stage) return stage.error();
  const auto at = to_unix(now);
  for (const auto& t : tasks) {
    stage->reset();
    if (auto st = bind_new_task(*stage, t, now); !st) return st.error();
    if (auto st = stage->run(); !st) return st.error();
  }
  stage = Statement{};

  // PostgreSQL: other nodes insert meanwhile, so the new ids come back from
  // RETURNING; a failed statement aborts the transaction, so the INSERT has
  // a savepoint to return to before naming the clashing external id.
  const bool pg = db_.backend() == Backend::kPostgres;
  auto last =
      pg ? Result<std::int64_t>(0) : db_.query_int("SELECT coalesce(max(id), 0) FROM tasks");
  if (!last) return last.error();
  std::optional<Transaction> savepoint;
  if (pg) {
    auto begun = Transaction::begin(db_);
    if (!begun) return begun.error();
    savepoint.emplace(std::move(*begun));
  }
  std::vector<std::int64_t> ids;
  ids.reserve(tasks.size());
  auto move = db_.prepare(
      "INSERT INTO tasks(external_id, phone, full_name, appointment, birth_date, extra, state,"
      " attempts, next_attempt, import_id, created_at, updated_at, campaign_id)"
      " SELECT external_id, phone, full_name, appointment, birth_date, extra, 'pending', 0,"
      " next_attempt, ?, ?, ?, ? FROM task_staging ORDER BY seq" +
      std::string(pg ? " RETURNING id" : ""));
  if (!move) return move.error();
  move->bind(1, import_id).bind(2, at).bind(3, at).bind(4, campaign_id);
  Status moved;
  for (;;) {
    auto row = move->step();
    if (!row) {
      moved = row.error();
      break;
    }
    if (!*row) break;
    ids.push_back(move->column_int(0));
  }
  if (!moved) {
    if (moved.error().code != Errc::kConflict) return moved.error();
    // Name the external id that clashed: already stored, or twice in the batch.
    move = Statement{};
    savepoint.reset();
    for (const char* sql : {"SELECT s.external_id FROM task_staging s JOIN tasks t"
                            " ON t.external_id = s.external_id ORDER BY s.seq LIMIT 1",
                            "SELECT external_id FROM task_staging WHERE external_id IS NOT NULL"
                            " GROUP BY external_id HAVING count(*) > 1 LIMIT 1"}) {
      auto which = db_.prepare(sql);
      if (!which) return which.error();
      auto row = which->step();
      if (!row) return row.error();
      if (*row) return external_id_taken(which->column_text(0));
    }
    return moved.error();
  }
  move = Statement{};
  if (pg) {
    // Identities are given in the SELECT's order: ascending ids are staging order.
    std::sort(ids.begin(), ids.end());
    if (auto st = savepoint->commit(); !st) return st.error();
  } else {
    // Rowids of an INTEGER PRIMARY KEY without AUTOINCREMENT are max + 1, so
    // the new rows are the ids above `last`, in staging order.
    auto created = db_.prepare("SELECT id FROM tasks WHERE id > ? ORDER BY id");
    if (!created) return created.error();
    created->bind(1, *last);
    for (;;) {
      auto row = created->step();
      if (!row) return row.error();
      if (!*row) break;
      ids.push_back(created->column_int(0));
    }
  }
  if (ids.size() != tasks.size())
    return Error::internal("Добавлено " + std::to_string(ids.size()) + " заданий из " +
                           std::to_string(tasks.size()));
  if (auto st = db_.exec("DELETE FROM task_staging"); !st) return st.error();
  if (auto st = tx->commit(); !st) return st.error();
  return ids;
}

Result<domain::Task> TasksRepo::get(std::int64_t id) {
  auto stmt = db_.prepare("SELECT " + task_columns() + " FROM tasks WHERE id = ?");
  if (!stmt) return stmt.error();
  stmt->bind(1, id);
  auto row = stmt->step();
  if (!row) return row.error();
  if (!*row) return Error::not_found("Задание " + std::to_string(id) + " не найдено");
  return read_task(*stmt);
}

Result<std::int64_t> TasksRepo::count_all() {
  return db_.query_int("SELECT coalesce(sum(n), 0) FROM task_hour_counts");
}

Result<std::optional<domain::Task>> TasksRepo::find_by_external_id(std::string_view external_id) {
  auto stmt = db_.prepare("SELECT " + task_columns() + " FROM tasks WHERE external_id = ?");
  if (!stmt) return stmt.error();
  stmt->bind(1, external_id);
  auto row = stmt->step();
  if (!row) return row.error();
  if (!*row) return std::optional<domain::Task>{};
  auto task = read_task(*stmt);
  if (!task) return task.error();
  return std::optional<domain::Task>(std::move(task).value());
}

Result<std::vector<bool>> TasksRepo::exist(std::span<const PhoneAt> pairs) {
  auto tx = Transaction::begin(db_, Transaction::Kind::kRead);
  if (!tx) return tx.error();
  auto stmt = db_.prepare("SELECT 1 FROM tasks WHERE phone = ? AND appointment = ? LIMIT 1");
  if (!stmt) return stmt.error();
  std::vector<bool> found;
  found.reserve(pairs.size());
  for (const auto& [phone, at] : pairs) {
    stmt->reset();
    stmt->bind(1, phone).bind(2, to_unix(at));
    auto row = stmt->step();
    if (!row) return row.error();
    found.push_back(*row);
  }
  return found;
}

Result<std::vector<std::optional<std::int64_t>>> TasksRepo::ids_by_external_id(
    std::span<const std::string> external_ids) {
  auto tx = Transaction::begin(db_, Transaction::Kind::kRead);
  if (!tx) return tx.error();
  auto stmt = db_.prepare("SELECT id FROM tasks WHERE external_id = ?");
  if (!stmt) return stmt.error();
  std::vector<std::optional<std::int64_t>> ids;
  ids.reserve(external_ids.size());
  for (const auto& external_id : external_ids) {
    stmt->reset();
    stmt->bind(1, external_id);
    auto row = stmt->step();
    if (!row) return row.error();
    ids.push_back(*row ? std::optional(stmt->column_int(0)) : std::nullopt);
  }
  return ids;
}

Result<TaskPage> TasksRepo::list(const TaskQuery& query) {
  if (auto st = check_query(query); !st) return st.error();
  auto tx = Transaction::begin(db_, Transaction::Kind::kRead);
  if (!tx) return tx.error();
  auto ids = page_ids(db_, query);
  if (!ids) return ids.error();
  TaskPage page;
  page.total = ids->total;
  page.tasks.reserve(ids->ids.size());
  auto stmt = db_.prepare("SELECT " + task_columns() + " FROM tasks WHERE id = ?");
  if (!stmt) return stmt.error();
  for (const auto id : ids->ids) {
    stmt->reset();
    stmt->bind(1, id);
    auto row = stmt->step();
    if (!row) return row.error();
    if (!*row) return Error::internal("Задание " + std::to_string(id) + " исчезло при чтении");
    auto task = read_task(*stmt);
    if (!task) return task.error();
    page.tasks.push_back(std::move(task).value());
  }
  return page;
}

Status TasksRepo::for_each(const TaskQuery& query,
                           const std::function<Status(const domain::Task&)>& row) {
  const auto where = task_where(query.filter);
  auto tx = Transaction::begin(db_, Transaction::Kind::kRead);
  if (!tx) return tx.error();
  auto rows = db_.prepare("SELECT " + task_columns() + " FROM tasks" + where.sql +
                          task_order_by(query.sort, query.order));
  if (!rows) return rows.error();
  bind_where(*rows, where);
  for (;;) {
    auto more = rows->step();
    if (!more) return more.error();
    if (!*more) return {};
    auto task = read_task(*rows);
    if (!task) return task.error();
    if (auto st = row(*task); !st) return st;
  }
}

Result<std::vector<domain::Task>> TasksRepo::updated_since(domain::Instant since,
                                                           std::int64_t after_id, int limit,
                                                           std::optional<domain::Instant> from,
                                                           std::optional<domain::Instant> to) {
  if (limit < 1 || limit > kMaxPage)
    return Error::invalid("Размер страницы должен быть от 1 до " + std::to_string(kMaxPage));
  auto rows = db_.prepare("SELECT " + task_columns() +
                          " FROM tasks WHERE (updated_at, id) > (?1, ?2)"
                          " AND (CAST(?4 AS BIGINT) IS NULL OR appointment >= ?4)"
                          " AND (CAST(?5 AS BIGINT) IS NULL OR appointment < ?5)"
                          " ORDER BY updated_at, id LIMIT ?3");
  if (!rows) return rows.error();
  const auto unix_or_null = [](std::optional<domain::Instant> t) {
    return t ? std::optional<std::int64_t>(to_unix(*t)) : std::nullopt;
  };
  rows->bind(1, to_unix(since)).bind(2, after_id).bind(3, limit);
  rows->bind(4, unix_or_null(from)).bind(5, unix_or_null(to));
  std::vector<domain::Task> tasks;
  for (;;) {
    auto more = rows->step();
    if (!more) return more.error();
    if (!*more) return tasks;
    auto task = read_task(*rows);
    if (!task) return task.error();
    tasks.push_back(std::move(task).value());
  }
}

}  // namespace robocall::store
