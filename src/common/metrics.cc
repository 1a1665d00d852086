#include "common/metrics.h"

#include <algorithm>

namespace robocall {

std::uint64_t HistogramSnapshot::count() const {
  std::uint64_t n = 0;
  for (auto c : counts) n += c;
  return n;
}

Histogram::Histogram(std::span<const double> bounds)
    : bounds_(bounds.begin(), bounds.end()),
      counts_(std::make_unique<std::atomic<std::uint64_t>[]>(bounds.size() + 1)) {}

void Histogram::observe(double value) {
  const auto slot = std::lower_bound(bounds_.begin(), bounds_.end(), value) - bounds_.begin();
  counts_[static_cast<std::size_t>(slot)].fetch_add(1, std::memory_order_relaxed);
  sum_.fetch_add(value, std::memory_order_relaxed);
}

HistogramSnapshot Histogram::snapshot() const {
  HistogramSnapshot s;
  s.bounds = bounds_;
  for (std::size_t i = 0; i <= bounds_.size(); ++i)
    s.counts.push_back(counts_[i].load(std::memory_order_relaxed));
  s.sum = sum_.load(std::memory_order_relaxed);
  return s;
}

}  // namespace robocall
