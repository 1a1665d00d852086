// Clock: the one source of the current time. Wall time (an Instant, to the
// second) for what a person, the calendar or the store sees; steady time for
// pacing, timeouts and measuring. `robocall` reads the system clock in one
// place (system_clock()) and app/ passes it in; tests pass a ManualClock.
// THREADS: every method of both clocks may be called from any thread.
#pragma once

#include <atomic>
#include <chrono>

#include "domain/task.h"

namespace robocall::domain {

using SteadyTime = std::chrono::steady_clock::time_point;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Instant now() const = 0;
  virtual SteadyTime steady() const = 0;
};

// The process's real clock (system and steady).
const Clock& system_clock();

// A clock that moves only when told: for tests.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(Instant wall, SteadyTime steady = SteadyTime{})
      : wall_(wall), steady_(steady) {}

  Instant now() const override { return wall_.load(); }
  SteadyTime steady() const override { return steady_.load(); }
  // Moves both clocks forward by `by`.
  void advance(std::chrono::seconds by) {
    wall_.store(wall_.load() + by);
    steady_.store(steady_.load() + by);
  }
  void set(Instant wall) { wall_.store(wall); }

 private:
  std::atomic<Instant> wall_;
  std::atomic<SteadyTime> steady_;
};

}  // namespace robocall::domain
