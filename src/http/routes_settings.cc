// Routes: GET/PUT /api/settings/robocall, /api/settings/schedule,
// /api/settings/exceptions (+ POST .../import of an xmlcalendar file),
// /api/settings/webhook. Each PUT validates the whole block first and changes
// nothing on a bad field; every change is audited and the dialer reloads.
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "dialer/control.h"
#include "domain/calendar.h"
#include "domain/production_calendar.h"
#include "http/json_input.h"
#include "http/reply.h"
#include "http/routes.h"
#include "http/services.h"
#include "http/settings_blocks.h"
#include "http/time_format.h"
#include "http/webhook_sender.h"
#include "store/settings_blocks.h"
#include "store/settings_repo.h"

namespace robocall::http {
namespace {

void dialer_reload(RequestContext& ctx) {
  if (ctx.services.options.dialer) ctx.services.options.dialer->reload_settings();
}

Status get_robocall(RequestContext& ctx) {
  // A stored block that is unusable shows the defaults (the dialer, too,
  // names it among its problems and does not use it).
  auto stored = store::SettingsRepo(ctx.db).get(store::kRobocallKey);
  if (!stored.ok()) return stored.error();
  store::RobocallSettings settings;
  if (*stored) {
    if (auto read = store::parse_robocall(**stored); read.ok()) settings = *read;
  }
  send_json(ctx.res, store::to_json(settings));
  return {};
}

Status get_schedule(RequestContext& ctx) {
  auto stored = store::SettingsRepo(ctx.db).get(store::kScheduleKey);
  if (!stored.ok()) return stored.error();
  auto settings = domain::default_calendar_settings();
  if (*stored) {
    if (auto read = store::parse_schedule(**stored, settings); read.ok()) settings = *read;
  }
  send_json(ctx.res, store::schedule_json(settings));
  return {};
}

Status put_robocall(RequestContext& ctx) {
  auto body = parse_json(ctx.req.body);
  if (!body.ok()) return body.error();
  auto settings = store::read_robocall(*body, store::AbsentField::kRefuse);
  if (!settings.ok()) return settings.error();
  const auto block = store::to_json(*settings);
  auto st = store::SettingsRepo(ctx.db).put(store::kRobocallKey, block.dump(), ctx.caller.actor(),
                                            now(ctx));
  if (!st.ok()) return st;
  if (st = audit(ctx, "settings.update", {{"block", "robocall"}, {"value", block}}); !st.ok()) {
    return st;
  }
  if (auto* dialer = ctx.services.options.dialer) {
    dialer->reload_settings();
    dialer->set_enabled(settings->enabled);
  }
  send_json(ctx.res, block);
  return {};
}

Status put_schedule(RequestContext& ctx) {
  auto body = parse_json(ctx.req.body);
  if (!body.ok()) return body.error();
  auto settings = store::read_schedule(*body, domain::CalendarSettings{});
  if (!settings.ok()) return settings.error();
  const auto block = store::schedule_json(*settings);
  auto st = store::SettingsRepo(ctx.db).put(store::kScheduleKey, block.dump(), ctx.caller.actor(),
                                            now(ctx));
  if (!st.ok()) return st;
  if (st = audit(ctx, "settings.update", {{"block", "schedule"}, {"value", block}}); !st.ok()) {
    return st;
  }
  dialer_reload(ctx);
  send_json(ctx.res, block);
  return {};
}

nlohmann::json exceptions_json(const std::vector<store::DateException>& list) {
  auto out = nlohmann::json::array();
  for (const auto& e : list) {
    out.push_back({{"date", iso_date(e.date)},
                   {"mode", domain::to_string(e.mode)},
                   {"provisional", e.provisional}});
  }
  return out;
}

Result<std::vector<store::DateException>> stored_or_default_exceptions(store::Connection& db) {
  auto stored = store::SettingsRepo(db).exceptions();
  if (!stored.ok()) return stored.error();
  if (!stored->empty()) return stored;
  std::vector<store::DateException> defaults;
  for (const auto& e : domain::default_production_exceptions()) {
    store::DateException x;
    x.date = e.date;
    x.mode = e.mode;
    x.source = "builtin";
    defaults.push_back(std::move(x));
  }
  return defaults;
}

// Replaces the stored exceptions with `list`, year by year (years no longer
// present are emptied).
Status replace_exceptions(store::Connection& db, const std::vector<store::DateException>& list) {
  store::SettingsRepo repo(db);
  auto old = repo.exceptions();
  if (!old.ok()) return old.error();
  std::map<int, std::vector<store::DateException>> by_year;
  for (const auto& e : *old) by_year[static_cast<int>(e.date.year())];
  for (const auto& e : list) by_year[static_cast<int>(e.date.year())].push_back(e);
  for (const auto& [year, days] : by_year) {
    if (auto st = repo.replace_year(year, days); !st.ok()) return st;
  }
  return {};
}

Status put_exceptions(RequestContext& ctx) {
  auto body = parse_json(ctx.req.body);
  if (!body.ok()) return body.error();
  auto list = read_exceptions(*body);
  if (!list.ok()) return list.error();
  if (auto st = replace_exceptions(ctx.db, *list); !st.ok()) return st;
  auto st = audit(ctx, "settings.update", {{"block", "exceptions"}, {"count", list->size()}});
  if (!st.ok()) return st;
  dialer_reload(ctx);
  send_json(ctx.res, exceptions_json(*list));
  return {};
}

Status import_calendar(RequestContext& ctx) {
  if (!ctx.req.has_file("file")) {
    return Error::invalid("Не передан файл календаря (поле формы «file»)");
  }
  auto year = domain::parse_xmlcalendar(ctx.req.get_file_value("file").content);
  if (!year.ok()) return year.error();
  std::vector<store::DateException> days;
  for (const auto& d : year->days) {
    store::DateException x;
    x.date = d.date;
    x.mode = d.mode;
    x.provisional = year->provisional;
    x.source = "xmlcalendar-" + std::to_string(year->year);
    days.push_back(std::move(x));
  }
  auto current = stored_or_default_exceptions(ctx.db);
  if (!current.ok()) return current.error();
  std::vector<store::DateException> merged;
  for (const auto& e : *current) {
    if (static_cast<int>(e.date.year()) != year->year) merged.push_back(e);
  }
  merged.insert(merged.end(), days.begin(), days.end());
  if (auto st = replace_exceptions(ctx.db, merged); !st.ok()) return st;
  auto st = audit(ctx, "settings.update",
                  {{"block", "exceptions"}, {"imported_year", year->year}, {"days", days.size()}});
  if (!st.ok()) return st;
  dialer_reload(ctx);
  auto all = store::SettingsRepo(ctx.db).exceptions();
  if (!all.ok()) return all.error();
  send_json(ctx.res, exceptions_json(*all));
  return {};
}

// The secret never leaves the server: only whether there is one.
nlohmann::json webhook_json(const WebhookConfig& config) {
  return {{"url", config.url},
          {"has_secret", !config.secret.empty()},
          {"allow_private", config.allow_private}};
}

Status get_webhook(RequestContext& ctx) {
  auto config = load_webhook_config(ctx.db);
  if (!config.ok()) return config.error();
  send_json(ctx.res, webhook_json(*config));
  return {};
}

Status put_webhook(RequestContext& ctx) {
  auto body = parse_json(ctx.req.body);
  if (!body.ok()) return body.error();
  FieldReader fields(*body);
  auto url = fields.string("url", 2000);
  std::optional<std::string> secret;
  if (fields.has("secret") && !fields.is_null("secret")) secret = fields.string("secret", 200);
  const bool allow_private =
      fields.has("allow_private") && fields.boolean("allow_private").value_or(false);
  if (!fields.ok()) return fields.error();
  if (!url->empty()) {
    if (auto checked = check_webhook_url(*url, {.allow_private = allow_private}); !checked.ok())
      return checked.error();
  }
  auto current = load_webhook_config(ctx.db);
  if (!current.ok()) return current.error();
  WebhookConfig config{*url, secret ? *secret : current->secret, allow_private};
  if (!config.url.empty() && config.secret.size() < 16) {
    return Error::invalid("Секрет webhook должен быть не короче 16 символов");
  }
  if (auto st = save_webhook_config(ctx.db, config, ctx.caller.actor(), now(ctx)); !st.ok())
    return st;
  auto st = audit(ctx, "settings.update",
                  {{"block", "webhook"},
                   {"url", config.url},
                   {"allow_private", config.allow_private},
                   {"secret_changed", secret.has_value()}});
  if (!st.ok()) return st;
  send_json(ctx.res, webhook_json(config));
  return {};
}

}  // namespace

void add_settings_routes(Router& router) {
  router.get("/api/settings/robocall", Access::kAdmin, get_robocall);
  router.put("/api/settings/robocall", Access::kAdmin, put_robocall);
  router.get("/api/settings/schedule", Access::kAdmin, get_schedule);
  router.put("/api/settings/schedule", Access::kAdmin, put_schedule);
  router.get("/api/settings/exceptions", Access::kAdmin, [](RequestContext& ctx) -> Status {
    auto list = stored_or_default_exceptions(ctx.db);
    if (!list.ok()) return list.error();
    send_json(ctx.res, exceptions_json(*list));
    return {};
  });
  router.put("/api/settings/exceptions", Access::kAdmin, put_exceptions);
  router.post("/api/settings/exceptions/import", Access::kAdmin, import_calendar);
  router.get("/api/settings/webhook", Access::kAdmin, get_webhook);
  router.put("/api/settings/webhook", Access::kAdmin, put_webhook);
}

}  // namespace robocall::http
