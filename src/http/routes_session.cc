// Routes: POST /api/login, POST /api/logout, GET /api/me, GET /api/openapi.yaml.
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
  return {{"user", {{"id", caller.user_id}, {"login", caller.login}}},
          {"csrf_token", caller.csrf_token}};
}

Status login(RequestContext& ctx) {
  auto body = parse_json(ctx.req.body);
  if (!body.ok()) return body.error();
  FieldReader fields(*body);
  auto login_name = fields.string("login", 100);
  auto password = fields.string("password", 1000);
  if (!fields.ok()) return fields.error();
  auto& limiter = ctx.services.login_limiter;
  const auto& address = ctx.req.remote_addr;
  auto wait = limiter.acquire(address, ctx.services.options.clock->steady());
  if (wait.count() > 0) {
    auto seconds = std::chrono::ceil<std::chrono::seconds>(wait).count();
    ctx.res.set_header("Retry-After", std::to_string(seconds));
    send_error(ctx.res, 429, "too_many_requests",
               "Слишком много попыток входа. Повторите через " + std::to_string(seconds) + " с.");
    return {};
  }
  auto session = open_session(ctx.db, *login_name, *password, now(ctx));
  if (!session.ok()) {
    if (session.error().code == Errc::kUnauthenticated) {
      auto st = write_audit(ctx.db, "anonymous", "auth.login_failed",
                            nlohmann::json{{"login", *login_name}, {"address", address}}.dump(),
                            now(ctx));
      if (!st.ok()) return st;
    }
    return session.error();
  }
  limiter.reset(address);
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

}  // namespace

void add_session_routes(Router& router) {
  router.post("/api/login", Access::kPublic, login);
  router.post("/api/logout", Access::kSession, logout);
  router.get("/api/me", Access::kSession, [](RequestContext& ctx) -> Status {
    send_json(ctx.res, me_json(ctx.caller));
    return {};
  });
  router.get("/api/openapi.yaml", Access::kPublic, [](RequestContext& ctx) -> Status {
    ctx.res.set_content(std::string(openapi_document()), "application/yaml; charset=utf-8");
    return {};
  });
}

}  // namespace robocall::http
