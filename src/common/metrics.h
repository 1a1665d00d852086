// Metrics: lock-free counters and histograms for docs/DESIGN.md "Metrics
// and health". Hot paths (the SIP loop, HTTP workers) increment them with
// relaxed atomics and never wait; a scrape reads them without stopping
// anyone, so a snapshot may mix values from a few nanoseconds apart.
// Any thread.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

namespace robocall {

class Counter {
 public:
  void add(std::uint64_t n = 1) { value_.fetch_add(n, std::memory_order_relaxed); }
  std::uint64_t value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<std::uint64_t> value_{0};
};

// A histogram's counts at one moment: counts[i] observations at most
// bounds[i] and above bounds[i-1]; counts.back() those above every bound.
struct HistogramSnapshot {
  std::vector<double> bounds;         // ascending upper bounds, without +Inf
  std::vector<std::uint64_t> counts;  // bounds.size() + 1, not cumulative
  double sum = 0;
  std::uint64_t count() const;
};

class Histogram {
 public:
  // REQUIRES: bounds ascending.
  explicit Histogram(std::span<const double> bounds);

  void observe(double value);
  HistogramSnapshot snapshot() const;

 private:
  std::vector<double> bounds_;
  std::unique_ptr<std::atomic<std::uint64_t>[]> counts_;  // bounds_.size() + 1
  std::atomic<double> sum_{0};
};

// A histogram from fine counts: fine[i] observations in [i*width,
// (i+1)*width), the last fine count open-ended; each fine count goes under
// the first bound its upper edge does not pass.
HistogramSnapshot histogram_from_fine(std::span<const std::uint64_t> fine, double width,
                                      std::span<const double> bounds, double sum);

// Seconds, for latencies from 1 ms to 10 s.
inline constexpr double kLatencyBounds[] = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1,
                                            0.25,  0.5,    1,     2.5,  5,     10};

}  // namespace robocall
