#include "store/tasks_repo.h"

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

}  // namespace

Result<std::vector<std::int64_t>> TasksRepo::insert(std::span<const domain::Task> tasks,
                                                    std::optional<std::int64_t> import_id,
                                                    domain::Instant now) {
  auto tx = Transaction::begin(db_);
  if (!tx) return tx.error();
  auto stmt = db_.prepare(
      "INSERT INTO tasks(external_id, phone, full_name, appointment, birth_date, extra, state,"
      " attempts, next_attempt, import_id, created_at, updated_at)"
      " VALUES (?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?, ?)");
  if (!stmt) return stmt.error();
  std::vector<std::int64_t> ids;
  ids.reserve(tasks.size());
  const auto at = to_unix(now);
  for (const auto& t : tasks) {
    if (!t.birth_date.ok()) return Error::invalid("Неверная дата рождения: " + t.full_name);
    if (to_unix(t.appointment) < 0) return Error::invalid("Неверная дата приёма: " + t.full_name);
    stmt->reset();
    if (t.external_id.empty()) {
      stmt->bind_null(1);
    } else {
      stmt->bind(1, t.external_id);
    }
    stmt->bind(2, t.phone).bind(3, t.full_name).bind(4, to_unix(t.appointment));
    stmt->bind(5, date_text(t.birth_date)).bind(6, extra_to_json(t.extra));
    stmt->bind(7, to_unix(t.next_attempt).value_or(at)).bind(8, import_id);
    stmt->bind(9, at).bind(10, at);
    if (auto st = stmt->run(); !st) {
      if (st.error().code == Errc::kConflict && !t.external_id.empty())
        return Error::conflict("Задание с внешним идентификатором «" + t.external_id +
                               "» уже есть");
      return st.error();
    }
    ids.push_back(db_.last_insert_rowid());
  }
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
                                                           std::int64_t after_id, int limit) {
  if (limit < 1 || limit > kMaxPage)
    return Error::invalid("Размер страницы должен быть от 1 до " + std::to_string(kMaxPage));
  auto rows = db_.prepare("SELECT " + task_columns() +
                          " FROM tasks WHERE (updated_at, id) > (?, ?)"
                          " ORDER BY updated_at, id LIMIT ?");
  if (!rows) return rows.error();
  rows->bind(1, to_unix(since)).bind(2, after_id).bind(3, limit);
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
