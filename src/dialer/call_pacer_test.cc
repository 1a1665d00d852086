#include "dialer/call_pacer.h"

#include <gtest/gtest.h>

#include <deque>
#include <vector>

namespace robocall::dialer {
namespace {

using Clock = CallPacer::Clock;
using std::chrono::milliseconds;
using std::chrono::seconds;

const Clock::time_point t0 = Clock::time_point(seconds(1000));

// Greedily starts a call whenever the pacer allows it, stepping a fake clock
// by `step`, and returns the start instants.
std::vector<Clock::time_point> greedy_starts(CallPacer& pacer, Clock::time_point from,
                                             Clock::duration span, milliseconds step) {
  std::vector<Clock::time_point> starts;
  for (auto now = from; now < from + span; now += step) {
    if (pacer.may_start(now)) {
      pacer.started(now);
      starts.push_back(now);
    }
  }
  return starts;
}

// The largest number of starts inside any window [t, t + window).
std::size_t max_in_window(const std::vector<Clock::time_point>& starts, Clock::duration window) {
  std::size_t best = 0;
  std::deque<Clock::time_point> inside;
  for (auto t : starts) {
    inside.push_back(t);
    while (t - inside.front() >= window) inside.pop_front();
    best = std::max(best, inside.size());
  }
  return best;
}

TEST(CallPacer, lets_the_first_call_start_at_once) {
  CallPacer pacer(2);
  EXPECT_TRUE(pacer.may_start(t0));
  EXPECT_EQ(pacer.next_start(t0), t0);
}

TEST(CallPacer, spaces_starts_by_the_inverse_of_the_rate) {
  CallPacer pacer(4);
  pacer.started(t0);
  EXPECT_FALSE(pacer.may_start(t0 + milliseconds(249)));
  EXPECT_TRUE(pacer.may_start(t0 + milliseconds(250)));
}

TEST(CallPacer, never_exceeds_the_limit_in_any_one_second_window) {
  struct Case {
    double rate;
    milliseconds step;
  };
  for (const Case c :
       {Case{1, milliseconds(1)}, Case{2.5, milliseconds(7)}, Case{10, milliseconds(1)},
        Case{0.1, milliseconds(100)}, Case{100, milliseconds(1)}}) {
    CallPacer pacer(c.rate);
    const auto starts = greedy_starts(pacer, t0, seconds(60), c.step);
    const auto allowed = static_cast<std::size_t>(c.rate) + 1;
    EXPECT_LE(max_in_window(starts, seconds(1)), allowed) << "rate " << c.rate;
    EXPECT_GE(starts.size(), static_cast<std::size_t>(c.rate * 60 * 0.9)) << "rate " << c.rate;
  }
}

TEST(CallPacer, halves_the_rate_on_each_overload_down_to_a_sixteenth) {
  CallPacer pacer(8);
  pacer.overloaded(t0);
  EXPECT_DOUBLE_EQ(pacer.rate(t0), 4);
  pacer.overloaded(t0);
  EXPECT_DOUBLE_EQ(pacer.rate(t0), 2);
  for (int i = 0; i < 10; ++i) pacer.overloaded(t0);
  EXPECT_DOUBLE_EQ(pacer.rate(t0), 8 * CallPacer::kMinFactor);
}

TEST(CallPacer, spaces_starts_at_the_lowered_rate_after_an_overload) {
  CallPacer pacer(4);
  pacer.overloaded(t0);
  pacer.started(t0);
  EXPECT_FALSE(pacer.may_start(t0 + milliseconds(499)));
  EXPECT_TRUE(pacer.may_start(t0 + milliseconds(500)));
}

TEST(CallPacer, holds_the_lowered_rate_until_the_recovery_delay_has_passed) {
  CallPacer pacer(8);
  pacer.overloaded(t0);
  EXPECT_DOUBLE_EQ(pacer.rate(t0 + CallPacer::kRecoveryDelay - seconds(1)), 4);
  EXPECT_DOUBLE_EQ(pacer.rate(t0 + CallPacer::kRecoveryDelay), 6);
}

TEST(CallPacer, recovers_step_by_step_back_to_the_limit) {
  CallPacer pacer(8);
  for (int i = 0; i < 4; ++i) pacer.overloaded(t0);
  double last = pacer.rate(t0);
  auto now = t0 + CallPacer::kRecoveryDelay;
  for (int step = 0; step < 20; ++step, now += CallPacer::kRecoveryStep) {
    const double r = pacer.rate(now);
    EXPECT_GE(r, last);
    last = r;
  }
  EXPECT_DOUBLE_EQ(last, 8);
}

TEST(CallPacer, a_new_overload_during_recovery_restarts_the_delay) {
  CallPacer pacer(8);
  pacer.overloaded(t0);
  const auto later = t0 + CallPacer::kRecoveryDelay;
  EXPECT_DOUBLE_EQ(pacer.rate(later), 6);
  pacer.overloaded(later);
  EXPECT_DOUBLE_EQ(pacer.rate(later + seconds(29)), 3);
}

TEST(CallPacer, a_new_limit_keeps_the_overload_factor) {
  CallPacer pacer(8);
  pacer.overloaded(t0);
  pacer.set_limit(2);
  EXPECT_DOUBLE_EQ(pacer.rate(t0), 1);
}

}  // namespace
}  // namespace robocall::dialer
