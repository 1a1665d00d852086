#include "http/rate_limiter.h"

namespace robocall::http {

RateLimiter::RateLimiter(std::size_t max_events, Clock::duration window)
    : max_events_(max_events), window_(window) {}

RateLimiter::Clock::duration RateLimiter::acquire(const std::string& key, Clock::time_point now) {
  std::lock_guard lock(mu_);
  prune(now);
  auto& events = events_[key];
  while (!events.empty() && events.front() + window_ <= now) events.pop_front();
  if (events.size() >= max_events_) return events.front() + window_ - now;
  events.push_back(now);
  return Clock::duration::zero();
}

RateLimiter::Clock::duration RateLimiter::retry_after(const std::string& key,
                                                      Clock::time_point now) {
  std::lock_guard lock(mu_);
  prune(now);
  auto it = events_.find(key);
  if (it == events_.end()) return Clock::duration::zero();
  auto& events = it->second;
  while (!events.empty() && events.front() + window_ <= now) events.pop_front();
  if (events.size() < max_events_) return Clock::duration::zero();
  return events[events.size() - max_events_] + window_ - now;
}

void RateLimiter::record(const std::string& key, Clock::time_point now) {
  std::lock_guard lock(mu_);
  prune(now);
  auto& events = events_[key];
  events.push_back(now);
  // Only the newest max_events_ decide when the next event is allowed.
  while (events.size() > max_events_) events.pop_front();
}

void RateLimiter::reset(const std::string& key) {
  std::lock_guard lock(mu_);
  events_.erase(key);
}

void RateLimiter::prune(Clock::time_point now) {
  // Drops keys whose every event has left the window, at most once a window,
  // so a flood of distinct addresses cannot grow the map for ever.
  if (now - last_prune_ < window_) return;
  last_prune_ = now;
  for (auto it = events_.begin(); it != events_.end();) {
    if (it->second.empty() || it->second.back() + window_ <= now) {
      it = events_.erase(it);
    } else {
      ++it;
    }
  }
}

}  // namespace robocall::http
