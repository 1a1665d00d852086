#include "http/settings_blocks.h"

#include <set>

#include "domain/calendar.h"
#include "http/json_input.h"
#include "http/time_format.h"

namespace robocall::http {
namespace {

nlohmann::json window_json(const domain::TimeWindow& w) {
  return {{"start", domain::format_time_of_day(w.start)},
          {"end", domain::format_time_of_day(w.end)}};
}

Result<domain::TimeWindow> read_window(const nlohmann::json& body, std::string_view key,
                                       std::string_view label) {
  FieldReader outer(body);
  auto* raw = outer.raw(key);
  if (!raw) return Error::invalid("Не указано поле «" + std::string(key) + "»");
  FieldReader fields(*raw, "Поле «" + std::string(key) + "»");
  auto start = fields.string("start", 8);
  auto end = fields.string("end", 8);
  if (!fields.ok()) return fields.error();
  auto s = domain::parse_time_of_day(*start);
  auto e = domain::parse_time_of_day(*end);
  if (!s.ok() || !e.ok()) {
    return Error::invalid(std::string(label) + ": время должно иметь вид ЧЧ:ММ");
  }
  if (*s >= *e) {
    return Error::invalid(std::string(label) + ": начало должно быть раньше конца");
  }
  return domain::TimeWindow{*s, *e};
}

}  // namespace

nlohmann::json default_robocall_block() {
  return {{"enabled", false},       {"attempts", 3},   {"retry_after_min", 30},
          {"answer_timeout_s", 30}, {"max_calls", 10}, {"max_calls_per_second", 1.0},
          {"retention_days", 7}};
}

nlohmann::json default_schedule_block() {
  auto d = domain::default_calendar_settings();
  auto weekdays = nlohmann::json::array();
  for (auto mode : d.weekdays) weekdays.push_back(domain::to_string(mode));
  return {{"working", window_json(d.working)},
          {"shortened", window_json(d.shortened)},
          {"weekdays", weekdays}};
}

Result<nlohmann::json> read_robocall_block(const nlohmann::json& body) {
  FieldReader f(body);
  auto enabled = f.boolean("enabled");
  auto attempts = f.integer("attempts", 1, 20);
  auto retry = f.integer("retry_after_min", 0, 1440);
  auto timeout = f.integer("answer_timeout_s", 5, 120);
  auto max_calls = f.integer("max_calls", 1, 1000);
  auto rate = f.number("max_calls_per_second", 0.1, 100);
  nlohmann::json retention = nullptr;
  if (!f.is_null("retention_days")) {
    auto days = f.integer("retention_days", 1, 3650);
    if (days) retention = *days;
  }
  if (!f.ok()) return f.error();
  return nlohmann::json{{"enabled", *enabled},        {"attempts", *attempts},
                        {"retry_after_min", *retry},  {"answer_timeout_s", *timeout},
                        {"max_calls", *max_calls},    {"max_calls_per_second", *rate},
                        {"retention_days", retention}};
}

Result<nlohmann::json> read_schedule_block(const nlohmann::json& body) {
  if (!body.is_object()) return Error::invalid("Тело запроса должно быть JSON-объектом");
  auto working = read_window(body, "working", "Рабочий день");
  if (!working.ok()) return working.error();
  auto shortened = read_window(body, "shortened", "Сокращённый день");
  if (!shortened.ok()) return shortened.error();
  auto it = body.find("weekdays");
  if (it == body.end() || !it->is_array() || it->size() != 7) {
    return Error::invalid("Поле «weekdays» должно быть списком из 7 режимов (с понедельника)");
  }
  auto weekdays = nlohmann::json::array();
  for (const auto& m : *it) {
    auto mode = m.is_string() ? domain::day_mode_from_string(m.get<std::string>()) : std::nullopt;
    if (!mode) {
      return Error::invalid("Режим дня должен быть working, shortened или day_off");
    }
    weekdays.push_back(domain::to_string(*mode));
  }
  return nlohmann::json{{"working", window_json(*working)},
                        {"shortened", window_json(*shortened)},
                        {"weekdays", weekdays}};
}

Result<std::vector<store::DateException>> read_exceptions(const nlohmann::json& body) {
  if (!body.is_array()) return Error::invalid("Ожидается список исключений");
  if (body.size() > 3660) return Error::invalid("Слишком много исключений");
  std::vector<store::DateException> out;
  std::set<std::string> seen;
  for (std::size_t i = 0; i < body.size(); ++i) {
    FieldReader f(body[i], "Исключение " + std::to_string(i + 1));
    auto date_text = f.string("date", 10);
    auto mode_text = f.string("mode", 20);
    bool provisional = false;
    if (f.has("provisional")) provisional = f.boolean("provisional").value_or(false);
    if (!f.ok()) return f.error();
    auto date = parse_iso_date(*date_text);
    if (!date.ok()) return date.error();
    auto mode = domain::day_mode_from_string(*mode_text);
    if (!mode) return Error::invalid("Режим дня должен быть working, shortened или day_off");
    if (!seen.insert(*date_text).second) {
      return Error::invalid("Дата " + *date_text + " указана дважды");
    }
    store::DateException x;
    x.date = *date;
    x.mode = *mode;
    x.provisional = provisional;
    x.source = "admin";
    out.push_back(std::move(x));
  }
  return out;
}

}  // namespace robocall::http
