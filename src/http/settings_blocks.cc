#include "http/settings_blocks.h"

#include <set>

#include "domain/calendar.h"
#include "http/json_input.h"
#include "http/time_format.h"

namespace robocall::http {
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
