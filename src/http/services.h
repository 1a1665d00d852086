// Services: what every route of the Server shares (options, the connection
// pool, the failed-login counters, the dialer, the route table). Internal to src/http. Constant
// after Server construction except the members that lock for themselves.
#pragma once

#include <memory>
#include <vector>

#include "http/db_pool.h"
#include "http/http_metrics.h"
#include "http/rate_limiter.h"
#include "http/router.h"
#include "http/server.h"

namespace robocall::http {

struct Services {
  explicit Services(ServerOptions o)
      : options(std::move(o)),
        pool(options.db_path),
        login_failures_by_account(static_cast<std::size_t>(options.login_failures_per_account),
                                  options.login_window),
        login_failures_by_address(static_cast<std::size_t>(options.login_failures_per_address),
                                  options.login_window) {}

  // The server itself speaks TLS.
  bool serves_tls() const { return !options.tls_cert.empty() && !options.tls_key.empty(); }
  // The browser reaches us over HTTPS, ours or a TLS proxy's: Secure
  // cookies and HSTS (docs/SECURITY.md "TLS and proxies").
  bool tls() const { return serves_tls() || options.behind_tls_proxy; }

  ServerOptions options;
  DbPool pool;
  RateLimiter login_failures_by_account;  // key: the login as typed
  RateLimiter login_failures_by_address;  // key: the client address
  std::vector<Route> routes;              // registered before the server starts
  std::unique_ptr<HttpMetrics> metrics;   // sized for `routes` once they are registered
};

}  // namespace robocall::http
