// Routes: POST /api/login, POST /api/logout, GET /api/me, POST /api/password,
// GET /api/openapi.yaml.
#include <nlohmann/json.hpp>

#include "http/auth.h"
#include "http/cookies.h"
#include "http/json_input.h"
#include "http/openapi_document.h"
#include "http/reply.h"
#include "http/routes.h"
#include "http/services.h"

namespace robocall::http {
namespace {

nlohmann::json me_json(const Caller& caller) {
  return {{"user",
           {{"id", caller.user_id},
            {"login", caller.login},
            {"role", domain::to_string(caller.role)},
            {"must_change_password", caller.must_change_password}}},
          {"csrf_token", caller.csrf_token}};
}

// docs/SECURITY.md "Users and roles": failed logins are counted per account
// and per address; neither count is lifted by another account's success.
Status refuse_too_many(RequestContext& ctx, const std::string& login_name,
                       RateLimiter::Clock::duration wait) {
  auto seconds = std::max<std::int64_t>(1, std::chrono::ceil<std::chrono::seconds>(wait).count());
  auto st = write_audit(
      ctx.db, "anonymous", "auth.login_limited",
      nlohmann::json{{"login", login_name}, {"address", ctx.req.remote_addr}}.dump(), now(ctx));
  if (!st.ok()) return st;
  ctx.res.set_header("Retry-After", std::to_string(seconds));
  send_error(
      ctx.res, 429, "too_many_requests",
      "Слишком много неудачных попыток входа. Повторите через " + std::to_string(seconds) + " с.");
  return {};
}

Status login(RequestContext& ctx) {
  auto body = parse_json(ctx.req.body);
  if (!body.ok()) return body.error();
  FieldReader fields(*body);
  auto login_name = fields.string("login", 100);
  auto password = fields.string("password", 1000);
  if (!fields.ok()) return fields.error();
  auto& by_account = ctx.services.login_failures_by_account;
  auto& by_address = ctx.services.login_failures_by_address;
  const auto& address = ctx.req.remote_addr;
  const auto steady = ctx.services.options.clock->steady();
  auto wait = std::max(by_account.retry_after(*login_name, steady),
                       by_address.retry_after(address, steady));
  if (wait.count() > 0) return refuse_too_many(ctx, *login_name, wait);
  auto session = open_session(ctx.db, *login_name, *password, now(ctx));
  if (!session.ok()) {
    if (session.error().code == Errc::kUnauthenticated) {
      by_account.record(*login_name, steady);
      by_address.record(address, steady);
      auto st = write_audit(ctx.db, "anonymous", "auth.login_failed",
                            nlohmann::json{{"login", *login_name}, {"address", address}}.dump(),
                            now(ctx));
      if (!st.ok()) return st;
    }
    return session.error();
  }
  by_account.reset(*login_name);
  ctx.caller = session->caller;
  if (auto st = audit(ctx, "auth.login", {{"address", address}}); !st.ok()) return st;
  ctx.res.set_header("Set-Cookie", session_set_cookie(session->id, ctx.services.tls()));
  send_json(ctx.res, me_json(session->caller));
  return {};
}

Status logout(RequestContext& ctx) {
  if (auto st = close_session(ctx.db, ctx.caller); !st.ok()) return st;
  if (auto st = audit(ctx, "auth.logout", nlohmann::json::object()); !st.ok()) return st;
  ctx.res.set_header("Set-Cookie", session_clear_cookie(ctx.services.tls()));
  ctx.res.status = 204;
  return {};
}

Status change_password(RequestContext& ctx) {
  auto body = parse_json(ctx.req.body);
  if (!body.ok()) return body.error();
  FieldReader fields(*body);
  auto current = fields.string("current_password", 1000);
  auto next = fields.string("new_password", 1000);
  if (!fields.ok()) return fields.error();
  if (auto st = change_own_password(ctx.db, ctx.caller, *current, *next); !st.ok()) return st;
  if (auto st = audit(ctx, "auth.password", nlohmann::json::object()); !st.ok()) return st;
  ctx.caller.must_change_password = false;
  send_json(ctx.res, me_json(ctx.caller));
  return {};
}

}  // namespace

void add_session_routes(Router& router) {
  router.post("/api/login", Access::kPublic, login);
  router.post("/api/logout", Access::kSelf, logout);
  router.get("/api/me", Access::kSelf, [](RequestContext& ctx) -> Status {
    send_json(ctx.res, me_json(ctx.caller));
    return {};
  });
  router.post("/api/password", Access::kSelf, change_password);
  router.get("/api/openapi.yaml", Access::kPublic, [](RequestContext& ctx) -> Status {
    ctx.res.set_content(std::string(openapi_document()), "application/yaml; charset=utf-8");
    return {};
  });
}

}  // namespace robocall::http
