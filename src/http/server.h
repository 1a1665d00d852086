// Server: robocall's HTTP server (cpp-httplib, TCP_NODELAY, a thread pool):
// the UI's JSON API and the integration API under /api/, the UI's static
// files, security headers, body limits, request logging with masked phones.
// Construct, bind(), then run() on one thread; stop() from any thread.
#pragma once

#include <chrono>
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

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;                 // 0 picks a free port; see Server::port()
  std::filesystem::path db_path;   // an existing, migrated database
  std::filesystem::path data_dir;  // recordings, phrase uploads, exports
  std::filesystem::path web_dir;   // built UI (web/dist); empty: API only
  std::filesystem::path tls_cert;  // both set: HTTPS and Secure cookies
  std::filesystem::path tls_key;
  int threads = 8;
  std::chrono::seconds session_idle{std::chrono::minutes(30)};
  int login_attempts_per_minute = 5;
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

  // Binds the listening socket (TLS files are loaded here).
  Status bind();
  // The bound port. REQUIRES: bind() succeeded.
  int port() const;
  bool tls() const;
  // Serves until stop(). REQUIRES: bind() succeeded.
  void run();
  // Stops accepting and lets run() return. Any thread; idempotent.
  void stop();

 private:
  void install_routes();

  std::unique_ptr<Services> services_;
  int port_ = 0;
};

}  // namespace robocall::http
