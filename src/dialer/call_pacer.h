// CallPacer: the call-start limit of one SIP account. Starts are spaced at
// least 1/rate apart, so any window of T seconds holds at most
// floor(T * rate) + 1 starts. When the trunk answers 503 ("too many calls")
// the effective rate halves (down to 1/16 of the limit) and, after a quiet
// spell, recovers by half of the gap each step until it is back at the limit.
// Pure: time comes in as arguments. One thread (the SIP loop) uses it.
#pragma once

#include <chrono>

namespace robocall::dialer {

class CallPacer {
 public:
  using Clock = std::chrono::steady_clock;
  static constexpr double kMinFactor = 1.0 / 16;
  static constexpr std::chrono::seconds kRecoveryDelay{30};  // after the last 503
  static constexpr std::chrono::seconds kRecoveryStep{10};

  // REQUIRES: calls_per_second > 0.
  explicit CallPacer(double calls_per_second);

  // A new configured limit; the overload factor is kept.
  void set_limit(double calls_per_second);
  double limit() const { return limit_; }
  // The rate starts are paced at now: limit * factor, after recovering.
  double rate(Clock::time_point now);

  // The earliest instant the next call may start.
  Clock::time_point next_start(Clock::time_point now);
  bool may_start(Clock::time_point now) { return now >= next_start(now); }
  // A call started at now. REQUIRES: may_start(now).
  void started(Clock::time_point now);
  // The trunk refused a call as overloaded at now.
  void overloaded(Clock::time_point now);

 private:
  void recover(Clock::time_point now);
  Clock::duration interval() const;

  double limit_;
  double factor_ = 1.0;
  Clock::time_point last_start_{};
  bool any_start_ = false;
  Clock::time_point next_recovery_{};
};

}  // namespace robocall::dialer
