// HttpMetrics: the HTTP server's counters for GET /metrics (docs/DESIGN.md
// "Metrics and health"): requests by route (the router's pattern, never the
// raw path), method and status, a latency histogram by route, and rows
// imported. Sized once for the route table; then every update is a relaxed
// atomic, from the event loops and the workers without a lock. Any thread.
#pragma once

#include <array>
#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/metrics.h"
#include "common/prometheus_text.h"

namespace robocall::http {

class HttpMetrics {
 public:
  struct RouteName {
    std::string method;
    std::string pattern;
  };
  // One slot per route, in the table's order, and one for requests that
  // matched none (static files, unknown paths).
  explicit HttpMetrics(std::vector<RouteName> routes);

  // route: Request::route (-1: none); status 100..599, else counted as 0.
  void observe(int route, int status, std::chrono::nanoseconds took);
  // robocall_http_requests_total{method,route,code} and
  // robocall_http_request_seconds{route}; robocall_imported_rows_total.
  void write(PrometheusText& out) const;

  // Rows an import read; source "xlsx" or "api".
  void imported(std::string_view source, std::uint64_t rows);

 private:
  Counter imported_xlsx_;
  Counter imported_api_;
  static constexpr std::size_t kStatuses = 501;  // 0: other, 1..500: 100..599
  struct Slot {
    RouteName name;
    std::array<Counter, kStatuses> by_status;
    Histogram latency{kLatencyBounds};
  };
  std::vector<std::unique_ptr<Slot>> slots_;  // the last: no route
};

}  // namespace robocall::http
