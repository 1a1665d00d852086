// RateLimiter: at most N events per key (a client address, an account)
// within a sliding window, e.g. 5 failed logins per account in 15 minutes. The clock is passed in,
// so tests need no waiting. Thread-safe (one mutex).
#pragma once

#include <chrono>
#include <cstddef>
#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>

namespace robocall::http {

class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;

  RateLimiter(std::size_t max_events, Clock::duration window);

  // Records an event for key at now when allowed. Returns zero when allowed,
  // otherwise how long until the oldest counted event leaves the window.
  Clock::duration acquire(const std::string& key, Clock::time_point now);

  // How long until an event for key would be allowed; zero when it is now.
  // Records nothing (e.g. check before a login, record only its failure).
  Clock::duration retry_after(const std::string& key, Clock::time_point now);
  // Records an event for key at now, whether or not it is allowed.
  void record(const std::string& key, Clock::time_point now);

  // Forgets a key's events (e.g. an account's after its successful login).
  void reset(const std::string& key);

 private:
  void prune(Clock::time_point now);

  // Constant after construction.
  const std::size_t max_events_;
  const Clock::duration window_;

  std::mutex mu_;
  // Guarded by mu_.
  std::unordered_map<std::string, std::deque<Clock::time_point>> events_;
  Clock::time_point last_prune_{};
};

}  // namespace robocall::http
