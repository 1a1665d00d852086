#include "http/server.h"

#include <spdlog/spdlog.h>

#include <charconv>
#include <chrono>
#include <fstream>
#include <sstream>

#include "http/body_limits.h"
#include "http/reply.h"
#include "http/routes.h"
#include "http/services.h"
#include "http/static_files.h"
#include "http/text_util.h"

namespace robocall::http {
namespace {

constexpr std::string_view kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; media-src 'self' blob:; connect-src 'self'; font-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

bool is_api(const std::string& path) {
  return path == "/api" || path.starts_with("/api/");
}

// Request start times for the access log, per HTTP thread (a thread serves
// one request at a time).
thread_local std::chrono::steady_clock::time_point t_request_start;

httplib::Headers security_headers(bool tls) {
  httplib::Headers h{
      {"Content-Security-Policy", std::string(kContentSecurityPolicy)},
      {"X-Content-Type-Options", "nosniff"},
      {"X-Frame-Options", "DENY"},
      {"Referrer-Policy", "no-referrer"},
      {"Cross-Origin-Opener-Policy", "same-origin"},
      {"Cross-Origin-Resource-Policy", "same-origin"},
      {"Permissions-Policy", "camera=(), microphone=(), geolocation=()"},
  };
  if (tls) h.emplace("Strict-Transport-Security", "max-age=31536000");
  return h;
}

// The declared Content-Length; 0 when absent (chunked bodies are checked
// against the same limits after reading, by the routes).
std::uint64_t declared_length(const httplib::Request& req) {
  auto text = req.get_header_value("Content-Length");
  std::uint64_t n = 0;
  std::from_chars(text.data(), text.data() + text.size(), n);
  return n;
}

void serve_static(const Services& s, const httplib::Request& req, httplib::Response& res) {
  auto file =
      s.options.web_dir.empty() ? std::nullopt : resolve_static(s.options.web_dir, req.path);
  if (!file) {
    send_error(res, 404, "not_found", "Страница не найдена");
    return;
  }
  std::ifstream in(file->path, std::ios::binary);
  std::ostringstream body;
  body << in.rdbuf();
  if (!in) {
    send_error(res, 404, "not_found", "Страница не найдена");
    return;
  }
  res.set_header("Cache-Control",
                 file->immutable ? "public, max-age=31536000, immutable" : "no-cache");
  res.set_content(body.str(), std::string(file->content_type));
}

}  // namespace

Server::Server(ServerOptions options) : services_(std::make_unique<Services>(std::move(options))) {
  auto& o = services_->options;
  if (!o.web_dir.empty()) o.web_dir = std::filesystem::absolute(o.web_dir);
  if (services_->tls()) {
    services_->server = std::make_unique<httplib::SSLServer>(o.tls_cert.c_str(), o.tls_key.c_str());
  } else {
    services_->server = std::make_unique<httplib::Server>();
  }
  auto& svr = *services_->server;
  const int threads = o.threads;
  svr.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
  svr.set_tcp_nodelay(true);
  svr.set_payload_max_length(kMaxBodyBytes);
  svr.set_keep_alive_max_count(1000);
  svr.set_default_headers(security_headers(services_->tls()));

  const domain::Clock* clock = o.clock;
  svr.set_pre_routing_handler([this, clock](const httplib::Request& req, httplib::Response& res) {
    t_request_start = clock->steady();
    if (is_api(req.path)) res.set_header("Cache-Control", "no-store");
    auto limit = body_limit_for(req.path);
    if (declared_length(req) > limit) {
      res.set_header("Connection", "close");
      send_error(res, 413, "payload_too_large", body_limit_message(limit));
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });

  svr.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;
    switch (res.status) {
      case 404:
        send_error(res, 404, "not_found",
                   is_api(req.path) ? "Нет такого адреса API" : "Страница не найдена");
        break;
      case 413:
        send_error(res, 413, "payload_too_large", body_limit_message(body_limit_for(req.path)));
        break;
      case 416:
        send_error(res, 416, "range_not_satisfiable", "Запрошенный диапазон вне файла");
        break;
      case 400:
        send_error(res, 400, "invalid_argument", "Некорректный запрос");
        break;
      default:
        send_error(res, res.status, "internal", "Ошибка обработки запроса");
    }
  });

  svr.set_exception_handler(
      [](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
        try {
          std::rethrow_exception(ep);
        } catch (const std::exception& e) {
          spdlog::error("http: unhandled exception: {}", e.what());
        } catch (...) {
          spdlog::error("http: unhandled non-standard exception");
        }
        send_error(res, 500, "internal", "Внутренняя ошибка сервера. Подробности в журнале.");
      });

  svr.set_logger([clock](const httplib::Request& req, const httplib::Response& res) {
    auto elapsed = clock->steady() - t_request_start;
    std::string target = req.path;
    if (!req.params.empty()) {
      target += '?';
      bool first = true;
      for (const auto& [k, v] : req.params) {
        if (!first) target += '&';
        first = false;
        target += k + "=" + v;
      }
    }
    spdlog::info("http: {} {} {} {} {:.1f} ms", req.remote_addr, req.method, mask_digits_in(target),
                 res.status, std::chrono::duration<double, std::milli>(elapsed).count());
  });

  install_routes();

  // Everything else is the UI: static files with the SPA fallback; API
  // paths that matched no route are 404 in the JSON error model.
  svr.Get(".*", [this](const httplib::Request& req, httplib::Response& res) {
    if (is_api(req.path)) {
      send_error(res, 404, "not_found", "Нет такого адреса API");
      return;
    }
    serve_static(*services_, req, res);
  });
}

Server::~Server() {
  stop();
}

void Server::install_routes() {
  Router router(*services_);
  add_session_routes(router);
  add_task_routes(router);
  add_import_routes(router);
  add_settings_routes(router);
  add_phrase_routes(router);
  add_sip_routes(router);
  add_dialer_routes(router);
  add_integration_routes(router);
}

Status Server::bind() {
  auto& svr = *services_->server;
  if (!svr.is_valid()) {
    return Error::invalid("Не удалось загрузить сертификат или ключ TLS (" +
                          services_->options.tls_cert.string() + ", " +
                          services_->options.tls_key.string() + ")");
  }
  const auto& o = services_->options;
  if (o.port == 0) {
    port_ = svr.bind_to_any_port(o.host);
    if (port_ <= 0) return Error::io("Не удалось открыть порт на адресе " + o.host);
  } else {
    if (!svr.bind_to_port(o.host, o.port)) {
      return Error::io("Не удалось открыть " + o.host + ":" + std::to_string(o.port) +
                       " (адрес занят или недоступен)");
    }
    port_ = o.port;
  }
  return {};
}

int Server::port() const {
  return port_;
}

bool Server::tls() const {
  return services_->tls();
}

void Server::run() {
  services_->server->listen_after_bind();
}

void Server::stop() {
  if (services_ && services_->server) services_->server->stop();
}

}  // namespace robocall::http
