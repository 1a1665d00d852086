#include "store/audit_repo.h"

#include "store/task_rows.h"

namespace robocall::store {

Result<std::int64_t> AuditRepo::append(const AuditEntry& e) {
  if (e.actor.empty() || e.action.empty())
    return Error::invalid("В записи журнала нужны автор и действие");
  auto stmt = db_.prepare(
      "INSERT INTO audit_log(at, actor, action, details)"
      " SELECT ?1, ?2, ?3, ?4 WHERE json_valid(?4) = 1");
  if (!stmt) return stmt.error();
  stmt->bind(1, to_unix(e.at)).bind(2, e.actor).bind(3, e.action).bind(4, e.details);
  if (auto st = stmt->run(); !st) return st.error();
  if (db_.changes() == 0) return Error::invalid("Подробности записи журнала не являются JSON");
  return db_.last_insert_rowid();
}

Result<std::vector<AuditEntry>> AuditRepo::list(int limit, std::optional<std::int64_t> before_id) {
  AuditFilter filter;
  filter.before_id = before_id;
  return list(filter, limit);
}

Result<std::vector<AuditEntry>> AuditRepo::list(const AuditFilter& f, int limit) {
  if (limit < 1 || limit > 1000) return Error::invalid("Размер страницы должен быть от 1 до 1000");
  auto stmt = db_.prepare(
      "SELECT id, at, actor, action, details FROM audit_log"
      " WHERE (CAST(?1 AS BIGINT) IS NULL OR id < ?1) AND (CAST(?2 AS BIGINT) IS NULL OR at >= ?2)"
      " AND (CAST(?3 AS BIGINT) IS NULL OR at < ?3)"
      " AND (?4 = '' OR actor = ?4)"
      " AND (?5 = '' OR action = ?5 OR substr(action, 1, length(?5) + 1) = ?5 || '.')"
      " ORDER BY id DESC LIMIT ?6");
  if (!stmt) return stmt.error();
  auto unix = [](const std::optional<domain::Instant>& t) {
    return t ? std::optional<std::int64_t>(to_unix(*t)) : std::nullopt;
  };
  stmt->bind(1, f.before_id).bind(2, unix(f.from)).bind(3, unix(f.to));
  stmt->bind(4, f.actor).bind(5, f.action).bind(6, limit);
  std::vector<AuditEntry> out;
  for (;;) {
    auto row = stmt->step();
    if (!row) return row.error();
    if (!*row) return out;
    out.push_back({stmt->column_int(0), from_unix(stmt->column_int(1)), stmt->column_text(2),
                   stmt->column_text(3), stmt->column_text(4)});
  }
}

}  // namespace robocall::store
