#include "http/http_metrics.h"

namespace robocall::http {

HttpMetrics::HttpMetrics(std::vector<RouteName> routes) {
  routes.push_back({"", "none"});
  for (auto& r : routes) {
    slots_.push_back(std::make_unique<Slot>());
    slots_.back()->name = std::move(r);
  }
}

void HttpMetrics::observe(int route, int status, std::chrono::nanoseconds took) {
  const auto last = slots_.size() - 1;
  const auto index =
      route >= 0 && static_cast<std::size_t>(route) < last ? static_cast<std::size_t>(route) : last;
  auto& slot = *slots_[index];
  const auto code = status >= 100 && status <= 599 ? static_cast<std::size_t>(status - 99) : 0;
  slot.by_status[code].add();
  slot.latency.observe(std::chrono::duration<double>(took).count());
}

void HttpMetrics::imported(std::string_view source, std::uint64_t rows) {
  (source == "xlsx" ? imported_xlsx_ : imported_api_).add(rows);
}

void HttpMetrics::write(PrometheusText& out) const {
  out.family("robocall_http_requests_total", "counter",
             "HTTP requests answered, by route pattern, method and status.");
  for (const auto& slot : slots_) {
    for (std::size_t code = 0; code < kStatuses; ++code) {
      const auto n = slot->by_status[code].value();
      if (n == 0) continue;
      out.sample("robocall_http_requests_total",
                 {{"route", slot->name.pattern},
                  {"method", slot->name.method},
                  {"code", code == 0 ? std::string("other") : std::to_string(code + 99)}},
                 n);
    }
  }
  out.family("robocall_http_request_seconds", "histogram",
             "Time from the request line to the answer, by route pattern.");
  for (const auto& slot : slots_) {
    auto h = slot->latency.snapshot();
    if (h.count() == 0) continue;
    out.histogram("robocall_http_request_seconds",
                  {{"route", slot->name.pattern}, {"method", slot->name.method}}, h);
  }
  out.family("robocall_imported_rows_total", "counter",
             "Rows read by imports (workbooks and the JSON API).");
  out.sample("robocall_imported_rows_total", {{"source", "xlsx"}}, imported_xlsx_.value());
  out.sample("robocall_imported_rows_total", {{"source", "api"}}, imported_api_.value());
}

}  // namespace robocall::http
