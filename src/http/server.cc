#include "http/server.h"

#include <unistd.h>

#include <fstream>
#include <sstream>

#include "http/export_file.h"
#include "http/http_metrics.h"
#include "http/listen_socket.h"
#include "http/mhd_engine.h"
#include "http/response_writer.h"
#include "http/routes.h"
#include "http/services.h"

namespace robocall::http {
namespace {

std::optional<std::string> read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in) return std::nullopt;
  return text.str();
}

Error tls_files_error(const ServerOptions& o) {
  return Error::invalid("Не удалось загрузить сертификат или ключ TLS (" + o.tls_cert.string() +
                        ", " + o.tls_key.string() + ")");
}

}  // namespace

Server::Server(ServerOptions options)
    : services_(std::make_unique<Services>(std::move(options))),
      engine_(std::make_unique<Engine>(*services_)) {
  auto& o = services_->options;
  if (!o.web_dir.empty()) o.web_dir = std::filesystem::absolute(o.web_dir);
  engine_->default_headers = security_headers(services_->tls());
  install_routes();
}

Server::~Server() {
  stop();
  engine_->shut_down();
}

void Server::install_routes() {
  Router router(*services_);
  add_session_routes(router);
  add_task_routes(router);
  add_task_action_routes(router);
  add_import_routes(router);
  add_settings_routes(router);
  add_phrase_routes(router);
  add_voice_routes(router);
  add_sip_routes(router);
  add_dialer_routes(router);
  add_integration_routes(router);
  add_user_routes(router);
  add_audit_routes(router);
  add_statistics_routes(router);
  add_campaign_routes(router);
  add_ops_routes(router);
  std::vector<HttpMetrics::RouteName> names;
  for (const auto& r : services_->routes) names.push_back({r.method, r.pattern_text});
  services_->metrics = std::make_unique<HttpMetrics>(std::move(names));
}

Status Server::bind() {
  auto& e = *engine_;
  const auto& o = services_->options;
  if (auto st = check_listen_rule(o.host, services_->serves_tls(), o.behind_tls_proxy); !st)
    return st;
  if (services_->serves_tls()) {
    auto cert = read_text(o.tls_cert);
    auto key = read_text(o.tls_key);
    if (!cert || !key) return tls_files_error(o);
    e.tls_cert = std::move(*cert);
    e.tls_key = std::move(*key);
  }
  if (!o.data_dir.empty())
    clear_exports(o.data_dir);  // what a crash left (docs/SECURITY.md "Exports")
  auto fd = listen_on(o.host, o.port);
  if (!fd.ok()) return fd.error();
  e.listen_fd = *fd;
  port_ = bound_port(e.listen_fd);
  if (!e.start()) {
    ::close(e.listen_fd);
    e.listen_fd = -1;
    if (services_->serves_tls()) return tls_files_error(o);
    return Error::io("Не удалось запустить HTTP-сервер на " + o.host + ":" + std::to_string(port_));
  }
  return {};
}

int Server::port() const {
  return port_;
}

bool Server::tls() const {
  return services_->serves_tls();
}

std::vector<RouteSummary> Server::routes() const {
  std::vector<RouteSummary> out;
  for (const auto& r : services_->routes) {
    out.push_back({r.method, r.pattern_text, r.access == Access::kAdmin});
  }
  return out;
}

void Server::run() {
  auto& e = *engine_;
  {
    std::unique_lock lock(e.mu);
    e.cv.wait(lock, [&e] { return e.stopping; });
  }
  e.shut_down();
}

void Server::stop() {
  if (!engine_) return;
  std::lock_guard lock(engine_->mu);
  engine_->stopping = true;
  engine_->cv.notify_all();
}

}  // namespace robocall::http
