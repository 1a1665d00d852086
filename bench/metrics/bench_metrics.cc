// The cost of the metrics (docs/DESIGN.md "Metrics and health") where they
// are incremented: per call on the SIP loop thread (DialerMetrics), per
// request on the HTTP threads (HttpMetrics), and one scrape. Peer: the same
// increment under a std::mutex, as the dialer's older counters do. Prints
// figures; asserts nothing.
#include <chrono>
#include <cstdio>
#include <mutex>
#include <thread>
#include <vector>

#include "dialer/dialer_metrics.h"
#include "http/http_metrics.h"

namespace {

using Clock = std::chrono::steady_clock;
using namespace robocall;

constexpr int kOps = 20'000'000;

template <class F>
double ns_per_op(int ops, F&& f) {
  const auto start = Clock::now();
  for (int i = 0; i < ops; ++i) f(i);
  return std::chrono::duration<double, std::nano>(Clock::now() - start).count() / ops;
}

// Two threads incrementing the same value at once (two HTTP workers).
template <class F>
double contended_ns_per_op(int ops, F f) {
  const auto start = Clock::now();
  std::thread other([&] {
    for (int i = 0; i < ops; ++i) f(i);
  });
  for (int i = 0; i < ops; ++i) f(i);
  other.join();
  return std::chrono::duration<double, std::nano>(Clock::now() - start).count() / (2.0 * ops);
}

}  // namespace

int main() {
  Counter counter;
  const double atomic_ns = ns_per_op(kOps, [&](int) { counter.add(); });
  std::mutex mu;
  std::uint64_t guarded = 0;
  const double mutex_ns = ns_per_op(kOps, [&](int) {
    std::lock_guard lock(mu);
    ++guarded;
  });
  const double atomic_2t = contended_ns_per_op(kOps / 4, [&](int) { counter.add(); });
  const double mutex_2t = contended_ns_per_op(kOps / 4, [&](int) {
    std::lock_guard lock(mu);
    ++guarded;
  });

  // Everything the loop thread adds for one call: its claim, its start, its end.
  dialer::DialerMetrics dialer;
  const int codes[] = {200, 486, 480, 0};
  const double per_call_ns = ns_per_op(kOps / 4, [&](int i) {
    dialer.claims.add(1);
    dialer.calls_started.add();
    const int code = codes[i & 3];
    dialer.call_ended(code == 200 ? domain::CallOutcome::kConfirmed : domain::CallOutcome::kBusy,
                      code ? std::optional(code) : std::nullopt);
  });

  std::vector<http::HttpMetrics::RouteName> routes;
  for (int r = 0; r < 80; ++r) routes.push_back({"GET", "/api/route" + std::to_string(r)});
  http::HttpMetrics web(routes);
  const int statuses[] = {200, 200, 401, 404};
  const double per_request_ns = ns_per_op(kOps / 4, [&](int i) {
    web.observe(i % 81 - 1, statuses[i & 3], std::chrono::microseconds(300 + i % 5000));
  });

  const int scrapes = 200;
  std::size_t bytes = 0;
  const double scrape_ns = ns_per_op(scrapes, [&](int) {
    PrometheusText out;
    dialer.write(out);
    web.write(out);
    bytes = out.text().size();
  });

  // bench/calls: the loop thread spends 3.2-4.1 % of a core per 100
  // simultaneous answered calls of ~10 s, i.e. ~3.5 ms of CPU per call.
  const double loop_ns_per_call = 0.035 * 10.0 / 100.0 * 1e9;
  std::printf("bench_metrics (%d increments per case)\n", kOps);
  std::printf("  %-52s %8.2f ns\n", "Counter::add, one thread", atomic_ns);
  std::printf("  %-52s %8.2f ns  (mutex/atomic %.1fx)\n", "peer: ++ under std::mutex, one thread",
              mutex_ns, mutex_ns / atomic_ns);
  std::printf("  %-52s %8.2f ns\n", "Counter::add, two threads on one counter", atomic_2t);
  std::printf("  %-52s %8.2f ns  (mutex/atomic %.1fx)\n", "peer: ++ under std::mutex, two threads",
              mutex_2t, mutex_2t / atomic_2t);
  std::printf("  %-52s %8.2f ns  = %.5f %% of the loop's CPU per call\n",
              "one call on the loop thread (claim, start, end)", per_call_ns,
              100.0 * per_call_ns / loop_ns_per_call);
  std::printf("  %-52s %8.2f ns\n", "one HTTP request (route x status, latency)", per_request_ns);
  std::printf("  %-52s %8.1f us  (%zu bytes)\n", "one scrape of both (81 routes, 4 statuses)",
              scrape_ns / 1000.0, bytes);
  return 0;
}
