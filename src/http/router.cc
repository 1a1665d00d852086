#include "http/router.h"

#include <spdlog/spdlog.h>

#include <charconv>
#include <nlohmann/json.hpp>

#include "http/auth.h"
#include "http/body_limits.h"
#include "http/reply.h"
#include "http/services.h"

namespace robocall::http {
namespace {

bool changes_state(const std::string& method) {
  return method == "POST" || method == "PUT" || method == "DELETE" || method == "PATCH";
}

}  // namespace

std::string Caller::actor() const {
  if (user_id != 0) return login;
  if (token_id != 0) return "token:" + token_name;
  return "anonymous";
}

void Router::get(const std::string& pattern, Access access, RouteHandler handler) {
  services_.server->Get(pattern, wrap(access, std::move(handler)));
}
void Router::post(const std::string& pattern, Access access, RouteHandler handler) {
  services_.server->Post(pattern, wrap(access, std::move(handler)));
}
void Router::put(const std::string& pattern, Access access, RouteHandler handler) {
  services_.server->Put(pattern, wrap(access, std::move(handler)));
}
void Router::del(const std::string& pattern, Access access, RouteHandler handler) {
  services_.server->Delete(pattern, wrap(access, std::move(handler)));
}

httplib::Server::Handler Router::wrap(Access access, RouteHandler handler) {
  return [&services = services_, access, handler = std::move(handler)](const httplib::Request& req,
                                                                       httplib::Response& res) {
    if (req.body.size() > body_limit_for(req.path)) {
      send_error(res, 413, "payload_too_large", body_limit_message(body_limit_for(req.path)));
      return;
    }
    auto lease = services.pool.lease();
    if (!lease.ok()) {
      spdlog::error("http: no database connection: {}", lease.error().message);
      send_error(res, lease.error());
      return;
    }
    RequestContext ctx{req, res, lease->db(), services, {}};
    if (access == Access::kSession) {
      auto caller = authenticate_session(ctx);
      if (!caller.ok()) {
        send_error(res, caller.error());
        return;
      }
      ctx.caller = std::move(caller).value();
      if (changes_state(req.method) && !csrf_matches(ctx.caller, req)) {
        send_error(res, 403, "csrf",
                   "Запрос отклонён: нет или неверный CSRF-токен. Обновите страницу.");
        return;
      }
    } else if (access == Access::kToken) {
      auto caller = authenticate_token(ctx);
      if (!caller.ok()) {
        res.set_header("WWW-Authenticate", "Bearer");
        send_error(res, caller.error());
        return;
      }
      ctx.caller = std::move(caller).value();
    }
    Status status;
    try {
      status = handler(ctx);
    } catch (const nlohmann::json::exception& e) {
      status = Error::invalid("Некорректные данные в запросе");
    }
    if (!status.ok()) {
      const auto& e = status.error();
      if (e.code == Errc::kInternal || e.code == Errc::kIoError) {
        spdlog::error("http: {} {}: {}", req.method, req.path, e.message);
      }
      send_error(res, e);
    }
  };
}

domain::Instant now(const RequestContext& ctx) {
  return ctx.services.options.clock->now();
}

Status audit(RequestContext& ctx, std::string_view action, const nlohmann::json& details) {
  return write_audit(ctx.db, ctx.caller.actor(), action, details.dump(), now(ctx));
}

Result<std::int64_t> path_id(const httplib::Request& req, std::size_t group) {
  if (req.matches.size() <= group) return Error::invalid("Не указан идентификатор");
  auto text = req.matches[group].str();
  std::int64_t id = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc{} || end != text.data() + text.size() || id <= 0) {
    return Error::not_found("Объект не найден");
  }
  return id;
}

}  // namespace robocall::http
