#include "store/settings_repo.h"

#include <cstdio>

#include "domain/phrases.h"
#include "store/task_rows.h"

namespace robocall::store {
namespace {

// A year as the first four characters of the dates date_text() writes.
std::string year_prefix(int year) {
  char text[16];
  std::snprintf(text, sizeof text, "%04d", year);
  return text;
}

}  // namespace

Result<std::optional<std::string>> SettingsRepo::get(std::string_view key) {
  auto stmt = db_.prepare("SELECT value FROM settings WHERE key = ?");
  if (!stmt) return stmt.error();
  stmt->bind(1, key);
  auto row = stmt->step();
  if (!row) return row.error();
  if (!*row) return std::optional<std::string>{};
  return std::optional<std::string>(stmt->column_text(0));
}

Result<std::map<std::string, std::string>> SettingsRepo::all() {
  auto stmt = db_.prepare("SELECT key, value FROM settings ORDER BY key");
  if (!stmt) return stmt.error();
  std::map<std::string, std::string> values;
  for (;;) {
    auto row = stmt->step();
    if (!row) return row.error();
    if (!*row) return values;
    values.emplace(stmt->column_text(0), stmt->column_text(1));
  }
}

Status SettingsRepo::put(std::string_view key, std::string_view json, std::string_view user,
                         domain::Instant now) {
  if (key.empty()) return Error::invalid("Пустое имя настройки");
  auto valid = db_.prepare("SELECT json_valid(?)");
  if (!valid) return valid.error();
  valid->bind(1, json);
  auto row = valid->step();
  if (!row) return row.error();
  if (valid->column_int(0) != 1)
    return Error::invalid("Значение настройки «" + std::string(key) + "» не является JSON");
  auto stmt = db_.prepare(
      "INSERT INTO settings(key, value, updated_at, updated_by) VALUES (?, ?, ?, ?)"
      " ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at,"
      " updated_by = excluded.updated_by");
  if (!stmt) return stmt.error();
  stmt->bind(1, key).bind(2, json).bind(3, to_unix(now)).bind(4, user);
  return stmt->run();
}

Result<std::vector<DateException>> SettingsRepo::exceptions(std::optional<int> year) {
  auto stmt = db_.prepare(
      "SELECT date, mode, provisional, source FROM date_exceptions"
      " WHERE CAST(?1 AS TEXT) IS NULL OR substr(date, 1, 4) = ?1 ORDER BY date");
  if (!stmt) return stmt.error();
  stmt->bind(1, year.has_value() ? std::optional<std::string>(year_prefix(*year)) : std::nullopt);
  std::vector<DateException> out;
  for (;;) {
    auto row = stmt->step();
    if (!row) return row.error();
    if (!*row) return out;
    const auto date = parse_date(stmt->column_text(0));
    if (!date) return Error::corrupt("Неверная дата исключения: " + stmt->column_text(0));
    const auto mode = domain::day_mode_from_string(stmt->column_text(1));
    if (!mode) return Error::corrupt("Неизвестный режим дня: " + stmt->column_text(1));
    out.push_back({*date, *mode, stmt->column_int(2) != 0, stmt->column_text(3)});
  }
}

Status SettingsRepo::replace_year(int year, std::span<const DateException> exceptions) {
  for (const auto& e : exceptions) {
    if (!e.date.ok() || static_cast<int>(e.date.year()) != year)
      return Error::invalid("Дата " + date_text(e.date) + " не относится к " +
                            std::to_string(year) + " году");
  }
  auto tx = Transaction::begin(db_);
  if (!tx) return tx.error();
  auto clear = db_.prepare("DELETE FROM date_exceptions WHERE substr(date, 1, 4) = ?");
  if (!clear) return clear.error();
  clear->bind(1, year_prefix(year));
  if (auto st = clear->run(); !st) return st;
  auto insert = db_.prepare(
      "INSERT INTO date_exceptions(date, mode, provisional, source) VALUES (?, ?, ?, ?)");
  if (!insert) return insert.error();
  for (const auto& e : exceptions) {
    insert->reset();
    insert->bind(1, date_text(e.date))
        .bind(2, domain::to_string(e.mode))
        .bind(3, e.provisional ? 1 : 0);
    insert->bind(4, e.source);
    if (auto st = insert->run(); !st) {
      if (st.error().code == Errc::kConflict)
        return Error::invalid("Дата " + date_text(e.date) + " указана дважды");
      return st;
    }
  }
  return tx->commit();
}

Result<std::vector<Phrase>> SettingsRepo::phrases() {
  auto stmt =
      db_.prepare("SELECT number, text, recording, updated_at FROM phrases ORDER BY number");
  if (!stmt) return stmt.error();
  std::vector<Phrase> out;
  for (;;) {
    auto row = stmt->step();
    if (!row) return row.error();
    if (!*row) return out;
    out.push_back({static_cast<int>(stmt->column_int(0)), stmt->column_text(1),
                   stmt->column_optional_text(2), from_unix(stmt->column_int(3))});
  }
}

Status SettingsRepo::put_phrase(const Phrase& p) {
  if (!domain::is_phrase_number(p.number))
    return Error::invalid("Номер фразы должен быть от 1 до " +
                          std::to_string(domain::kPhraseCount) + ", получено " +
                          std::to_string(p.number));
  auto stmt = db_.prepare(
      "INSERT INTO phrases(number, text, recording, updated_at) VALUES (?, ?, ?, ?)"
      " ON CONFLICT(number) DO UPDATE SET text = excluded.text, recording = excluded.recording,"
      " updated_at = excluded.updated_at");
  if (!stmt) return stmt.error();
  stmt->bind(1, p.number).bind(2, p.text).bind(3, p.recording).bind(4, to_unix(p.updated));
  return stmt->run();
}

}  // namespace robocall::store
