#include "http/access_log.h"

#include <spdlog/spdlog.h>

#include "http/text_util.h"

namespace robocall::http {

std::string request_for_log(const Request& req) {
  return escape_for_log(req.method) + " " + escape_for_log(mask_digits_in(req.path));
}

std::string access_line(const Request& req, int status, std::chrono::nanoseconds took) {
  return fmt::format("{} {} {} {:.1f} ms", escape_for_log(req.remote_addr), request_for_log(req),
                     status, std::chrono::duration<double, std::milli>(took).count());
}

bool is_monitoring_poll(const Request& req, int status) {
  return (req.path == "/metrics" || req.path == "/healthz") && status < 400;
}

void log_access(const Request& req, int status, std::chrono::nanoseconds took) {
  spdlog::log(is_monitoring_poll(req, status) ? spdlog::level::debug : spdlog::level::info,
              "http: {}", access_line(req, status, took));
}

}  // namespace robocall::http
