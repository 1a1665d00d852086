// Writing HTTP replies: the JSON error model {"error":{"code","message"}} with
// the status that matches a robocall::Error, and JSON bodies.
// Stateless functions over a Response; the calling handler's thread.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string_view>

#include "common/result.h"
#include "http/message.h"

namespace robocall::http {

// The HTTP status and error code for an Errc (kInvalidArgument → 400
// "invalid_argument", kNotFound → 404, kConflict → 409, kLimitExceeded → 413,
// kUnauthenticated → 401, kPermissionDenied → 403, kUnavailable → 503, else 500).
int http_status(Errc code);
std::string_view error_code_name(Errc code);

void send_error(Response& res, int status, std::string_view code, std::string_view message);
void send_error(Response& res, const Error& error);

void send_json(Response& res, const nlohmann::json& body, int status = 200);

}  // namespace robocall::http
