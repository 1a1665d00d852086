#include "http/reply.h"

#include <nlohmann/json.hpp>

namespace robocall::http {

int http_status(Errc code) {
  switch (code) {
    case Errc::kInvalidArgument:
      return 400;
    case Errc::kNotFound:
      return 404;
    case Errc::kConflict:
      return 409;
    case Errc::kLimitExceeded:
      return 413;
    case Errc::kUnauthenticated:
      return 401;
    case Errc::kPermissionDenied:
      return 403;
    case Errc::kUnavailable:
      return 503;
    case Errc::kCorrupt:
      return 400;
    case Errc::kIoError:
    case Errc::kInternal:
      return 500;
  }
  return 500;
}

std::string_view error_code_name(Errc code) {
  // Errc's own names, but for three a client sees as something else.
  switch (code) {
    case Errc::kLimitExceeded:
      return "payload_too_large";
    case Errc::kCorrupt:  // a damaged upload is bad input to the client
      return "invalid_argument";
    case Errc::kIoError:
      return "internal";
    default:
      return to_string(code);
  }
}

void send_error(Response& res, int status, std::string_view code, std::string_view message) {
  nlohmann::json body = {{"error", {{"code", code}, {"message", message}}}};
  res.status = status;
  res.set_content(body.dump(), "application/json; charset=utf-8");
}

void send_error(Response& res, const Error& error) {
  if (error.code == Errc::kIoError || error.code == Errc::kInternal) {
    // Internal details stay in the log; the administrator gets a plain message.
    send_error(res, 500, "internal", "Внутренняя ошибка сервера. Подробности в журнале.");
    return;
  }
  send_error(res, http_status(error.code), error_code_name(error.code), error.message);
}

void send_json(Response& res, const nlohmann::json& body, int status) {
  res.status = status;
  res.set_content(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                  "application/json; charset=utf-8");
}

}  // namespace robocall::http
