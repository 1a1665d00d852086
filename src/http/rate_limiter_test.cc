#include "http/rate_limiter.h"

#include <gtest/gtest.h>

namespace robocall::http {
namespace {

using std::chrono::seconds;
const RateLimiter::Clock::time_point kT0{seconds(1000)};

TEST(RateLimiter, allows_the_limit_then_refuses_until_the_window_slides) {
  RateLimiter limiter(5, seconds(60));
  for (int i = 0; i < 5; ++i) EXPECT_EQ(limiter.acquire("a", kT0 + seconds(i)).count(), 0) << i;
  EXPECT_EQ(limiter.acquire("a", kT0 + seconds(10)), seconds(50));
  EXPECT_EQ(limiter.acquire("a", kT0 + seconds(60)).count(), 0);
}

TEST(RateLimiter, counts_each_key_apart) {
  RateLimiter limiter(1, seconds(60));
  EXPECT_EQ(limiter.acquire("a", kT0).count(), 0);
  EXPECT_EQ(limiter.acquire("b", kT0).count(), 0);
  EXPECT_GT(limiter.acquire("a", kT0).count(), 0);
}

TEST(RateLimiter, a_reset_key_starts_afresh) {
  RateLimiter limiter(1, seconds(60));
  EXPECT_EQ(limiter.acquire("a", kT0).count(), 0);
  limiter.reset("a");
  EXPECT_EQ(limiter.acquire("a", kT0).count(), 0);
}

TEST(RateLimiter, refused_attempts_do_not_extend_the_wait) {
  RateLimiter limiter(1, seconds(60));
  EXPECT_EQ(limiter.acquire("a", kT0).count(), 0);
  EXPECT_EQ(limiter.acquire("a", kT0 + seconds(30)), seconds(30));
  EXPECT_EQ(limiter.acquire("a", kT0 + seconds(60)).count(), 0);
}

TEST(RateLimiter, recorded_failures_delay_only_their_key_and_checking_records_nothing) {
  RateLimiter limiter(3, seconds(900));
  for (int i = 0; i < 10; ++i) EXPECT_EQ(limiter.retry_after("a", kT0).count(), 0);
  for (int i = 0; i < 3; ++i) limiter.record("a", kT0 + seconds(i));
  EXPECT_EQ(limiter.retry_after("a", kT0 + seconds(100)), seconds(800));
  EXPECT_EQ(limiter.retry_after("b", kT0 + seconds(100)).count(), 0);
  limiter.record("a", kT0 + seconds(200));  // kept: the newest three decide
  EXPECT_EQ(limiter.retry_after("a", kT0 + seconds(300)), seconds(601));
  EXPECT_EQ(limiter.retry_after("a", kT0 + seconds(901)).count(), 0);
}

}  // namespace
}  // namespace robocall::http
