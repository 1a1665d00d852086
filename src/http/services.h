// Services: what every route of the Server shares (options, the connection
// pool, the login rate limiter, the dialer, the route table). Internal to src/http. Constant
// after Server construction except the members that lock for themselves.
#pragma once

#include <memory>
#include <vector>

#include "http/db_pool.h"
#include "http/rate_limiter.h"
#include "http/router.h"
#include "http/server.h"

namespace robocall::http {

struct Services {
  explicit Services(ServerOptions o)
      : options(std::move(o)),
        pool(options.db_path),
        login_limiter(static_cast<std::size_t>(options.login_attempts_per_minute),
                      std::chrono::minutes(1)) {}

  // The server itself speaks TLS.
  bool serves_tls() const { return !options.tls_cert.empty() && !options.tls_key.empty(); }
  // The browser reaches us over HTTPS, ours or a TLS proxy's: Secure
  // cookies and HSTS (docs/SECURITY.md "TLS and proxies").
  bool tls() const { return serves_tls() || options.behind_tls_proxy; }

  ServerOptions options;
  DbPool pool;
  RateLimiter login_limiter;
  std::vector<Route> routes;  // registered before the server starts
};

}  // namespace robocall::http
