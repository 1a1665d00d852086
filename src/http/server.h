// Server: robocall's HTTP server (libmicrohttpd, event loops reading
// requests, a bounded pool of workers running the route handlers,
// TCP_NODELAY): the UI's JSON API and the integration API under /api/, the
// UI's static files, security headers, an access log without query strings.
// Limits are enforced while reading (docs/SECURITY.md "HTTP limits"): header
// size, body size per route before a byte of body is buffered, no bodies
// without authentication, deadlines, a minimum sending rate, connection
// caps. Construct, bind() (starts serving), then run() until stop(); stop()
// from any thread.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "common/result.h"
#include "domain/clock.h"

namespace robocall::dialer {
class DialerControl;
}

namespace robocall::http {

struct Services;

// A registered API route, for tests that walk the route table.
struct RouteSummary {
  std::string method;
  std::string pattern;  // a regular expression over the path
  bool admin_only = false;
};

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;                 // 0 picks a free port; see Server::port()
  std::filesystem::path db_path;   // an existing, migrated database
  std::filesystem::path data_dir;  // recordings, phrase uploads, exports
  // The call recordings' folder, a share of every node (docs/DESIGN.md
  // "Recordings on several nodes"); empty: <data_dir>/recordings.
  std::filesystem::path recordings_dir;
  std::filesystem::path web_dir;   // built UI (web/dist); empty: API only
  std::filesystem::path tls_cert;  // both set: HTTPS, Secure cookies, HSTS
  std::filesystem::path tls_key;
  // docs/SECURITY.md "TLS and proxies": a TLS proxy in front of us serves
  // HTTPS; without it or our own TLS only a loopback host is accepted.
  bool behind_tls_proxy = false;
  int threads = 8;                // event loops: reading, admission, static files
  int workers = 8;                // threads running the route handlers
  std::size_t worker_queue = 64;  // admitted requests waiting for a worker; more: 503
  int max_connections = 512;      // open connections in all
  int connections_per_address = 64;
  // docs/SECURITY.md "HTTP limits": a connection with no byte either way for
  // idle_timeout is closed; the request line and headers must arrive within
  // header_timeout (of the connection or of the previous response), the body
  // within body_timeout of the headers.
  std::chrono::seconds idle_timeout{15};
  std::chrono::seconds header_timeout{20};
  std::chrono::seconds body_timeout{120};
  // A response must be taken at min_send_rate bytes a second or more over
  // every send_window (measured as the bytes the client acknowledged).
  std::chrono::seconds send_window{20};
  std::size_t min_send_rate = 1024;
  // docs/SECURITY.md "Sessions and tokens": a session ends after
  // session_idle without a request, and session_lifetime after the login
  // whatever its activity.
  std::chrono::seconds session_idle{std::chrono::minutes(30)};
  std::chrono::seconds session_lifetime{std::chrono::hours(12)};
  // Failed logins counted per account and per client address within
  // login_window; at the limit, logins answer 429 (docs/SECURITY.md
  // "Users and roles").
  int login_failures_per_account = 5;
  int login_failures_per_address = 20;
  std::chrono::seconds login_window{std::chrono::minutes(15)};
  // Where every route reads the time (app/ passes the one clock of the
  // process; tests may pass a ManualClock). Not owned; must outlive the Server.
  const domain::Clock* clock = &domain::system_clock();
  // The dialer, when this process runs one; nullptr: the API reports the
  // dialer as stopped and refuses test calls with 503. Not owned; must
  // outlive the Server.
  dialer::DialerControl* dialer = nullptr;
  // Renders a phrase text to WAV bytes for «Прослушать» (the owner of the
  // process's one speech synthesizer provides it); empty: only uploaded
  // recordings can be listened to, synthesis answers 503. Called on HTTP threads.
  std::function<Result<std::vector<std::uint8_t>>(const std::string& text)> render_phrase;
};

class Server {
 public:
  explicit Server(ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds the listening socket and starts serving (TLS files are loaded
  // here). Refuses a host other than loopback without TLS or
  // behind_tls_proxy, naming both options.
  Status bind();
  // The bound port. REQUIRES: bind() succeeded.
  int port() const;
  // The server itself speaks TLS (tls_cert and tls_key).
  bool tls() const;
  std::vector<RouteSummary> routes() const;
  // Returns after stop(), once the requests in progress are answered and the
  // connections closed. REQUIRES: bind() succeeded.
  void run();
  // Stops accepting and lets run() return. Any thread; idempotent.
  void stop();

  struct Engine;  // the libmicrohttpd daemon and its connection bookkeeping

 private:
  void install_routes();

  std::unique_ptr<Services> services_;
  std::unique_ptr<Engine> engine_;
  int port_ = 0;
};

}  // namespace robocall::http
