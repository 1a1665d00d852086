#include "http/task_query.h"

#include <charconv>
#include <limits>

#include "domain/local_time.h"
#include "domain/task_buckets.h"
#include "http/time_format.h"

namespace robocall::http {
namespace {

const std::string* param(const Params& params, const char* key) {
  auto it = params.find(key);
  return it == params.end() ? nullptr : &it->second;
}

Result<std::int64_t> read_number(const Params& params, const char* key, std::int64_t fallback,
                                 std::int64_t min, std::int64_t max) {
  auto* text = param(params, key);
  if (!text) return fallback;
  std::int64_t n = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), n);
  if (text->empty() || ec != std::errc{} || end != text->data() + text->size() || n < min ||
      n > max) {
    return Error::invalid("Параметр «" + std::string(key) + "» должен быть целым числом от " +
                          std::to_string(min) + " до " + std::to_string(max));
  }
  return n;
}

}  // namespace

Result<ParsedTaskQuery> parse_task_query(const Params& params, bool paged) {
  ParsedTaskQuery out;
  auto& q = out.query;
  if (auto* sort = param(params, "sort")) {
    if (*sort == "id") {
      q.sort = store::TaskSort::kId;
    } else if (*sort == "name") {
      q.sort = store::TaskSort::kName;
    } else if (*sort == "appointment") {
      q.sort = store::TaskSort::kAppointment;
    } else if (*sort == "status") {
      q.sort = store::TaskSort::kStatus;
    } else {
      return Error::invalid("Неизвестная сортировка: допустимы id, name, appointment, status");
    }
  }
  if (auto* order = param(params, "order")) {
    if (*order == "asc") {
      q.order = store::SortOrder::kAsc;
    } else if (*order == "desc") {
      q.order = store::SortOrder::kDesc;
    } else {
      return Error::invalid("Порядок сортировки должен быть asc или desc");
    }
  }
  for (auto [key, target] : {std::pair{"from", &out.from}, std::pair{"to", &out.to}}) {
    auto* text = param(params, key);
    if (!text || text->empty()) continue;
    auto date = parse_iso_date(*text);
    if (!date.ok()) return date.error();
    *target = *date;
  }
  if (out.from && out.to && std::chrono::sys_days(*out.from) > std::chrono::sys_days(*out.to)) {
    return Error::invalid("Начало периода позже его конца");
  }
  if (out.from) q.filter.from = domain::local_day_start(*out.from);
  if (out.to) q.filter.to = domain::local_day_end(*out.to);
  if (auto* text = param(params, "q")) {
    if (text->size() > 100) return Error::invalid("Строка поиска слишком длинная");
    q.filter.search = *text;
  }
  if (auto* text = param(params, "campaign"); text && !text->empty()) {
    auto id = read_number(params, "campaign", 0, 1, std::numeric_limits<std::int64_t>::max());
    if (!id.ok()) return id.error();
    q.filter.campaign_id = *id;
  }
  if (auto* text = param(params, "status")) {
    auto statuses = domain::parse_status_filter(*text);
    if (!statuses.ok()) return statuses.error();
    q.filter.statuses = std::move(statuses).value();
  }
  if (paged) {
    auto limit = read_number(params, "limit", 50, 1, kMaxPageSize);
    if (!limit.ok()) return limit.error();
    auto offset = read_number(params, "offset", 0, 0, 1'000'000'000);
    if (!offset.ok()) return offset.error();
    q.limit = static_cast<int>(*limit);
    q.offset = *offset;
  }
  return out;
}

}  // namespace robocall::http
