#include "http/server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <microhttpd.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <cstdarg>
#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>
#include <unordered_map>

#include "http/body_limits.h"
#include "http/reply.h"
#include "http/routes.h"
#include "http/services.h"
#include "http/static_files.h"
#include "http/text_util.h"

namespace robocall::http {
namespace {

using namespace std::chrono_literals;
using domain::SteadyTime;

// Connection deadlines run on real time even when the routes read a test
// clock (ServerOptions::clock): a socket does not wait for a ManualClock.
SteadyTime network_now() {
  return domain::system_clock().steady();
}

// docs/SECURITY.md "HTTP limits"; the timeouts are in ServerOptions.
constexpr std::size_t kConnectionMemory = 64 * 1024;  // request line + headers (+ read buffer)
constexpr auto kReaperPeriod = 250ms;

constexpr std::string_view kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; media-src 'self' blob:; connect-src 'self'; font-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

bool is_api(const std::string& path) {
  return path == "/api" || path.starts_with("/api/");
}

Headers security_headers(bool tls) {
  Headers h{
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

// One request on a connection, from its request line to its response.
struct Exchange {
  // Answered from the headers of a request without a body: sent at the
  // daemon's next call, so that the connection is kept alive.
  bool deferred = false;
  SteadyTime start;  // the request line, on ServerOptions::clock (the access log)
  bool headers_read = false;
  Request req;
  Response res;
  Admission admission;
};

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

void log_access(const Exchange& ex, const domain::Clock& clock) {
  const auto& req = ex.req;
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
               ex.res.status,
               std::chrono::duration<double, std::milli>(clock.steady() - ex.start).count());
}

}  // namespace

struct Server::Engine {
  explicit Engine(Services& s) : services(s) {}

  Services& services;
  int listen_fd = -1;
  MHD_Daemon* daemon = nullptr;
  std::string tls_cert, tls_key;  // PEM, alive while the daemon runs
  Headers default_headers;

  std::mutex mu;
  std::condition_variable cv;
  bool stopping = false;  // guarded by mu
  std::thread reaper;

  // Open connections with the time by which the request being read must be
  // complete (time_point::max(): none, a handler runs or a response is sent).
  struct Watched {
    int fd = -1;
    SteadyTime deadline = SteadyTime::max();
  };
  std::mutex watched_mu;
  std::unordered_map<MHD_Connection*, Watched> watched;  // guarded by watched_mu

  void set_deadline(MHD_Connection* c, SteadyTime deadline) {
    std::lock_guard lock(watched_mu);
    if (auto it = watched.find(c); it != watched.end()) it->second.deadline = deadline;
  }

  // Ends connections whose request is late: shutdown() makes the daemon see
  // the end of the stream and close it. The fd stays valid while the entry
  // exists (the daemon closes it only after the CLOSED notification).
  void reap() {
    std::unique_lock lock(mu);
    while (!cv.wait_for(lock, kReaperPeriod, [this] { return stopping; })) {
      std::lock_guard wlock(watched_mu);
      const auto now = network_now();
      for (auto& [c, w] : watched) {
        if (w.deadline <= now) {
          ::shutdown(w.fd, SHUT_RDWR);
          w.deadline = SteadyTime::max();
        }
      }
    }
  }

  MHD_Result respond(MHD_Connection* c, Exchange& ex);
  MHD_Result refuse_mid_body(MHD_Connection* c, Exchange& ex);
  MHD_Result on_access(MHD_Connection* c, const char* upload_data, size_t* upload_size,
                       void** con_cls);

  void shut_down() {
    if (reaper.joinable()) reaper.join();
    if (daemon) {
      MHD_stop_daemon(daemon);  // closes the listening socket too
      daemon = nullptr;
      listen_fd = -1;
    }
    if (listen_fd >= 0) {
      ::close(listen_fd);
      listen_fd = -1;
    }
  }
};

namespace {

void* on_request_line(void* cls, const char* uri, MHD_Connection* c) {
  auto& engine = *static_cast<Server::Engine*>(cls);
  auto* ex = new Exchange;
  ex->start = engine.services.options.clock->steady();
  std::string_view target(uri ? uri : "");
  auto q = target.find('?');
  ex->req.path = percent_decode(target.substr(0, q), false);
  if (q != std::string_view::npos) ex->req.params = parse_query(target.substr(q + 1));
  engine.set_deadline(c, network_now() + engine.services.options.header_timeout);
  return ex;
}

void on_completed(void* cls, MHD_Connection* c, void** con_cls, MHD_RequestTerminationCode) {
  auto& engine = *static_cast<Server::Engine*>(cls);
  delete static_cast<Exchange*>(*con_cls);
  *con_cls = nullptr;
  // Kept alive: the next request must arrive in time too.
  engine.set_deadline(c, network_now() + engine.services.options.header_timeout);
}

void on_connection(void* cls, MHD_Connection* c, void**, MHD_ConnectionNotificationCode code) {
  auto& engine = *static_cast<Server::Engine*>(cls);
  if (code == MHD_CONNECTION_NOTIFY_STARTED) {
    const auto* info = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
    if (!info) return;
    int one = 1;
    ::setsockopt(info->connect_fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    std::lock_guard lock(engine.watched_mu);
    engine.watched[c] = {info->connect_fd, network_now() + engine.services.options.header_timeout};
  } else {
    std::lock_guard lock(engine.watched_mu);
    engine.watched.erase(c);
  }
}

MHD_Result on_access(void* cls, MHD_Connection* c, const char*, const char* method, const char*,
                     const char* upload_data, size_t* upload_size, void** con_cls) {
  auto& engine = *static_cast<Server::Engine*>(cls);
  if (!*con_cls) return MHD_NO;  // no request line seen: cannot happen
  auto& ex = *static_cast<Exchange*>(*con_cls);
  if (!ex.headers_read) ex.req.method = method;
  return engine.on_access(c, upload_data, upload_size, con_cls);
}

void on_daemon_message(void*, const char* format, va_list ap) {
  char text[512];
  std::vsnprintf(text, sizeof text, format, ap);
  std::string_view line(text);
  while (!line.empty() && line.back() == '\n') line.remove_suffix(1);
  spdlog::debug("http: {}", line);
}

}  // namespace

MHD_Result Server::Engine::on_access(MHD_Connection* c, const char* upload_data,
                                     size_t* upload_size, void** con_cls) {
  auto& ex = *static_cast<Exchange*>(*con_cls);
  if (ex.deferred) {
    if (*upload_size == 0) return respond(c, ex);
    *upload_size = 0;
    return MHD_YES;
  }
  if (!ex.headers_read) {
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
      ex.deferred = true;
      return MHD_YES;
    }
    ex.admission = std::move(*admission);
    set_deadline(c, network_now() + services.options.body_timeout);
    return MHD_YES;  // the body (if any) comes next; "100 Continue" is sent if asked
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
  set_deadline(c, SteadyTime::max());
  dispatch(services, ex.admission, ex.req, ex.res);
  return respond(c, ex);
}

// libmicrohttpd queues no response while it hands over body data, and
// reading on to the end of an endless chunked body is what must not happen.
// So the answer is written to the socket here (plain HTTP; under TLS the
// connection is only closed), the sending side shut, and the daemon told to
// close the connection.
MHD_Result Server::Engine::refuse_mid_body(MHD_Connection* c, Exchange& ex) {
  if (!services.tls()) {
    int fd = -1;
    {
      std::lock_guard lock(watched_mu);
      if (auto it = watched.find(c); it != watched.end()) fd = it->second.fd;
    }
    if (fd >= 0) {
      std::string head = "HTTP/1.1 " + std::to_string(ex.res.status) + " Payload Too Large\r\n";
      ex.res.set_header("Content-Length", std::to_string(ex.res.body.size()));
      ex.res.set_header("Connection", "close");
      ex.res.set_header("Cache-Control", "no-store");
      for (const auto& [k, v] : default_headers) head += k + ": " + v + "\r\n";
      for (const auto& [k, v] : ex.res.headers) head += k + ": " + v + "\r\n";
      head += "\r\n" + ex.res.body;
      ::send(fd, head.data(), head.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
      ::shutdown(fd, SHUT_WR);
    }
  }
  log_access(ex, *services.options.clock);
  return MHD_NO;
}

MHD_Result Server::Engine::respond(MHD_Connection* c, Exchange& ex) {
  auto& req = ex.req;
  auto& res = ex.res;
  set_deadline(c, SteadyTime::max());

  int fd = -1;
  std::uint64_t size = res.body.size();
  if (res.file) {
    fd = ::open(res.file->c_str(), O_RDONLY | O_CLOEXEC);
    struct stat st {};
    if (fd < 0 || ::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
      if (fd >= 0) ::close(fd);
      fd = -1;
      send_error(res, 404, "not_found", "Файл не найден");
      size = res.body.size();
    } else {
      size = static_cast<std::uint64_t>(st.st_size);
    }
  }
  // One range at most, on files and audio: never more bytes than the body.
  ByteSpan span{0, size};
  const bool rangeable = res.file || res.get_header_value("Content-Type").starts_with("audio/");
  if (res.status == 200 && (req.method == "GET" || req.method == "HEAD") && rangeable) {
    res.set_header("Accept-Ranges", "bytes");
    if (!req.ranges.empty()) {
      if (auto r = resolve_range(req.ranges.front(), size)) {
        span = *r;
        res.status = 206;
        res.set_header("Content-Range", "bytes " + std::to_string(span.offset) + "-" +
                                            std::to_string(span.offset + span.length - 1) + "/" +
                                            std::to_string(size));
      } else {
        if (fd >= 0) ::close(fd);
        fd = -1;
        send_error(res, 416, "range_not_satisfiable", "Запрошенный диапазон вне файла");
        res.set_header("Content-Range", "bytes */" + std::to_string(size));
        span = {0, res.body.size()};
      }
    }
  }

  MHD_Response* response =
      fd >= 0 ? MHD_create_response_from_fd_at_offset64(span.length, fd, span.offset)
              : MHD_create_response_from_buffer(span.length, res.body.data() + span.offset,
                                                MHD_RESPMEM_MUST_COPY);
  if (!response) {
    if (fd >= 0) ::close(fd);
    return MHD_NO;
  }
  for (const auto& [k, v] : default_headers)
    MHD_add_response_header(response, k.c_str(), v.c_str());
  if (is_api(req.path) && !res.has_header("Cache-Control")) {
    MHD_add_response_header(response, "Cache-Control", "no-store");
  }
  for (const auto& [k, v] : res.headers) MHD_add_response_header(response, k.c_str(), v.c_str());
  auto ok = MHD_queue_response(c, static_cast<unsigned>(res.status), response);
  MHD_destroy_response(response);
  log_access(ex, *services.options.clock);
  return ok;
}

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
  add_import_routes(router);
  add_settings_routes(router);
  add_phrase_routes(router);
  add_sip_routes(router);
  add_dialer_routes(router);
  add_integration_routes(router);
  add_user_routes(router);
  add_audit_routes(router);
}

namespace {

std::optional<std::string> read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in) return std::nullopt;
  return text.str();
}

// A listening TCP socket on host:port (0: any free port), non-blocking.
Result<int> listen_on(const std::string& host, int port) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  addrinfo* found = nullptr;
  auto service = std::to_string(port);
  if (::getaddrinfo(host.empty() ? nullptr : host.c_str(), service.c_str(), &hints, &found) != 0) {
    return Error::io("Не удалось открыть порт на адресе " + host);
  }
  int fd = -1;
  for (auto* a = found; a && fd < 0; a = a->ai_next) {
    fd = ::socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, a->ai_protocol);
    if (fd < 0) continue;
    int one = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (::bind(fd, a->ai_addr, a->ai_addrlen) != 0 || ::listen(fd, 511) != 0) {
      ::close(fd);
      fd = -1;
    }
  }
  ::freeaddrinfo(found);
  if (fd < 0) {
    return Error::io("Не удалось открыть " + host + ":" + std::to_string(port) +
                     " (адрес занят или недоступен)");
  }
  return fd;
}

int bound_port(int fd) {
  sockaddr_storage addr{};
  socklen_t len = sizeof addr;
  if (::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) return 0;
  if (addr.ss_family == AF_INET) return ntohs(reinterpret_cast<sockaddr_in*>(&addr)->sin_port);
  return ntohs(reinterpret_cast<sockaddr_in6*>(&addr)->sin6_port);
}

}  // namespace

Status Server::bind() {
  auto& e = *engine_;
  const auto& o = services_->options;
  if (services_->tls()) {
    auto cert = read_text(o.tls_cert);
    auto key = read_text(o.tls_key);
    if (!cert || !key) {
      return Error::invalid("Не удалось загрузить сертификат или ключ TLS (" + o.tls_cert.string() +
                            ", " + o.tls_key.string() + ")");
    }
    e.tls_cert = std::move(*cert);
    e.tls_key = std::move(*key);
  }
  auto fd = listen_on(o.host, o.port);
  if (!fd.ok()) return fd.error();
  e.listen_fd = *fd;
  port_ = bound_port(e.listen_fd);

  std::vector<MHD_OptionItem> items = {
      {MHD_OPTION_EXTERNAL_LOGGER, reinterpret_cast<intptr_t>(&on_daemon_message), nullptr},
      {MHD_OPTION_LISTEN_SOCKET, e.listen_fd, nullptr},
      {MHD_OPTION_THREAD_POOL_SIZE, std::max(1, o.threads), nullptr},
      {MHD_OPTION_CONNECTION_LIMIT, std::max(1, o.max_connections), nullptr},
      {MHD_OPTION_PER_IP_CONNECTION_LIMIT, std::max(1, o.connections_per_address), nullptr},
      {MHD_OPTION_CONNECTION_TIMEOUT, static_cast<intptr_t>(o.idle_timeout.count()), nullptr},
      {MHD_OPTION_CONNECTION_MEMORY_LIMIT, static_cast<intptr_t>(kConnectionMemory), nullptr},
      {MHD_OPTION_URI_LOG_CALLBACK, reinterpret_cast<intptr_t>(&on_request_line), &e},
      {MHD_OPTION_NOTIFY_COMPLETED, reinterpret_cast<intptr_t>(&on_completed), &e},
      {MHD_OPTION_NOTIFY_CONNECTION, reinterpret_cast<intptr_t>(&on_connection), &e},
  };
  unsigned flags = MHD_USE_AUTO_INTERNAL_THREAD | MHD_USE_ERROR_LOG;
  if (services_->tls()) {
    flags |= MHD_USE_TLS;
    items.push_back({MHD_OPTION_HTTPS_MEM_CERT, 0, e.tls_cert.data()});
    items.push_back({MHD_OPTION_HTTPS_MEM_KEY, 0, e.tls_key.data()});
  }
  items.push_back({MHD_OPTION_END, 0, nullptr});
  e.daemon = MHD_start_daemon(flags, 0, nullptr, nullptr, &on_access, &e, MHD_OPTION_ARRAY,
                              items.data(), MHD_OPTION_END);
  if (!e.daemon) {
    ::close(e.listen_fd);
    e.listen_fd = -1;
    if (services_->tls()) {
      return Error::invalid("Не удалось загрузить сертификат или ключ TLS (" + o.tls_cert.string() +
                            ", " + o.tls_key.string() + ")");
    }
    return Error::io("Не удалось запустить HTTP-сервер на " + o.host + ":" + std::to_string(port_));
  }
  e.reaper = std::thread([&e] { e.reap(); });
  return {};
}

int Server::port() const {
  return port_;
}

bool Server::tls() const {
  return services_->tls();
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
