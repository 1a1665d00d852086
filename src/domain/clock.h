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
// Wall time to the millisecond: for what several nodes share through the
// store (leases, call-start slots: docs/DESIGN.md "Several nodes").
using WallMs = std::chrono::sys_time<std::chrono::milliseconds>;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Instant now() const = 0;
  virtual WallMs now_ms() const = 0;
  virtual SteadyTime steady() const = 0;
};

// The process's real clock (system and steady).
const Clock& system_clock();

// A clock that moves only when told: for tests.
class ManualClock final : public Clock {
 public:
  using Wall = WallMs;

  explicit ManualClock(Instant wall, SteadyTime steady = SteadyTime{})
      : wall_(Wall(wall)), steady_(steady) {}

  Instant now() const override { return std::chrono::floor<std::chrono::seconds>(wall_.load()); }
  WallMs now_ms() const override { return wall_.load(); }
  SteadyTime steady() const override { return steady_.load(); }
  // Moves both clocks forward by `by`.
  void advance(std::chrono::milliseconds by) {
    wall_.store(wall_.load() + by);
    steady_.store(steady_.load() + by);
  }
  // Sets the wall clock (forward or back); the steady clock moves forward by
  // as much when that is forward, else stays.
  void set(Instant wall) {
    const auto by = Wall(wall) - wall_.load();
    if (by > by.zero()) steady_.store(steady_.load() + by);
    wall_.store(Wall(wall));
  }

 private:
  std::atomic<Wall> wall_;
  std::atomic<SteadyTime> steady_;
};

}  // namespace robocall::domain
