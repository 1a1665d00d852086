// Route: GET /api/statistics?from=&to=&campaign=, the calls of a range of
// local dates counted by outcome, by day and by hour of the day
// (docs/BEHAVIOUR.md "Statistics"). Any role, audited like a task search.
#include <charconv>
#include <nlohmann/json.hpp>

#include "http/reply.h"
#include "http/routes.h"
#include "http/time_format.h"
#include "store/statistics.h"

namespace robocall::http {
namespace {

Result<std::chrono::year_month_day> required_date(const Params& params, const char* key,
                                                  std::string_view name) {
  auto it = params.find(key);
  if (it == params.end() || it->second.empty())
    return Error::invalid("Укажите дату «" + std::string(name) + "» периода");
  return parse_iso_date(it->second);
}

Result<std::optional<std::int64_t>> campaign_of(const Params& params, store::Connection& db) {
  auto it = params.find("campaign");
  if (it == params.end() || it->second.empty()) return std::optional<std::int64_t>{};
  const auto& text = it->second;
  std::int64_t id = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc{} || end != text.data() + text.size() || id < 1)
    return Error::invalid("Параметр «campaign» должен быть номером кампании");
  auto exists = db.prepare("SELECT 1 FROM campaigns WHERE id = ?");
  if (!exists) return exists.error();
  exists->bind(1, id);
  auto row = exists->step();
  if (!row) return row.error();
  if (!*row) return Error::not_found("Кампания " + std::to_string(id) + " не найдена");
  return std::optional<std::int64_t>{id};
}

nlohmann::json counts_json(const store::CallCounts& c) {
  auto outcomes = nlohmann::json::object();
  for (const auto& [outcome, n] : c.by_outcome)
    outcomes[std::string(domain::to_string(outcome))] = n;
  return {{"calls", c.calls}, {"answered", c.answered}, {"outcomes", std::move(outcomes)}};
}

nlohmann::json statistics_json(const store::StatisticsQuery& q, const store::Statistics& s) {
  auto totals = counts_json(s.totals);
  totals["patients"] = s.patients;
  auto days = nlohmann::json::array();
  for (const auto& d : s.days) {
    auto day = counts_json(d.counts);
    day["date"] = iso_date(d.date);
    days.push_back(std::move(day));
  }
  auto hours = nlohmann::json::array();
  for (std::size_t h = 0; h < s.hours.size(); ++h)
    hours.push_back({{"hour", h}, {"calls", s.hours[h].calls}, {"answered", s.hours[h].answered}});
  return {{"from", iso_date(q.from)},
          {"to", iso_date(q.to)},
          {"campaign", q.campaign_id ? nlohmann::json(*q.campaign_id) : nullptr},
          {"totals", std::move(totals)},
          {"days", std::move(days)},
          {"hours", std::move(hours)}};
}

Status show(RequestContext& ctx) {
  const auto& params = ctx.req.params;
  auto from = required_date(params, "from", "с");
  if (!from.ok()) return from.error();
  auto to = required_date(params, "to", "по");
  if (!to.ok()) return to.error();
  if (auto st = store::check_statistics_range(*from, *to); !st.ok()) return st;
  auto campaign = campaign_of(params, ctx.db);
  if (!campaign.ok()) return campaign.error();
  const store::StatisticsQuery query{*from, *to, *campaign};
  auto stats = store::read_statistics(ctx.db, query);
  if (!stats.ok()) return stats.error();
  auto st = audit(ctx, "statistics.view",
                  {{"from", iso_date(*from)},
                   {"to", iso_date(*to)},
                   {"campaign", *campaign ? nlohmann::json(**campaign) : nullptr}});
  if (!st.ok()) return st;
  send_json(ctx.res, statistics_json(query, *stats));
  return {};
}

}  // namespace

void add_statistics_routes(Router& router) {
  router.get("/api/statistics", Access::kSession, show);
}

}  // namespace robocall::http
