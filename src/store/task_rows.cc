#include "store/task_rows.h"

#include <charconv>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "common/json_text.h"

namespace robocall::store {

std::string task_columns(std::string_view q) {
  std::string out;
  for (std::string_view name :
       {"id", "external_id", "phone", "full_name", "appointment", "birth_date", "extra", "state",
        "attempts", "next_attempt", "created_at", "updated_at", "campaign_id"}) {
    if (!out.empty()) out += ", ";
    out += q;
    out += name;
  }
  // The latest ended attempt's outcome, through the (task_id, number) index.
  const std::string task = q.empty() ? std::string("tasks.") : std::string(q);
  out += ", (SELECT outcome FROM attempts WHERE task_id = " + task +
         "id AND outcome IS NOT NULL ORDER BY number DESC LIMIT 1)";
  for (std::string_view name : {"withdrawn_by", "withdrawn_at"}) {
    out += ", ";
    out += q;
    out += name;
  }
  return out;
}

Result<domain::Task> read_task(const Statement& s) {
  domain::Task task;
  task.id = s.column_int(0);
  task.external_id = s.column_optional_text(1).value_or("");
  task.phone = s.column_text(2);
  task.full_name = s.column_text(3);
  task.appointment = from_unix(s.column_int(4));
  const auto birth = parse_date(s.column_text(5));
  if (!birth) return Error::corrupt("Неверная дата рождения в задании " + std::to_string(task.id));
  task.birth_date = *birth;
  auto extra = extra_from_json(s.column_text(6));
  if (!extra) return extra.error();
  task.extra = std::move(extra).value();
  const auto state = domain::task_state_from_string(s.column_text(7));
  if (!state) return Error::corrupt("Неизвестное состояние задания " + std::to_string(task.id));
  task.state = *state;
  task.attempts = static_cast<int>(s.column_int(8));
  if (auto next = s.column_optional_int(9)) task.next_attempt = from_unix(*next);
  task.created = from_unix(s.column_int(10));
  task.updated = from_unix(s.column_int(11));
  task.campaign_id = s.column_optional_int(12);
  if (auto name = s.column_optional_text(13))
    task.last_outcome = domain::outcome_from_string(*name);
  task.withdrawn_by = s.column_optional_text(14).value_or("");
  if (auto at = s.column_optional_int(15)) task.withdrawn_at = from_unix(*at);
  return task;
}

std::int64_t to_unix(domain::Instant instant) {
  return instant.time_since_epoch().count();
}

domain::Instant from_unix(std::int64_t seconds) {
  return domain::Instant{std::chrono::seconds{seconds}};
}

std::optional<std::int64_t> to_unix(const std::optional<domain::Instant>& instant) {
  if (!instant) return std::nullopt;
  return to_unix(*instant);
}

Status bind_new_task(Statement& stmt, const domain::Task& t, domain::Instant now, int first) {
  if (!t.birth_date.ok()) return Error::invalid("Неверная дата рождения: " + t.full_name);
  if (to_unix(t.appointment) < 0) return Error::invalid("Неверная дата приёма: " + t.full_name);
  if (t.external_id.empty()) {
    stmt.bind_null(first);
  } else {
    stmt.bind(first, t.external_id);
  }
  stmt.bind(first + 1, t.phone)
      .bind(first + 2, t.full_name)
      .bind(first + 3, to_unix(t.appointment));
  stmt.bind(first + 4, date_text(t.birth_date)).bind(first + 5, extra_to_json(t.extra));
  stmt.bind(first + 6, to_unix(t.next_attempt).value_or(to_unix(now)));
  return {};
}

Error external_id_taken(std::string_view external_id) {
  return Error::conflict("Задание с внешним идентификатором «" + std::string(external_id) +
                         "» уже есть");
}

std::string date_text(std::chrono::year_month_day date) {
  const int y = static_cast<int>(date.year());
  if (y < 0 || y > 9999) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", y, static_cast<unsigned>(date.month()),
                  static_cast<unsigned>(date.day()));
    return buffer;
  }
  const auto m = static_cast<unsigned>(date.month());
  const auto d = static_cast<unsigned>(date.day());
  std::string out(10, '-');
  out[0] = static_cast<char>('0' + y / 1000);
  out[1] = static_cast<char>('0' + y / 100 % 10);
  out[2] = static_cast<char>('0' + y / 10 % 10);
  out[3] = static_cast<char>('0' + y % 10);
  out[5] = static_cast<char>('0' + m / 10 % 10);
  out[6] = static_cast<char>('0' + m % 10);
  out[8] = static_cast<char>('0' + d / 10 % 10);
  out[9] = static_cast<char>('0' + d % 10);
  return out;
}

std::optional<std::chrono::year_month_day> parse_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int y = 0;
  unsigned m = 0;
  unsigned d = 0;
  auto number = [&](std::size_t from, std::size_t len, auto& out) {
    const auto* end = text.data() + from + len;
    auto [ptr, ec] = std::from_chars(text.data() + from, end, out);
    return ec == std::errc{} && ptr == end;
  };
  if (!number(0, 4, y) || !number(5, 2, m) || !number(8, 2, d)) return std::nullopt;
  const std::chrono::year_month_day date{std::chrono::year{y}, std::chrono::month{m},
                                         std::chrono::day{d}};
  if (!date.ok()) return std::nullopt;
  return date;
}

// Written directly: an import turns every row's fields into this text.
std::string extra_to_json(const domain::ExtraFields& extra) {
  std::size_t size = 2;
  for (const auto& [name, value] : extra) size += name.size() + value.size() + 8;
  std::string out;
  out.reserve(size);
  out += '[';
  for (const auto& [name, value] : extra) {
    if (out.size() > 1) out += ',';
    out += '[';
    append_json_string(out, name);
    out += ',';
    append_json_string(out, value);
    out += ']';
  }
  out += ']';
  return out;
}

Result<domain::ExtraFields> extra_from_json(std::string_view json) {
  auto parsed = nlohmann::json::parse(json, nullptr, false);
  if (parsed.is_discarded() || !parsed.is_array())
    return Error::corrupt("Неверные дополнительные поля задания");
  domain::ExtraFields extra;
  for (const auto& pair : parsed) {
    if (!pair.is_array() || pair.size() != 2 || !pair[0].is_string() || !pair[1].is_string())
      return Error::corrupt("Неверные дополнительные поля задания");
    extra.emplace_back(pair[0].get<std::string>(), pair[1].get<std::string>());
  }
  return extra;
}

}  // namespace robocall::store
