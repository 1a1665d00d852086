#include "http/mhd_engine.h"

#include <arpa/inet.h>
#include <gnutls/gnutls.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdarg>
#include <latch>

#include "http/access_log.h"
#include "http/body_limits.h"
#include "http/reply.h"
#include "http/response_writer.h"
#include "http/services.h"
#include "http/static_files.h"
#include "http/text_util.h"

namespace robocall::http {

// One request on a connection, from its request line to its response.
struct Exchange {
  domain::SteadyTime start;  // the request line, on ServerOptions::clock (the access log)
  bool headers_read = false;
  // The answer is in res: written at the daemon's next call (a request
  // without a body answered from its headers, so that the connection is
  // kept alive; or a handler's answer once the connection is resumed).
  bool answer_ready = false;
  // Counted down once the connection is suspended: the worker resumes it
  // only after that.
  std::latch suspended{1};
  Request req;
  Response res;
  Admission admission;
};

namespace {

using namespace std::chrono_literals;
using domain::SteadyTime;

// docs/SECURITY.md "HTTP limits"; the timeouts are in ServerOptions.
constexpr std::size_t kConnectionMemory = 64 * 1024;  // request line + headers (+ read buffer)
constexpr std::string_view kBusyRetryAfter = "5";

SteadyTime network_now() {
  return domain::system_clock().steady();
}

Server::Engine& engine_of(void* cls) {
  return *static_cast<Server::Engine*>(cls);
}

void serve_static(const Services& s, const Request& req, Response& res) {
  auto file = s.options.web_dir.empty() || (req.method != "GET" && req.method != "HEAD")
                  ? std::nullopt
                  : resolve_static(s.options.web_dir, req.path);
  if (!file) {
    send_error(res, 404, "not_found", "Страница не найдена");
    return;
  }
  res.set_header("Cache-Control",
                 file->immutable ? "public, max-age=31536000, immutable" : "no-cache");
  res.set_file(file->path, file->content_type);
}

std::string client_address(MHD_Connection* c) {
  const auto* info = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
  if (!info || !info->client_addr) return "";
  char text[INET6_ADDRSTRLEN] = {};
  const auto* sa = info->client_addr;
  if (sa->sa_family == AF_INET) {
    inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in*>(sa)->sin_addr, text, sizeof text);
  } else if (sa->sa_family == AF_INET6) {
    inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6*>(sa)->sin6_addr, text, sizeof text);
  }
  return text;
}

MHD_Result collect_header(void* cls, MHD_ValueKind, const char* key, const char* value) {
  static_cast<Headers*>(cls)->emplace(key, value ? value : "");
  return MHD_YES;
}

void* request_line_cb(void* cls, const char* uri, MHD_Connection* c) {
  return engine_of(cls).on_request_line(uri, c);
}

void completed_cb(void* cls, MHD_Connection* c, void** con_cls, MHD_RequestTerminationCode) {
  engine_of(cls).on_completed(c, con_cls);
}

void connection_cb(void* cls, MHD_Connection* c, void**, MHD_ConnectionNotificationCode code) {
  engine_of(cls).on_connection(c, code);
}

MHD_Result access_cb(void* cls, MHD_Connection* c, const char*, const char* method, const char*,
                     const char* upload_data, size_t* upload_size, void** con_cls) {
  return engine_of(cls).on_access(c, method, upload_data, upload_size, con_cls);
}

// libmicrohttpd's own messages may quote what a client sent.
void daemon_message_cb(void*, const char* format, va_list ap) {
  char text[512];
  std::vsnprintf(text, sizeof text, format, ap);
  std::string_view line(text);
  while (!line.empty() && line.back() == '\n') line.remove_suffix(1);
  spdlog::debug("http: {}", escape_for_log(line));
}

void log_exchange(const Services& s, const Exchange& ex) {
  const auto took = s.options.clock->steady() - ex.start;
  log_access(ex.req, ex.res.status, took);
  s.metrics->observe(ex.req.route, ex.res.status, took);
}

}  // namespace

Server::Engine::Engine(Services& s)
    : services(s),
      watch_({s.options.send_window, s.options.min_send_rate}),
      workers_(std::max(1, s.options.workers), std::max<std::size_t>(1, s.options.worker_queue)) {}

bool Server::Engine::start() {
  const auto& o = services.options;
  std::vector<MHD_OptionItem> items = {
      {MHD_OPTION_EXTERNAL_LOGGER, reinterpret_cast<intptr_t>(&daemon_message_cb), nullptr},
      {MHD_OPTION_LISTEN_SOCKET, listen_fd, nullptr},
      {MHD_OPTION_THREAD_POOL_SIZE, std::max(1, o.threads), nullptr},
      {MHD_OPTION_CONNECTION_LIMIT, std::max(1, o.max_connections), nullptr},
      {MHD_OPTION_PER_IP_CONNECTION_LIMIT, std::max(1, o.connections_per_address), nullptr},
      {MHD_OPTION_CONNECTION_TIMEOUT, static_cast<intptr_t>(o.idle_timeout.count()), nullptr},
      {MHD_OPTION_CONNECTION_MEMORY_LIMIT, static_cast<intptr_t>(kConnectionMemory), nullptr},
      {MHD_OPTION_URI_LOG_CALLBACK, reinterpret_cast<intptr_t>(&request_line_cb), this},
      {MHD_OPTION_NOTIFY_COMPLETED, reinterpret_cast<intptr_t>(&completed_cb), this},
      {MHD_OPTION_NOTIFY_CONNECTION, reinterpret_cast<intptr_t>(&connection_cb), this},
  };
  unsigned flags = MHD_USE_AUTO_INTERNAL_THREAD | MHD_USE_ERROR_LOG | MHD_ALLOW_SUSPEND_RESUME;
  if (services.serves_tls()) {
    flags |= MHD_USE_TLS;
    items.push_back({MHD_OPTION_HTTPS_MEM_CERT, 0, tls_cert.data()});
    items.push_back({MHD_OPTION_HTTPS_MEM_KEY, 0, tls_key.data()});
  }
  items.push_back({MHD_OPTION_END, 0, nullptr});
  daemon_ = MHD_start_daemon(flags, 0, nullptr, nullptr, &access_cb, this, MHD_OPTION_ARRAY,
                             items.data(), MHD_OPTION_END);
  if (!daemon_) return false;
  watch_.start();
  return true;
}

void Server::Engine::shut_down() {
  watch_.stop();
  // Every suspended connection is resumed by its handler before the daemon
  // stops; requests that arrive meanwhile are answered 503.
  workers_.stop();
  if (daemon_) {
    MHD_stop_daemon(daemon_);  // closes the listening socket too
    daemon_ = nullptr;
    listen_fd = -1;
  }
  if (listen_fd >= 0) {
    ::close(listen_fd);
    listen_fd = -1;
  }
}

void* Server::Engine::on_request_line(const char* uri, MHD_Connection* c) {
  auto* ex = new Exchange;
  ex->start = services.options.clock->steady();
  std::string_view target(uri ? uri : "");
  auto q = target.find('?');
  ex->req.path = percent_decode(target.substr(0, q), false);
  if (q != std::string_view::npos) ex->req.params = parse_query(target.substr(q + 1));
  watch_.set_deadline(c, network_now() + services.options.header_timeout);
  return ex;
}

void Server::Engine::on_completed(MHD_Connection* c, void** con_cls) {
  delete static_cast<Exchange*>(*con_cls);
  *con_cls = nullptr;
  // Kept alive: the next request must arrive in time too.
  watch_.set_deadline(c, network_now() + services.options.header_timeout);
}

void Server::Engine::on_connection(MHD_Connection* c, MHD_ConnectionNotificationCode code) {
  if (code == MHD_CONNECTION_NOTIFY_STARTED) {
    const auto* info = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
    if (!info) return;
    int one = 1;
    ::setsockopt(info->connect_fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    watch_.add(c, info->connect_fd, network_now() + services.options.header_timeout);
  } else {
    watch_.remove(c);
  }
}

MHD_Result Server::Engine::on_access(MHD_Connection* c, const char* method, const char* upload_data,
                                     size_t* upload_size, void** con_cls) {
  if (!*con_cls) return MHD_NO;  // no request line seen: cannot happen
  auto& ex = *static_cast<Exchange*>(*con_cls);
  if (ex.answer_ready) {
    if (*upload_size == 0) return respond(c, ex);
    *upload_size = 0;
    return MHD_YES;
  }
  if (!ex.headers_read) {
    ex.req.method = method;
    return admit_headers(c, ex);
  }
  if (*upload_size > 0) {
    // Counted as it arrives, chunked or not: nothing past the limit is kept.
    if (ex.req.body.size() + *upload_size > ex.admission.body_limit) {
      send_error(ex.res, 413, "payload_too_large", body_limit_message(ex.admission.body_limit));
      return refuse_mid_body(c, ex);
    }
    ex.req.body.append(upload_data, *upload_size);
    *upload_size = 0;
    return MHD_YES;
  }
  return hand_off(c, ex);
}

MHD_Result Server::Engine::admit_headers(MHD_Connection* c, Exchange& ex) {
  ex.headers_read = true;
  MHD_get_connection_values(c, MHD_HEADER_KIND, collect_header, &ex.req.headers);
  ex.req.remote_addr = client_address(c);
  ex.req.ranges = parse_ranges(ex.req.get_header_value("Range"));
  // An answer from the headers alone goes out at once when a body would
  // follow (it is never read; the daemon closes the connection after the
  // answer), else at the next call, keeping the connection alive.
  auto admission = admit(services, ex.req, ex.res);
  if (admission && !admission->route) {
    if (is_api(ex.req.path)) {
      send_error(ex.res, 404, "not_found", "Нет такого адреса API");
    } else {
      serve_static(services, ex.req, ex.res);
    }
  }
  if (!admission || !admission->route) {
    if (ex.req.has_body()) return respond(c, ex);
    ex.answer_ready = true;
    return MHD_YES;
  }
  ex.admission = std::move(*admission);
  watch_.set_deadline(c, network_now() + services.options.body_timeout);
  return MHD_YES;  // the body (if any) comes next; "100 Continue" is sent if asked
}

// The complete request goes to a worker; its connection sleeps meanwhile
// (no socket events, no daemon timeout) and is woken with the answer.
MHD_Result Server::Engine::hand_off(MHD_Connection* c, Exchange& ex) {
  watch_.set_deadline(c, SteadyTime::max());
  auto job = [this, c, &ex] {
    dispatch(services, ex.admission, ex.req, ex.res);
    ex.answer_ready = true;
    ex.suspended.wait();
    MHD_resume_connection(c);  // the last use of ex here: it may be gone after
  };
  if (!workers_.try_submit(std::move(job))) {
    ex.res.set_header("Retry-After", kBusyRetryAfter);
    send_error(ex.res, 503, "busy",
               "Сервер занят: слишком много запросов выполняется одновременно. "
               "Повторите через несколько секунд.");
    return respond(c, ex);
  }
  MHD_suspend_connection(c);
  ex.suspended.count_down();
  return MHD_YES;
}

// libmicrohttpd queues no response while it hands over body data, and
// reading on to the end of an endless chunked body is what must not happen.
// So the answer is written here, on the socket or (under TLS) on the
// connection's TLS session, the sending side closed, and the daemon told
// to close the connection.
MHD_Result Server::Engine::refuse_mid_body(MHD_Connection* c, Exchange& ex) {
  const auto bytes = raw_response(ex.res, default_headers);
  if (services.serves_tls()) {
    const auto* info = MHD_get_connection_info(c, MHD_CONNECTION_INFO_GNUTLS_SESSION);
    if (info && info->tls_session) {
      auto* session = static_cast<gnutls_session_t>(info->tls_session);
      ::gnutls_record_send(session, bytes.data(), bytes.size());
      ::gnutls_bye(session, GNUTLS_SHUT_WR);
    }
  } else if (int fd = watch_.fd_of(c); fd >= 0) {
    ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
    ::shutdown(fd, SHUT_WR);
  }
  log_exchange(services, ex);
  return MHD_NO;
}

MHD_Result Server::Engine::respond(MHD_Connection* c, Exchange& ex) {
  auto* response = make_response(ex.req, ex.res, default_headers);
  if (!response) return MHD_NO;
  watch_.sending(c);
  auto ok = MHD_queue_response(c, static_cast<unsigned>(ex.res.status), response);
  MHD_destroy_response(response);
  log_exchange(services, ex);
  return ok;
}

}  // namespace robocall::http
