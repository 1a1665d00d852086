#include "store/webhook_repo.h"

#include "store/task_rows.h"

namespace robocall::store {
namespace {

Status must_hit(Statement& stmt, Connection& db, std::int64_t id) {
  if (auto st = stmt.run(); !st) return st;
  if (db.changes() == 0)
    return Error::not_found("Доставка уведомления " + std::to_string(id) + " не найдена");
  return {};
}

}  // namespace

Result<std::int64_t> WebhookRepo::enqueue(std::int64_t task_id, const std::string& url,
                                          const std::string& payload, domain::Instant now) {
  auto stmt = db_.prepare(
      "INSERT INTO webhook_deliveries(task_id, url, payload, next_try_at, created_at)"
      " VALUES (?, ?, ?, ?, ?)");
  if (!stmt) return stmt.error();
  stmt->bind(1, task_id).bind(2, url).bind(3, payload).bind(4, to_unix(now)).bind(5, to_unix(now));
  if (auto st = stmt->run(); !st) return st.error();
  return db_.last_insert_rowid();
}

Result<std::vector<WebhookDelivery>> WebhookRepo::due(domain::Instant now, int limit) {
  auto stmt = db_.prepare(
      "SELECT id, task_id, url, payload, attempts, next_try_at, last_error, created_at"
      " FROM webhook_deliveries WHERE delivered_at IS NULL AND next_try_at <= ?"
      " ORDER BY next_try_at, id LIMIT ?");
  if (!stmt) return stmt.error();
  stmt->bind(1, to_unix(now)).bind(2, limit);
  std::vector<WebhookDelivery> out;
  for (;;) {
    auto row = stmt->step();
    if (!row) return row.error();
    if (!*row) return out;
    out.push_back({stmt->column_int(0), stmt->column_int(1), stmt->column_text(2),
                   stmt->column_text(3), static_cast<int>(stmt->column_int(4)),
                   from_unix(stmt->column_int(5)), stmt->column_text(6),
                   from_unix(stmt->column_int(7)), std::nullopt});
  }
}

Status WebhookRepo::delivered(std::int64_t id, domain::Instant now) {
  auto stmt = db_.prepare(
      "UPDATE webhook_deliveries SET delivered_at = ?, attempts = attempts + 1"
      " WHERE id = ? AND delivered_at IS NULL");
  if (!stmt) return stmt.error();
  stmt->bind(1, to_unix(now)).bind(2, id);
  return must_hit(*stmt, db_, id);
}

Status WebhookRepo::failed(std::int64_t id, const std::string& error, domain::Instant next_try) {
  auto stmt = db_.prepare(
      "UPDATE webhook_deliveries SET attempts = attempts + 1, last_error = ?, next_try_at = ?"
      " WHERE id = ? AND delivered_at IS NULL");
  if (!stmt) return stmt.error();
  stmt->bind(1, error).bind(2, to_unix(next_try)).bind(3, id);
  return must_hit(*stmt, db_, id);
}

Result<std::int64_t> WebhookRepo::pending_count() {
  return db_.query_int("SELECT count(*) FROM webhook_deliveries WHERE delivered_at IS NULL");
}

}  // namespace robocall::store
