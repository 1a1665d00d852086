// Route (administrators): GET /api/audit, the audit log newest first with
// filters (from, to: dates; actor; action or its group) and paging by
// `before` (docs/SECURITY.md "Audit").
#include <charconv>
#include <nlohmann/json.hpp>

#include "domain/local_time.h"
#include "http/reply.h"
#include "http/routes.h"
#include "http/time_format.h"
#include "store/audit_repo.h"

namespace robocall::http {
namespace {

constexpr int kDefaultPage = 50;

Result<std::int64_t> read_number(const Params& p, const std::string& key, std::int64_t min,
                                 std::int64_t max, std::int64_t fallback) {
  auto it = p.find(key);
  if (it == p.end() || it->second.empty()) return fallback;
  std::int64_t n = 0;
  const auto& text = it->second;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc{} || end != text.data() + text.size() || n < min || n > max) {
    return Error::invalid("Параметр «" + key + "» должен быть числом от " + std::to_string(min) +
                          " до " + std::to_string(max));
  }
  return n;
}

Result<store::AuditFilter> read_filter(const Params& p) {
  store::AuditFilter f;
  for (auto [key, end] : {std::pair{"from", false}, std::pair{"to", true}}) {
    auto it = p.find(key);
    if (it == p.end() || it->second.empty()) continue;
    auto day = parse_iso_date(it->second);
    if (!day.ok()) return day.error();
    (end ? f.to : f.from) = end ? domain::local_day_end(*day) : domain::local_day_start(*day);
  }
  if (f.from && f.to && *f.from >= *f.to) {
    return Error::invalid("Дата «с» должна быть не позже даты «по»");
  }
  for (auto [key, target] : {std::pair{"actor", &f.actor}, std::pair{"action", &f.action}}) {
    auto it = p.find(key);
    if (it == p.end()) continue;
    if (it->second.size() > 200) return Error::invalid("Слишком длинный фильтр журнала");
    *target = it->second;
  }
  auto before = read_number(p, "before", 1, INT64_MAX, 0);
  if (!before.ok()) return before.error();
  if (*before > 0) f.before_id = *before;
  return f;
}

Status list(RequestContext& ctx) {
  auto filter = read_filter(ctx.req.params);
  if (!filter.ok()) return filter.error();
  auto limit = read_number(ctx.req.params, "limit", 1, 500, kDefaultPage);
  if (!limit.ok()) return limit.error();
  auto entries = store::AuditRepo(ctx.db).list(*filter, static_cast<int>(*limit));
  if (!entries.ok()) return entries.error();
  auto items = nlohmann::json::array();
  for (const auto& e : *entries) {
    items.push_back({{"id", e.id},
                     {"at", rfc3339(e.at)},
                     {"actor", e.actor},
                     {"action", e.action},
                     {"details", nlohmann::json::parse(e.details, nullptr, false)}});
  }
  nlohmann::json next = nullptr;
  if (static_cast<std::int64_t>(entries->size()) == *limit) next = entries->back().id;
  send_json(ctx.res, {{"items", std::move(items)}, {"next_before", next}});
  return {};
}

}  // namespace

void add_audit_routes(Router& router) {
  router.get("/api/audit", Access::kAdmin, list);
}

}  // namespace robocall::http
