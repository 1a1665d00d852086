#include "app/logging.h"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

namespace robocall::app {

const std::vector<std::string>& log_level_names() {
  static const std::vector<std::string> names = {"error", "warn", "info", "debug"};
  return names;
}

void init_logging() {
  auto logger = spdlog::stderr_logger_mt("robocall");
  logger->set_pattern("%Y-%m-%d %H:%M:%S.%e %l %v");
  logger->flush_on(spdlog::level::debug);
  spdlog::set_default_logger(logger);
  spdlog::set_level(spdlog::level::info);
}

void set_log_level(const std::string& name) {
  spdlog::set_level(spdlog::level::from_str(name));
}

}  // namespace robocall::app
