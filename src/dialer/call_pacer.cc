#include "dialer/call_pacer.h"

#include <algorithm>

namespace robocall::dialer {

CallPacer::CallPacer(double calls_per_second) : limit_(calls_per_second) {}

void CallPacer::set_limit(double calls_per_second) {
  limit_ = calls_per_second;
}

double CallPacer::rate(Clock::time_point now) {
  recover(now);
  return limit_ * factor_;
}

CallPacer::Clock::duration CallPacer::interval() const {
  return std::chrono::duration_cast<Clock::duration>(
      std::chrono::duration<double>(1.0 / (limit_ * factor_)));
}

CallPacer::Clock::time_point CallPacer::next_start(Clock::time_point now) {
  recover(now);
  if (!any_start_) return now;
  return last_start_ + interval();
}

void CallPacer::started(Clock::time_point now) {
  last_start_ = now;
  any_start_ = true;
}

void CallPacer::overloaded(Clock::time_point now) {
  factor_ = std::max(kMinFactor, factor_ / 2);
  next_recovery_ = now + kRecoveryDelay;
}

void CallPacer::recover(Clock::time_point now) {
  while (factor_ < 1.0 && now >= next_recovery_) {
    factor_ = std::min(1.0, factor_ + (1.0 - factor_) / 2);
    if (1.0 - factor_ < 0.01) factor_ = 1.0;
    next_recovery_ += kRecoveryStep;
  }
}

}  // namespace robocall::dialer
