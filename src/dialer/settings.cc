#include "dialer/settings.h"

#include <nlohmann/json.hpp>
#include <string>

namespace robocall::dialer {
namespace {

using nlohmann::json;

Error bad_field(std::string_view name, std::string_view range) {
  return Error::invalid("Настройка обзвона «" + std::string(name) + "» должна быть " +
                        std::string(range));
}

// Reads an integer field within [lo, hi] into out when present.
Status read_int(const json& j, std::string_view name, int lo, int hi, int& out) {
  const auto it = j.find(name);
  if (it == j.end()) return {};
  if (!it->is_number_integer())
    return bad_field(name, "целым числом от " + std::to_string(lo) + " до " + std::to_string(hi));
  const auto v = it->get<long long>();
  if (v < lo || v > hi)
    return bad_field(name, "целым числом от " + std::to_string(lo) + " до " + std::to_string(hi));
  out = static_cast<int>(v);
  return {};
}

}  // namespace

Result<DialerSettings> parse_dialer_settings(std::string_view text) {
  const json j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object())
    return Error::invalid("Настройки обзвона повреждены: ожидается объект JSON");
  DialerSettings s;
  if (const auto it = j.find("enabled"); it != j.end()) {
    if (!it->is_boolean()) return bad_field("enabled", "логическим значением");
    s.enabled = it->get<bool>();
  }
  if (auto st = read_int(j, "attempts", 1, 20, s.attempts); !st) return st.error();
  int retry = static_cast<int>(s.retry_after.count());
  if (auto st = read_int(j, "retry_after_min", 0, 1440, retry); !st) return st.error();
  s.retry_after = std::chrono::minutes(retry);
  int answer = static_cast<int>(s.answer_timeout.count());
  if (auto st = read_int(j, "answer_timeout_s", 5, 120, answer); !st) return st.error();
  s.answer_timeout = std::chrono::seconds(answer);
  if (auto st = read_int(j, "max_calls", 1, 1000, s.max_calls); !st) return st.error();
  if (const auto it = j.find("max_calls_per_second"); it != j.end()) {
    if (!it->is_number() || it->get<double>() < 0.1 || it->get<double>() > 100)
      return bad_field("max_calls_per_second", "числом от 0,1 до 100");
    s.max_calls_per_second = it->get<double>();
  }
  if (const auto it = j.find("retention_days"); it != j.end()) {
    if (it->is_null()) {
      s.retention_days.reset();
    } else {
      int days = 0;
      if (auto st = read_int(j, "retention_days", 1, 3650, days); !st) return st.error();
      s.retention_days = days;
    }
  }
  return s;
}

}  // namespace robocall::dialer
