// Routes of the administrator's day (docs/BEHAVIOUR.md "The summary", "Call
// now", "Taking a patient off calling"): GET /api/tasks/summary, POST
// /api/tasks/{id}/call-now, POST /api/tasks/{id}/withdraw, POST
// /api/tasks/bulk. Any role may act on patients, as on the task list.
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "domain/calling_day.h"
#include "domain/local_time.h"
#include "http/calls_context.h"
#include "http/json_input.h"
#include "http/reply.h"
#include "http/routes.h"
#include "http/services.h"
#include "http/task_json.h"
#include "http/task_query.h"
#include "http/webhook_sender.h"
#include "store/calling_settings.h"
#include "store/task_summary.h"
#include "store/tasks_repo.h"

namespace robocall::http {
namespace {

constexpr std::size_t kMaxBulk = 1000;

enum class Action { kCallNow, kWithdraw };

// Why no call can be placed now, for every task alike; empty when one can.
Result<std::string> call_refusal(RequestContext& ctx) {
  auto calling = store::load_calling_settings(ctx.db);
  if (!calling.ok()) return calling.error();
  if (!calling->robocall.enabled)
    return std::string("Обзвон остановлен: начните обзвон, чтобы позвонить пациенту");
  const auto at = now(ctx);
  const auto& calendar = calling->calendar;
  if (calendar.is_open(at)) return std::string();
  const auto mode = calendar.mode_on(domain::local_date(at));
  if (mode == domain::DayMode::kDayOff) {
    const auto next = domain::next_calling(calendar, at);
    return "Сейчас не время звонков: сегодня выходной" + (next ? ", " + *next : std::string());
  }
  const auto& window = mode == domain::DayMode::kWorking ? calendar.settings().working
                                                         : calendar.settings().shortened;
  return "Сейчас не время звонков: обзвон с " + domain::format_time_of_day(window.start) + " до " +
         domain::format_time_of_day(window.end);
}

// One task: the action, or the Russian reason it was refused (a conflict or
// an unknown id). Other errors stop the request.
Result<std::optional<domain::Task>> act(RequestContext& ctx, Action action, std::int64_t id,
                                        const std::string& refusal, std::string& why) {
  store::TasksRepo tasks(ctx.db);
  auto done = action == Action::kCallNow
                  ? (refusal.empty() ? tasks.call_now(id, now(ctx)) : Error::conflict(refusal))
                  : tasks.withdraw(id, ctx.caller.actor(), now(ctx));
  if (done.ok()) {
    if (action == Action::kWithdraw) {
      if (auto st = enqueue_final_status(ctx.db, id, now(ctx)); !st.ok()) return st.error();
    }
    return std::optional<domain::Task>(std::move(done).value());
  }
  const auto code = done.error().code;
  if (code != Errc::kConflict && code != Errc::kNotFound) return done.error();
  why = code == Errc::kNotFound ? "Задание не найдено" : done.error().message;
  return std::optional<domain::Task>();
}

Status one(RequestContext& ctx, Action action) {
  auto id = path_id(ctx.req);
  if (!id.ok()) return id.error();
  std::string refusal;
  if (action == Action::kCallNow) {
    auto why = call_refusal(ctx);
    if (!why.ok()) return why.error();
    refusal = *why;
  }
  std::string why;
  auto task = act(ctx, action, *id, refusal, why);
  if (!task.ok()) return task.error();
  if (!*task) {
    if (why == "Задание не найдено") return Error::not_found(why);
    return Error::conflict(why);
  }
  const auto name = action == Action::kCallNow ? "task.call_now" : "task.withdraw";
  if (auto st = audit(ctx, name, {{"task_id", *id}}); !st.ok()) return st;
  auto calls = calls_context(ctx.db, now(ctx));
  if (!calls.ok()) return calls.error();
  send_json(ctx.res, {{"task", task_row_json(**task, *calls)}},
            action == Action::kCallNow ? 202 : 200);
  return {};
}

Status call_now(RequestContext& ctx) {
  return one(ctx, Action::kCallNow);
}

Status withdraw(RequestContext& ctx) {
  return one(ctx, Action::kWithdraw);
}

Status bulk(RequestContext& ctx) {
  auto body = parse_json(ctx.req.body);
  if (!body.ok()) return body.error();
  FieldReader f(*body);
  auto name = f.string("action", 20, false);
  const auto* ids = f.raw("ids");
  if (!f.ok()) return f.error();
  if (!ids) return Error::invalid("Укажите задания: ids");
  Action action;
  if (*name == "call_now")
    action = Action::kCallNow;
  else if (*name == "withdraw")
    action = Action::kWithdraw;
  else
    return Error::invalid("Действие action может быть call_now или withdraw");
  if (!ids->is_array() || ids->empty())
    return Error::invalid("ids должен быть непустым списком номеров заданий");
  if (ids->size() > kMaxBulk)
    return Error::invalid("Не больше " + std::to_string(kMaxBulk) + " заданий за раз");
  std::vector<std::int64_t> list;
  std::set<std::int64_t> seen;
  for (const auto& v : *ids) {
    if (!v.is_number_integer() || v.get<std::int64_t>() < 1)
      return Error::invalid("ids должен состоять из номеров заданий (целых чисел больше 0)");
    if (seen.insert(v.get<std::int64_t>()).second) list.push_back(v.get<std::int64_t>());
  }
  std::string refusal;
  if (action == Action::kCallNow) {
    auto why = call_refusal(ctx);
    if (!why.ok()) return why.error();
    refusal = *why;
  }
  auto done = nlohmann::json::array();
  auto refused = nlohmann::json::array();
  for (const auto id : list) {
    std::string why;
    auto task = act(ctx, action, id, refusal, why);
    if (!task.ok()) return task.error();
    if (*task)
      done.push_back(id);
    else
      refused.push_back({{"id", id}, {"message", why}});
  }
  const auto audited = action == Action::kCallNow ? "task.call_now" : "task.withdraw";
  if (auto st =
          audit(ctx, audited, {{"bulk", true}, {"done", done.size()}, {"refused", refused.size()}});
      !st.ok())
    return st;
  send_json(ctx.res, {{"done", std::move(done)}, {"refused", std::move(refused)}});
  return {};
}

Status summary(RequestContext& ctx) {
  auto parsed = parse_task_query(ctx.req.params, false);
  if (!parsed.ok()) return parsed.error();
  const auto at = now(ctx);
  auto counts = store::summarize(ctx.db, parsed->query.filter, at);
  if (!counts.ok()) return counts.error();
  auto calling = store::load_calling_settings(ctx.db);
  if (!calling.ok()) return calling.error();
  const bool finished =
      domain::finished_today(calling->calendar, counts->any_calling, counts->earliest_due, at);
  send_json(ctx.res, {{"total", counts->total},
                      {"confirmed", counts->confirmed},
                      {"cancelled", counts->cancelled},
                      {"unreached", counts->unreached},
                      {"in_progress", counts->in_progress},
                      {"finished_today", finished}});
  return {};
}

}  // namespace

void add_task_action_routes(Router& router) {
  router.poll("/api/tasks/summary", Access::kSession, summary);
  router.post(R"(/api/tasks/(\d+)/call-now)", Access::kSession, call_now);
  router.post(R"(/api/tasks/(\d+)/withdraw)", Access::kSession, withdraw);
  router.post("/api/tasks/bulk", Access::kSession, bulk);
}

}  // namespace robocall::http
