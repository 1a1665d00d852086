#include "http/router.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <charconv>
#include <nlohmann/json.hpp>

#include "http/access_log.h"
#include "http/auth.h"
#include "http/body_limits.h"
#include "http/reply.h"
#include "http/services.h"
#include "http/text_util.h"

namespace robocall::http {
namespace {

bool changes_state(const std::string& method) {
  return method == "POST" || method == "PUT" || method == "DELETE" || method == "PATCH";
}

bool iequals(std::string_view a, std::string_view b) {
  return !CaseInsensitiveLess{}(a, b) && !CaseInsensitiveLess{}(b, a);
}

// Request bodies are taken as sent: no gzip or deflate is ever inflated.
bool identity_encoding(std::string_view content_encoding) {
  return content_encoding.empty() || iequals(content_encoding, "identity");
}

// Only "chunked" (or nothing): "gzip, chunked" would need inflating.
bool plain_transfer(std::string_view transfer_encoding) {
  return transfer_encoding.empty() || iequals(transfer_encoding, "chunked");
}

// A body the JSON routes read (application/json, any charset), the upload
// routes read (multipart/form-data), or the voice pack's raw uploads read
// (audio/wav, application/zip). Anything else is refused, so that a
// cross-site form (text/plain, urlencoded) cannot post JSON: login CSRF.
bool accepted_body_type(std::string_view content_type) {
  auto media = content_type.substr(0, content_type.find(';'));
  while (!media.empty() && media.back() == ' ') media.remove_suffix(1);
  return iequals(media, "application/json") || iequals(media, "multipart/form-data") ||
         iequals(media, "audio/wav") || iequals(media, "audio/x-wav") ||
         iequals(media, "application/zip");
}

// The declared Content-Length; nullopt when absent or unreadable.
std::optional<std::uint64_t> declared_length(const Request& req) {
  auto text = req.get_header_value("Content-Length");
  if (text.empty()) return std::nullopt;
  std::uint64_t n = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec == std::errc::result_out_of_range) return UINT64_MAX;
  if (ec != std::errc{}) return std::nullopt;
  return n;
}

}  // namespace

std::string Caller::actor() const {
  if (user_id != 0) return login;
  if (token_id != 0) return "token:" + token_name;
  return "anonymous";
}

void Router::get(const std::string& pattern, Access access, RouteHandler handler) {
  add("GET", pattern, access, std::move(handler));
}
void Router::post(const std::string& pattern, Access access, RouteHandler handler) {
  add("POST", pattern, access, std::move(handler));
}
void Router::put(const std::string& pattern, Access access, RouteHandler handler) {
  add("PUT", pattern, access, std::move(handler));
}
void Router::del(const std::string& pattern, Access access, RouteHandler handler) {
  add("DELETE", pattern, access, std::move(handler));
}

void Router::poll(const std::string& pattern, Access access, RouteHandler handler) {
  add("GET", pattern, access, std::move(handler), /*renews_session=*/false);
}

void Router::patch(const std::string& pattern, Access access, RouteHandler handler) {
  add("PATCH", pattern, access, std::move(handler));
}

void Router::add(std::string method, const std::string& pattern, Access access,
                 RouteHandler handler, bool renews_session) {
  services_.routes.push_back(Route{std::move(method), pattern, std::regex(pattern), access,
                                   std::move(handler), renews_session});
}

namespace {

// Refuses with 403 and audits the refusal; returns nullopt for admit.
std::optional<Admission> deny(RequestContext& ctx, std::string_view code,
                              std::string_view message) {
  auto st = write_audit(
      ctx.db, ctx.caller.actor(), "access.denied",
      nlohmann::json{{"method", ctx.req.method}, {"path", ctx.req.path}, {"reason", code}}.dump(),
      now(ctx));
  if (!st.ok()) spdlog::error("http: audit: {}", st.error().message);
  if (ctx.req.has_body()) ctx.res.set_header("Connection", "close");
  send_error(ctx.res, 403, code, message);
  return std::nullopt;
}

// A signed-in user's role and pending password change against the route.
std::optional<Admission> check_user(RequestContext& ctx, Admission admission) {
  const auto access = admission.route->access;
  if (access == Access::kToken) return admission;
  if (ctx.caller.must_change_password && access != Access::kSelf) {
    return deny(ctx, "password_change_required",
                "Сначала смените пароль: это требуется при первом входе и после сброса пароля");
  }
  if (access == Access::kAdmin && ctx.caller.role != domain::Role::kAdmin) {
    return deny(ctx, "permission_denied", "Недостаточно прав: это доступно только администратору");
  }
  return admission;
}

}  // namespace

std::optional<Admission> admit(Services& services, Request& req, Response& res) {
  if (!identity_encoding(req.get_header_value("Content-Encoding")) ||
      !plain_transfer(req.get_header_value("Transfer-Encoding"))) {
    res.set_header("Connection", "close");
    send_error(res, 415, "unsupported_media_type",
               "Сжатые тела запросов не принимаются: отправьте их без Content-Encoding");
    return std::nullopt;
  }
  Admission admission;
  const std::string& method = req.method == "HEAD" ? std::string("GET") : req.method;
  for (const auto& route : services.routes) {
    std::smatch m;
    if (route.method == method && std::regex_match(req.path, m, route.pattern)) {
      admission.route = &route;
      req.route = static_cast<int>(&route - services.routes.data());
      req.matches.clear();
      for (const auto& group : m) req.matches.push_back({group.str()});
      break;
    }
  }
  if (!admission.route) return admission;
  admission.body_limit = body_limit_for(req.path);
  if (admission.route->access == Access::kPublic) {
    admission.body_limit = std::min(admission.body_limit, kPublicBodyBytes);
  }
  if (auto declared = declared_length(req); declared && *declared > admission.body_limit) {
    res.set_header("Connection", "close");
    send_error(res, 413, "payload_too_large", body_limit_message(admission.body_limit));
    return std::nullopt;
  }
  if (changes_state(req.method) && req.has_body() &&
      !accepted_body_type(req.get_header_value("Content-Type"))) {
    res.set_header("Connection", "close");
    send_error(res, 415, "unsupported_media_type",
               "Тело запроса должно быть в формате JSON: укажите заголовок "
               "Content-Type: application/json");
    return std::nullopt;
  }
  if (admission.route->access == Access::kPublic) return admission;
  auto lease = services.pool.lease();
  if (!lease.ok()) {
    spdlog::error("http: no database connection: {}", lease.error().message);
    send_error(res, lease.error());
    return std::nullopt;
  }
  RequestContext ctx{req, res, lease->db(), services, {}};
  auto caller = admission.route->access == Access::kToken
                    ? authenticate_token(ctx)
                    : authenticate_session(ctx, admission.route->renews_session);
  if (!caller.ok()) {
    if (admission.route->access == Access::kToken) res.set_header("WWW-Authenticate", "Bearer");
    if (req.has_body()) res.set_header("Connection", "close");
    send_error(res, caller.error());
    return std::nullopt;
  }
  admission.caller = std::move(caller).value();
  ctx.caller = admission.caller;
  return check_user(ctx, std::move(admission));
}

void dispatch(Services& services, const Admission& admission, Request& req, Response& res) {
  if (req.is_multipart_form_data()) {
    auto files = parse_multipart(req.get_header_value("Content-Type"), req.body);
    if (files) req.files = std::move(*files);
  }
  auto lease = services.pool.lease();
  if (!lease.ok()) {
    spdlog::error("http: no database connection: {}", lease.error().message);
    send_error(res, lease.error());
    return;
  }
  RequestContext ctx{req, res, lease->db(), services, admission.caller};
  const auto access = admission.route->access;
  if ((access == Access::kSelf || access == Access::kSession || access == Access::kAdmin) &&
      changes_state(req.method) && !csrf_matches(admission.caller, req)) {
    deny(ctx, "csrf", "Запрос отклонён: нет или неверный CSRF-токен. Обновите страницу.");
    return;
  }
  Status status;
  try {
    status = admission.route->handler(ctx);
  } catch (const nlohmann::json::exception& e) {
    status = Error::invalid("Некорректные данные в запросе");
  } catch (const std::exception& e) {
    spdlog::error("http: {}: unhandled exception: {}", request_for_log(req),
                  escape_for_log(e.what()));
    status = Error{Errc::kInternal, e.what()};
  }
  if (!status.ok()) {
    const auto& e = status.error();
    if (e.code == Errc::kInternal || e.code == Errc::kIoError) {
      spdlog::error("http: {}: {}", request_for_log(req), escape_for_log(e.message));
    }
    send_error(res, e);
  }
}

domain::Instant now(const RequestContext& ctx) {
  return ctx.services.options.clock->now();
}

Status audit(RequestContext& ctx, std::string_view action, const nlohmann::json& details) {
  return write_audit(ctx.db, ctx.caller.actor(), action, details.dump(), now(ctx));
}

Result<std::int64_t> path_id(const Request& req, std::size_t group) {
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
