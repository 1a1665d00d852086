#include "store/settings_blocks.h"

#include <cmath>
#include <cstdint>
#include <string>

namespace robocall::store {
namespace {

using nlohmann::json;

std::string field(std::string_view name) {
  return "«" + std::string(name) + "»";
}

Error robocall_error(std::string_view text) {
  return Error::invalid("Настройки обзвона: " + std::string(text));
}

// Reads the fields of the robocall block, absent ones per `absent`.
class RobocallReader {
 public:
  RobocallReader(const json& block, AbsentField absent) : block_(block), absent_(absent) {}

  // The field, or nullptr when it is absent and may be (out unchanged).
  Result<const json*> find(std::string_view name) const {
    const auto it = block_.find(name);
    if (it != block_.end()) return &*it;
    if (absent_ == AbsentField::kDefault) return static_cast<const json*>(nullptr);
    return robocall_error("не указано поле " + field(name));
  }

  Status integer(std::string_view name, int lo, int hi, int& out) const {
    auto v = find(name);
    if (!v) return v.error();
    if (!*v) return {};
    if (!is_integer_in(**v, lo, hi)) return integer_error(name, lo, hi, "");
    out = static_cast<int>((*v)->get<std::int64_t>());
    return {};
  }

  static bool is_integer_in(const json& v, int lo, int hi) {
    if (!v.is_number_integer()) return false;
    if (v.is_number_unsigned() && v.get<std::uint64_t>() > static_cast<std::uint64_t>(hi))
      return false;
    const auto n = v.get<std::int64_t>();
    return n >= lo && n <= hi;
  }

  static Error integer_error(std::string_view name, int lo, int hi, std::string_view more) {
    return robocall_error("поле " + field(name) + " должно быть целым числом от " +
                          std::to_string(lo) + " до " + std::to_string(hi) + std::string(more));
  }

 private:
  const json& block_;
  AbsentField absent_;
};

Result<domain::TimeWindow> read_window(const json& block, std::string_view name) {
  const auto bad = [&] {
    return Error::invalid("Расписание: окно " + field(name) +
                          " должно иметь вид {\"start\":\"ЧЧ:ММ\",\"end\":\"ЧЧ:ММ\"}");
  };
  const auto it = block.find(name);
  if (it == block.end() || !it->is_object()) return bad();
  const auto start = it->find("start");
  const auto end = it->find("end");
  if (start == it->end() || end == it->end() || !start->is_string() || !end->is_string())
    return bad();
  auto s = domain::parse_time_of_day(start->get<std::string>());
  if (!s) return Error::invalid("Расписание, окно " + field(name) + ": " + s.error().message);
  auto e = domain::parse_time_of_day(end->get<std::string>());
  if (!e) return Error::invalid("Расписание, окно " + field(name) + ": " + e.error().message);
  return domain::TimeWindow{*s, *e};
}

json window_json(const domain::TimeWindow& w) {
  return {{"start", domain::format_time_of_day(w.start)},
          {"end", domain::format_time_of_day(w.end)}};
}

}  // namespace

Result<RobocallSettings> read_robocall(const json& block, AbsentField absent) {
  if (!block.is_object()) return robocall_error("ожидается JSON-объект");
  const RobocallReader r(block, absent);
  RobocallSettings s;

  auto enabled = r.find("enabled");
  if (!enabled) return enabled.error();
  if (*enabled) {
    if (!(*enabled)->is_boolean())
      return robocall_error("поле " + field("enabled") + " должно быть true или false");
    s.enabled = (*enabled)->get<bool>();
  }
  if (auto st = r.integer("attempts", 1, 20, s.attempts); !st) return st.error();
  int retry = static_cast<int>(s.retry_after.count());
  if (auto st = r.integer("retry_after_min", 0, 1440, retry); !st) return st.error();
  s.retry_after = std::chrono::minutes(retry);
  int answer = static_cast<int>(s.answer_timeout.count());
  if (auto st = r.integer("answer_timeout_s", 5, 120, answer); !st) return st.error();
  s.answer_timeout = std::chrono::seconds(answer);
  if (auto st = r.integer("max_calls", 1, 1000, s.max_calls); !st) return st.error();

  auto rate = r.find("max_calls_per_second");
  if (!rate) return rate.error();
  if (*rate) {
    const json& v = **rate;
    const double n = v.is_number() ? v.get<double>() : NAN;
    if (!std::isfinite(n) || n < 0.1 || n > 100)
      return robocall_error("поле " + field("max_calls_per_second") +
                            " должно быть числом от 0,1 до 100");
    s.max_calls_per_second = n;
  }

  auto retention = r.find("retention_days");
  if (!retention) return retention.error();
  if (*retention) {
    const json& v = **retention;
    if (v.is_null()) {
      s.retention_days.reset();
    } else if (RobocallReader::is_integer_in(v, 1, 3650)) {
      s.retention_days = static_cast<int>(v.get<std::int64_t>());
    } else {
      return RobocallReader::integer_error("retention_days", 1, 3650, " или null");
    }
  }
  if (auto st = r.integer("task_retention_days", 1, 3650, s.task_retention_days); !st)
    return st.error();
  if (const auto verify = block.find("verify_identity"); verify != block.end()) {
    if (!verify->is_boolean())
      return robocall_error("поле " + field("verify_identity") + " должно быть true или false");
    s.verify_identity = verify->get<bool>();
  }
  return s;
}

Result<RobocallSettings> parse_robocall(std::string_view stored) {
  const json j = json::parse(stored, nullptr, false);
  if (j.is_discarded()) return robocall_error("ожидается JSON-объект");
  return read_robocall(j, AbsentField::kDefault);
}

json to_json(const RobocallSettings& s) {
  return {{"enabled", s.enabled},
          {"attempts", s.attempts},
          {"retry_after_min", s.retry_after.count()},
          {"answer_timeout_s", s.answer_timeout.count()},
          {"max_calls", s.max_calls},
          {"max_calls_per_second", s.max_calls_per_second},
          {"retention_days", s.retention_days ? json(*s.retention_days) : json(nullptr)},
          {"task_retention_days", s.task_retention_days},
          {"verify_identity", s.verify_identity}};
}

Result<domain::CalendarSettings> read_schedule(const json& block, domain::CalendarSettings base) {
  if (!block.is_object()) return Error::invalid("Расписание: ожидается JSON-объект");
  auto working = read_window(block, "working");
  if (!working) return working.error();
  auto shortened = read_window(block, "shortened");
  if (!shortened) return shortened.error();
  const auto days = block.find("weekdays");
  if (days == block.end() || !days->is_array() || days->size() != 7)
    return Error::invalid(
        "Расписание: поле «weekdays» должно быть списком из 7 режимов (с "
        "понедельника)");
  for (std::size_t i = 0; i < 7; ++i) {
    const auto& d = (*days)[i];
    auto mode = d.is_string() ? domain::day_mode_from_string(d.get<std::string>()) : std::nullopt;
    if (!mode)
      return Error::invalid("Расписание: режим дня недели № " + std::to_string(i + 1) +
                            " в поле «weekdays» должен быть working, shortened или day_off");
    base.weekdays[i] = *mode;
  }
  base.working = *working;
  base.shortened = *shortened;
  if (auto st = domain::validate(base); !st) return st.error();
  return base;
}

Result<domain::CalendarSettings> parse_schedule(std::string_view stored,
                                                domain::CalendarSettings base) {
  const json j = json::parse(stored, nullptr, false);
  if (j.is_discarded()) return Error::invalid("Расписание: ожидается JSON-объект");
  return read_schedule(j, std::move(base));
}

json schedule_json(const domain::CalendarSettings& settings) {
  auto weekdays = json::array();
  for (auto mode : settings.weekdays) weekdays.push_back(domain::to_string(mode));
  return {{"working", window_json(settings.working)},
          {"shortened", window_json(settings.shortened)},
          {"weekdays", weekdays}};
}

}  // namespace robocall::store
