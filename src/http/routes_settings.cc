// Routes: GET/PUT /api/settings/robocall, /api/settings/schedule,
// /api/settings/exceptions (+ POST .../import of an xmlcalendar file and
// POST .../production-calendar of a built-in year, with GET
// /api/settings/production-calendars listing those years),
// /api/settings/webhook. Each PUT validates the whole block first and changes
// nothing on a bad field; every change is audited and the dialer reloads.
// The stored exceptions are all there is: an empty list means none
// (docs/BEHAVIOUR.md "Calling window").
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "dialer/control.h"
#include "domain/calendar.h"
#include "domain/production_calendar.h"
#include "http/change_notice.h"
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
  reload_everywhere(ctx, store::Change::kSettings);
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
  reload_everywhere(ctx, store::Change::kSettings);
  notify_nodes(ctx, store::Change::kDialer);
  if (auto* dialer = ctx.services.options.dialer) dialer->set_enabled(settings->enabled);
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

Status send_exceptions(RequestContext& ctx) {
  auto all = store::SettingsRepo(ctx.db).exceptions();
  if (!all.ok()) return all.error();
  send_json(ctx.res, exceptions_json(*all));
  return {};
}

// Replaces the stored days of `year.year` with the days of a production
// calendar, audited as `how` ("imported_year" or "applied_year"), and
// answers the whole list.
Status replace_with_calendar(RequestContext& ctx, const domain::ProductionYear& year,
                             const std::string& source, std::string_view how) {
  std::vector<store::DateException> days;
  for (const auto& d : year.days) {
    store::DateException x;
    x.date = d.date;
    x.mode = d.mode;
    x.provisional = year.provisional;
    x.source = source;
    days.push_back(std::move(x));
  }
  if (auto st = store::SettingsRepo(ctx.db).replace_year(year.year, days); !st.ok()) return st;
  auto st = audit(ctx, "settings.update",
                  {{"block", "exceptions"},
                   {std::string(how), year.year},
                   {"days", days.size()},
                   {"provisional", year.provisional}});
  if (!st.ok()) return st;
  dialer_reload(ctx);
  return send_exceptions(ctx);
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
  return replace_with_calendar(ctx, *year, "xmlcalendar-" + std::to_string(year->year),
                               "imported_year");
}

// The built-in years an administrator may apply; a provisional one is not
// decreed yet.
Status get_production_calendars(RequestContext& ctx) {
  auto out = nlohmann::json::array();
  for (const auto& y : domain::builtin_production_years()) {
    out.push_back({{"year", y.year}, {"provisional", y.provisional}, {"days", y.days.size()}});
  }
  send_json(ctx.res, out);
  return {};
}

// «Заполнить по производственному календарю»: the built-in year's days
// become the stored exceptions of that year.
Status apply_production_calendar(RequestContext& ctx) {
  auto body = parse_json(ctx.req.body);
  if (!body.ok()) return body.error();
  FieldReader fields(*body);
  auto year = fields.integer("year", 1900, 2200);
  if (!fields.ok()) return fields.error();
  const auto* builtin = domain::builtin_production_year(static_cast<int>(*year));
  if (builtin == nullptr) {
    return Error::invalid("Производственного календаря на " + std::to_string(*year) +
                          " год нет в программе; загрузите его файлом XML");
  }
  return replace_with_calendar(ctx, *builtin, "production-calendar-" + std::to_string(*year),
                               "applied_year");
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
  router.get("/api/settings/exceptions", Access::kAdmin, send_exceptions);
  router.put("/api/settings/exceptions", Access::kAdmin, put_exceptions);
  router.post("/api/settings/exceptions/import", Access::kAdmin, import_calendar);
  router.get("/api/settings/production-calendars", Access::kAdmin, get_production_calendars);
  router.post("/api/settings/exceptions/production-calendar", Access::kAdmin,
              apply_production_calendar);
  router.get("/api/settings/webhook", Access::kAdmin, get_webhook);
  router.put("/api/settings/webhook", Access::kAdmin, put_webhook);
}

}  // namespace robocall::http
