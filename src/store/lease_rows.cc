#include "store/lease_rows.h"

namespace robocall::store {

std::string locking(Connection& db, std::string_view clause) {
  return db.backend() == Backend::kPostgres ? std::string(clause) : std::string();
}

Status check_lease(Connection& db, std::int64_t task_id, std::string_view node) {
  auto stmt = db.prepare("SELECT lease_node FROM tasks WHERE id = ? AND state = 'calling'" +
                         locking(db, " FOR UPDATE"));
  if (!stmt) return stmt.error();
  stmt->bind(1, task_id);
  auto row = stmt->step();
  if (!row) return row.error();
  if (!*row)
    return Error::conflict("Задание " + std::to_string(task_id) + " не находится в обзвоне");
  const auto owner = stmt->column_optional_text(0);
  if (owner && *owner != node)
    return Error::conflict("Задание " + std::to_string(task_id) + " обзванивает другой узел «" +
                           *owner + "»");
  return {};
}

Result<domain::AccountLoad> account_load(Connection& db, std::int64_t account_id,
                                         const AccountLimits& limits) {
  auto ensure = db.prepare(
      "INSERT INTO account_pacing(account_id, next_start_ms) VALUES (?, 0)"
      " ON CONFLICT (account_id) DO NOTHING");
  if (!ensure) return ensure.error();
  ensure->bind(1, account_id);
  if (auto st = ensure->run(); !st) return st.error();
  auto cursor = db.prepare("SELECT next_start_ms FROM account_pacing WHERE account_id = ?" +
                           locking(db, " FOR UPDATE"));
  if (!cursor) return cursor.error();
  cursor->bind(1, account_id);
  if (auto row = cursor->step(); !row) return row.error();
  domain::AccountLoad load{limits.max_calls, limits.calls_per_second, 0, std::nullopt};
  if (const auto ms = cursor->column_int(0); ms > 0)
    load.next_slot = domain::WallMs(std::chrono::milliseconds(ms));
  auto calling = db.prepare(
      "SELECT count(*) FROM tasks t WHERE t.state = 'calling' AND EXISTS (SELECT 1 FROM attempts"
      " a WHERE a.task_id = t.id AND a.outcome IS NULL AND a.account_id = ?)");
  if (!calling) return calling.error();
  calling->bind(1, account_id);
  if (auto row = calling->step(); !row) return row.error();
  load.calling = static_cast<int>(calling->column_int(0));
  return load;
}

Status store_cursor(Connection& db, std::int64_t account_id, domain::WallMs next) {
  auto stmt = db.prepare("UPDATE account_pacing SET next_start_ms = ? WHERE account_id = ?");
  if (!stmt) return stmt.error();
  stmt->bind(1, static_cast<std::int64_t>(next.time_since_epoch().count())).bind(2, account_id);
  return stmt->run();
}

std::int64_t to_ms(domain::WallMs t) {
  return t.time_since_epoch().count();
}

}  // namespace robocall::store
