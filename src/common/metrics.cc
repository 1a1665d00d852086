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

HistogramSnapshot histogram_from_fine(std::span<const std::uint64_t> fine, double width,
                                      std::span<const double> bounds, double sum) {
  HistogramSnapshot h;
  h.bounds.assign(bounds.begin(), bounds.end());
  h.counts.assign(h.bounds.size() + 1, 0);
  std::size_t slot = 0;
  for (std::size_t i = 0; i < fine.size(); ++i) {
    const double upper = static_cast<double>(i + 1) * width;
    while (slot < h.bounds.size() && upper > h.bounds[slot] * (1 + 1e-9)) ++slot;
    h.counts[i + 1 == fine.size() ? h.bounds.size() : slot] += fine[i];
  }
  h.sum = sum;
  return h;
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
