// Routes: POST /api/dialer (on/off), GET /api/status (live state, today's counters).
#include <nlohmann/json.hpp>

#include "dialer/control.h"
#include "domain/calling_day.h"
#include "domain/dialer_problem.h"
#include "domain/local_time.h"
#include "http/change_notice.h"
#include "http/json_input.h"
#include "http/reply.h"
#include "http/routes.h"
#include "http/services.h"
#include "http/time_format.h"
#include "store/accounts_repo.h"
#include "store/attempts_repo.h"
#include "store/calling_settings.h"
#include "store/settings_blocks.h"
#include "store/settings_repo.h"

namespace robocall::http {
namespace {

// What keeps calling from going on (docs/BEHAVIOUR.md "The status strip"), as
// the stored settings and the dialer's live state tell it.
Result<nlohmann::json> problem_json(RequestContext& ctx, const dialer::DialerLive& live) {
  auto calling = store::load_calling_settings(ctx.db);
  if (!calling.ok()) return calling.error();
  auto account = store::AccountsRepo(ctx.db).get_default();
  if (!account.ok()) return account.error();
  const auto at = now(ctx);
  domain::DialerFacts facts;
  facts.enabled = calling->robocall.enabled;
  facts.has_account = account->has_value();
  facts.paused = live.paused;
  facts.sip_code = live.sip_code;
  facts.registration_failed = live.registration_failed;
  facts.inside_window = calling->calendar.is_open(at);
  facts.next_calling = domain::next_calling(calling->calendar, at).value_or("");
  const auto problem = domain::dialer_problem(facts);
  if (!problem) return nlohmann::json();
  return nlohmann::json{{"code", problem->code}, {"text", problem->text}, {"link", problem->link}};
}

Status send_status(RequestContext& ctx, const dialer::DialerLive& live) {
  const auto today = domain::local_date(now(ctx));
  auto counters = store::AttemptsRepo(ctx.db).counters(domain::local_day_start(today),
                                                       domain::local_day_end(today));
  if (!counters.ok()) return counters.error();
  auto problem = problem_json(ctx, live);
  if (!problem.ok()) return problem.error();
  // docs/BEHAVIOUR.md "Several nodes: changes and sessions": the cluster's
  // calls in flight on PostgreSQL, this node's (test calls too) on SQLite.
  const std::int64_t active = ctx.db.backend() == store::Backend::kPostgres
                                  ? counters->in_progress
                                  : std::int64_t{live.active_calls};
  send_json(ctx.res, {{"dialer", dialer::to_string(live.state)},
                      {"error", live.error.empty() ? nlohmann::json() : nlohmann::json(live.error)},
                      {"active_calls", active},
                      {"today",
                       {{"calls", counters->calls},
                        {"confirmed", counters->confirmed},
                        {"cancelled", counters->cancelled},
                        {"unreachable", counters->unreachable},
                        {"in_progress", counters->in_progress}}},
                      {"problem", std::move(problem).value()}});
  return {};
}

Status status(RequestContext& ctx) {
  dialer::DialerLive live;
  if (auto* dialer = ctx.services.options.dialer) live = dialer->live();
  return send_status(ctx, live);
}

Status switch_dialer(RequestContext& ctx) {
  auto body = parse_json(ctx.req.body);
  if (!body.ok()) return body.error();
  FieldReader f(*body);
  auto enabled = f.boolean("enabled");
  if (!f.ok()) return f.error();
  store::SettingsRepo repo(ctx.db);
  auto stored = repo.get(store::kRobocallKey);
  if (!stored.ok()) return stored.error();
  store::RobocallSettings settings;
  if (*stored) {
    if (auto read = store::parse_robocall(**stored); read.ok()) settings = *read;
  }
  settings.enabled = *enabled;
  if (auto st = repo.put(store::kRobocallKey, store::to_json(settings).dump(), ctx.caller.actor(),
                         now(ctx));
      !st.ok())
    return st;
  if (auto st = audit(ctx, "dialer.switch", {{"enabled", *enabled}}); !st.ok()) return st;
  notify_nodes(ctx, store::Change::kDialer);
  dialer::DialerLive live;
  if (auto* dialer = ctx.services.options.dialer) live = dialer->set_enabled(*enabled);
  return send_status(ctx, live);
}

}  // namespace

void add_dialer_routes(Router& router) {
  router.poll("/api/status", Access::kSession, status);
  router.post("/api/dialer", Access::kAdmin, switch_dialer);
}

}  // namespace robocall::http
