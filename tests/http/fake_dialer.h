// FakeDialer: a DialerControl for the API tests whose test calls wait,
// like a real one ringing a phone, until the test opens the gate (or a
// bounded time passes). Counts the calls placed. Thread-safe.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>

#include "dialer/control.h"

namespace robocall::http::testing {

class FakeDialer : public dialer::DialerControl {
 public:
  dialer::DialerLive live() override { return {}; }
  dialer::DialerLive set_enabled(bool) override { return {}; }
  void reload_settings() override {}

  Result<dialer::TestCallResult> test_call(std::int64_t, const std::string&) override {
    ++placed_;
    std::unique_lock lock(mu_);
    ++waiting_;
    changed_.notify_all();
    changed_.wait_for(lock, std::chrono::seconds(10), [this] { return open_; });
    --waiting_;
    dialer::TestCallResult result;
    result.outcome = domain::CallOutcome::kNoAnswer;
    return result;
  }

  // Test calls from now on return at once; the waiting ones are released.
  void open_gate() {
    std::lock_guard lock(mu_);
    open_ = true;
    changed_.notify_all();
  }

  // Waits (at most 5 s) until n calls wait at the gate; returns how many do.
  int wait_for_waiting(int n) {
    std::unique_lock lock(mu_);
    changed_.wait_for(lock, std::chrono::seconds(5), [&] { return waiting_ >= n; });
    return waiting_;
  }

  int placed() const { return placed_; }

 private:
  std::atomic<int> placed_{0};
  std::mutex mu_;
  std::condition_variable changed_;
  bool open_ = false;  // guarded by mu_
  int waiting_ = 0;    // guarded by mu_
};

}  // namespace robocall::http::testing
