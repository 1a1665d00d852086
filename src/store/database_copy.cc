#include "store/database_copy.h"

#include <sqlite3.h>
#include <stdlib.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <set>

#include "store/schema.h"

namespace robocall::store {
namespace {

// Rows a multi-row INSERT carries (at most 65535 parameters a statement).
constexpr int kBatch = 100;

std::string quote(std::string_view name) {
  std::string out = "\"";
  for (char c : name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

struct Table {
  std::string name;
  std::vector<std::string> columns;  // generated columns left out (PRAGMA table_info)
  std::set<std::string> references;  // tables its foreign keys point at
  bool derived = false;              // written by the source's triggers
};

Result<std::vector<std::string>> texts(Connection& db, const std::string& sql, int column) {
  auto stmt = db.prepare(sql);
  if (!stmt) return stmt.error();
  std::vector<std::string> out;
  for (;;) {
    auto row = stmt->step();
    if (!row) return row.error();
    if (!*row) return out;
    out.push_back(stmt->column_text(column));
  }
}

// The tables of the source, parents before the tables that refer to them,
// the tables its triggers keep (derived) last.
Result<std::vector<Table>> source_tables(Connection& source) {
  auto names = texts(source,
                     "SELECT name FROM sqlite_master WHERE type = 'table'"
                     " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
                     0);
  if (!names) return names.error();
  auto triggers = texts(source, "SELECT sql FROM sqlite_master WHERE type = 'trigger'", 0);
  if (!triggers) return triggers.error();
  std::map<std::string, Table> tables;
  for (const auto& name : *names) {
    Table t{name, {}, {}, false};
    auto columns = texts(source, "PRAGMA table_info(" + quote(name) + ")", 1);
    if (!columns) return columns.error();
    t.columns = std::move(*columns);
    auto parents = texts(source, "PRAGMA foreign_key_list(" + quote(name) + ")", 2);
    if (!parents) return parents.error();
    for (auto& p : *parents)
      if (p != name) t.references.insert(std::move(p));
    for (const auto& sql : *triggers)
      for (const auto& verb : {"INSERT INTO ", "UPDATE ", "DELETE FROM "})
        if (sql.find(verb + name + "(") != std::string::npos ||
            sql.find(verb + name + " ") != std::string::npos)
          t.derived = true;
    tables.emplace(name, std::move(t));
  }
  std::vector<Table> ordered;
  std::set<std::string> placed;
  for (const bool derived : {false, true}) {
    for (bool progress = true; progress;) {
      progress = false;
      for (auto& [name, t] : tables) {
        if (placed.contains(name) || t.derived != derived) continue;
        const bool ready = std::all_of(t.references.begin(), t.references.end(), [&](auto& r) {
          return placed.contains(r) || !tables.contains(r);
        });
        if (!ready) continue;
        placed.insert(name);
        ordered.push_back(t);
        progress = true;
      }
    }
    for (auto& [name, t] : tables)  // a cycle: in name order
      if (!placed.contains(name) && t.derived == derived) {
        placed.insert(name);
        ordered.push_back(t);
      }
  }
  return ordered;
}

Result<std::int64_t> count_rows(Connection& db, const std::string& table) {
  return db.query_int("SELECT count(*) FROM " + quote(table));
}

// Row counts a fresh database of this schema starts with (the seeded tables).
Result<std::map<std::string, std::int64_t>> fresh_counts(const std::vector<Table>& tables) {
  std::string pattern = (std::filesystem::temp_directory_path() / "robocall-fresh-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr)
    return Error::io("Не удалось создать временный каталог для сверки схемы");
  const std::filesystem::path dir = pattern;
  std::map<std::string, std::int64_t> out;
  Status status;
  {
    auto fresh = open_database(dir / "fresh.db");
    if (!fresh) status = fresh.error();
    for (const auto& t : tables) {
      if (!status) break;
      auto n = count_rows(*fresh, t.name);
      if (n)
        out[t.name] = *n;
      else
        status = n.error();
    }
  }
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
  if (!status) return status.error();
  return out;
}

Result<bool> target_has_table(Connection& target, const std::string& table) {
  auto stmt = target.prepare(target.backend() == Backend::kPostgres
                                 ? "SELECT count(*) FROM information_schema.tables"
                                   " WHERE table_schema = current_schema() AND table_name = ?"
                                 : "SELECT count(*) FROM sqlite_master WHERE name = ?");
  if (!stmt) return stmt.error();
  stmt->bind(1, table);
  auto row = stmt->step();
  if (!row) return row.error();
  return *row && stmt->column_int(0) > 0;
}

// A source value as text the target converts to its column's type (bound
// untyped): integers and reals in full, blobs in bytea's hex form.
std::string value_text(sqlite3_stmt* row, int column) {
  switch (sqlite3_column_type(row, column)) {
    case SQLITE_INTEGER:
      return std::to_string(sqlite3_column_int64(row, column));
    case SQLITE_FLOAT: {
      char buf[40];
      std::snprintf(buf, sizeof buf, "%.17g", sqlite3_column_double(row, column));
      return buf;
    }
    case SQLITE_BLOB: {
      const auto* bytes = static_cast<const unsigned char*>(sqlite3_column_blob(row, column));
      std::string hex = "\\x";
      static constexpr char kDigits[] = "0123456789abcdef";
      for (int i = 0; i < sqlite3_column_bytes(row, column); ++i) {
        hex += kDigits[bytes[i] >> 4];
        hex += kDigits[bytes[i] & 15];
      }
      return hex;
    }
    default: {
      const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(row, column));
      return std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(row, column)));
    }
  }
}

std::string insert_sql(const Table& t, int rows) {
  std::string cols, one = "(";
  for (std::size_t i = 0; i < t.columns.size(); ++i) {
    cols += (i ? ", " : "") + quote(t.columns[i]);
    one += i ? ", ?" : "?";
  }
  one += ")";
  std::string sql = "INSERT INTO " + quote(t.name) + " (" + cols + ") VALUES ";
  for (int r = 0; r < rows; ++r) sql += (r ? ", " : "") + one;
  return sql;
}

Status copy_table(Connection& source, Connection& target, const Table& t, const ValueMap& map) {
  std::string cols;
  for (std::size_t i = 0; i < t.columns.size(); ++i) cols += (i ? ", " : "") + quote(t.columns[i]);
  sqlite3_stmt* raw = nullptr;
  const std::string select = "SELECT " + cols + " FROM " + quote(t.name);
  if (int rc = sqlite3_prepare_v2(source.handle(), select.c_str(), -1, &raw, nullptr);
      rc != SQLITE_OK)
    return sqlite_error(source.handle(), rc, "чтение таблицы " + t.name);
  std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> rows(raw, sqlite3_finalize);
  const int width = static_cast<int>(t.columns.size());
  auto full = target.prepare(insert_sql(t, kBatch));
  if (!full) return full.error();
  std::vector<std::vector<std::optional<std::string>>> batch;
  const auto flush = [&]() -> Status {
    if (batch.empty()) return {};
    std::optional<Statement> partial;
    Statement* stmt = &*full;
    if (static_cast<int>(batch.size()) < kBatch) {
      auto last = target.prepare(insert_sql(t, static_cast<int>(batch.size())));
      if (!last) return last.error();
      stmt = &partial.emplace(std::move(*last));
    }
    stmt->reset();
    int index = 1;
    for (const auto& row : batch)
      for (const auto& value : row) stmt->bind(index++, value);
    batch.clear();
    return stmt->run();
  };
  for (;;) {
    const int rc = sqlite3_step(rows.get());
    if (rc == SQLITE_DONE) break;
    if (rc != SQLITE_ROW) return sqlite_error(source.handle(), rc, "чтение таблицы " + t.name);
    auto& row = batch.emplace_back();
    for (int c = 0; c < width; ++c) {
      if (sqlite3_column_type(rows.get(), c) == SQLITE_NULL) {
        row.emplace_back();
        continue;
      }
      auto text = value_text(rows.get(), c);
      if (map)
        if (auto mapped = map(t.name, t.columns[c], text)) text = std::move(*mapped);
      row.emplace_back(std::move(text));
    }
    if (static_cast<int>(batch.size()) == kBatch)
      if (auto st = flush(); !st) return st;
  }
  return flush();
}

// Identity and serial columns go on after the largest copied id.
Status move_sequences(Connection& target, const Table& t) {
  for (const auto& column : t.columns) {
    auto seq = target.prepare("SELECT pg_get_serial_sequence(?, ?)");
    if (!seq) return seq.error();
    seq->bind(1, quote(t.name)).bind(2, column);
    auto row = seq->step();
    if (!row) return row.error();
    if (!*row || seq->is_null(0)) continue;
    const auto name = seq->column_text(0);
    auto set = target.prepare("SELECT setval(CAST(? AS regclass), COALESCE((SELECT max(" +
                              quote(column) + ") FROM " + quote(t.name) + "), 0) + 1, false)");
    if (!set) return set.error();
    set->bind(1, name);
    if (auto r = set->step(); !r) return r.error();
  }
  return {};
}

}  // namespace

Status check_source(Connection& source) {
  auto app = source.query_int("PRAGMA application_id");
  if (!app) return app.error();
  if (*app != kApplicationId)
    return Error::corrupt("Файл " + source.path().string() + " — не база данных robocall");
  auto version = schema_version(source);
  if (!version) return version.error();
  if (*version != latest_schema_version())
    return Error::conflict("База " + source.path().string() + " в схеме версии " +
                           std::to_string(*version) + ", а этой программе нужна " +
                           std::to_string(latest_schema_version()) +
                           ": сначала выполните robocall migrate --db " + source.path().string());
  return {};
}

Status check_target_empty(Connection& source, Connection& target) {
  auto tables = source_tables(source);
  if (!tables) return tables.error();
  auto fresh = fresh_counts(*tables);
  if (!fresh) return fresh.error();
  for (const auto& t : *tables) {
    auto present = target_has_table(target, t.name);
    if (!present) return present.error();
    if (!*present || t.derived || (*fresh)[t.name] > 0) continue;
    auto n = count_rows(target, t.name);
    if (!n) return n.error();
    if (*n > 0)
      return Error::conflict("В базе назначения уже есть данные (таблица " + t.name + ": строк " +
                             std::to_string(*n) +
                             "). Перенос возможен только в пустую базу; ничего не изменено.");
  }
  return {};
}

Result<std::vector<TableCount>> copy_database(Connection& source, Connection& target,
                                              const ValueMap& map) {
  auto read = Transaction::begin(source, Transaction::Kind::kRead);
  if (!read) return read.error();
  auto tables = source_tables(source);
  if (!tables) return tables.error();
  auto fresh = fresh_counts(*tables);
  if (!fresh) return fresh.error();
  auto tx = Transaction::begin(target);
  if (!tx) return tx.error();
  // The rows a fresh schema seeded give way to the source's, children first.
  for (auto it = tables->rbegin(); it != tables->rend(); ++it)
    if ((*fresh)[it->name] > 0 && !it->derived)
      if (auto st = target.exec("DELETE FROM " + quote(it->name)); !st) return st.error();
  std::vector<TableCount> counts;
  bool all_equal = true;
  for (const auto& t : *tables) {
    auto present = target_has_table(target, t.name);
    if (!present) return present.error();
    if (!*present)
      return Error::conflict("В базе назначения нет таблицы " + t.name +
                             ": её схема не этой версии robocall");
    auto before = count_rows(target, t.name);
    if (!before) return before.error();
    // A table the target's triggers already filled from the copied rows is
    // compared, not copied again.
    if (!(t.derived && *before > 0))
      if (auto st = copy_table(source, target, t, map); !st)
        return Error{st.error().code, "таблица " + t.name + ": " + st.error().message};
    if (target.backend() == Backend::kPostgres)
      if (auto st = move_sequences(target, t); !st) return st.error();
    auto from = count_rows(source, t.name);
    if (!from) return from.error();
    auto to = count_rows(target, t.name);
    if (!to) return to.error();
    counts.push_back({t.name, *from, *to, t.derived && *before > 0});
    all_equal = all_equal && *from == *to;
  }
  if (all_equal)
    if (auto st = tx->commit(); !st) return st.error();
  return counts;
}

}  // namespace robocall::store
