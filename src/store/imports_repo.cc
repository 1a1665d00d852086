#include "store/imports_repo.h"

#include "store/task_rows.h"

namespace robocall::store {
namespace {

constexpr const char* kNotJson = "Отчёт о загрузке не является JSON";

constexpr std::string_view kColumns =
    "id, created_at, source, file_name, \"user\", rows_read, created, report";

ImportRecord read_import(const Statement& s) {
  return {s.column_int(0),  from_unix(s.column_int(1)),
          s.column_text(2), s.column_text(3),
          s.column_text(4), s.column_int(5),
          s.column_int(6),  s.column_text(7)};
}

Status check_report(Connection& db, const std::string& report) {
  auto stmt = db.prepare("SELECT json_valid(?)");
  if (!stmt) return stmt.error();
  stmt->bind(1, report);
  auto row = stmt->step();
  if (!row) return row.error();
  if (stmt->column_int(0) != 1) return Error::invalid(kNotJson);
  return {};
}

}  // namespace

Result<std::int64_t> ImportsRepo::create(const ImportRecord& r) {
  if (r.source != "xlsx" && r.source != "api")
    return Error::invalid("Неизвестный источник загрузки «" + r.source + "»");
  if (auto st = check_report(db_, r.report); !st) return st.error();
  auto stmt = db_.prepare(
      "INSERT INTO imports(created_at, source, file_name, \"user\", rows_read, created, report)"
      " VALUES (?, ?, ?, ?, ?, ?, ?)");
  if (!stmt) return stmt.error();
  stmt->bind(1, to_unix(r.created)).bind(2, r.source).bind(3, r.file_name).bind(4, r.user);
  stmt->bind(5, r.rows_read).bind(6, r.created_tasks).bind(7, r.report);
  if (auto st = stmt->run(); !st) return st.error();
  return db_.last_insert_rowid();
}

Status ImportsRepo::finish(std::int64_t id, std::int64_t rows_read, std::int64_t created_tasks,
                           const std::string& report) {
  // The column's CHECK (json_valid) refuses a report that is not JSON: no
  // second copy and parse of a report that can take megabytes.
  auto stmt = db_.prepare("UPDATE imports SET rows_read = ?, created = ?, report = ? WHERE id = ?");
  if (!stmt) return stmt.error();
  stmt->bind(1, rows_read).bind(2, created_tasks).bind(3, report).bind(4, id);
  if (auto st = stmt->run(); !st) {
    if (st.error().code == Errc::kConflict) return Error::invalid(kNotJson);
    return st;
  }
  if (db_.changes() == 0) return Error::not_found("Загрузка " + std::to_string(id) + " не найдена");
  return {};
}

Result<ImportRecord> ImportsRepo::get(std::int64_t id) {
  auto stmt = db_.prepare("SELECT " + std::string(kColumns) + " FROM imports WHERE id = ?");
  if (!stmt) return stmt.error();
  stmt->bind(1, id);
  auto row = stmt->step();
  if (!row) return row.error();
  if (!*row) return Error::not_found("Загрузка " + std::to_string(id) + " не найдена");
  return read_import(*stmt);
}

Result<std::vector<ImportRecord>> ImportsRepo::recent(int limit) {
  auto stmt =
      db_.prepare("SELECT " + std::string(kColumns) + " FROM imports ORDER BY id DESC LIMIT ?");
  if (!stmt) return stmt.error();
  stmt->bind(1, limit);
  std::vector<ImportRecord> out;
  for (;;) {
    auto row = stmt->step();
    if (!row) return row.error();
    if (!*row) return out;
    out.push_back(read_import(*stmt));
  }
}

}  // namespace robocall::store
