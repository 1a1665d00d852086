#include "http/worker_pool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <latch>

namespace robocall::http {
namespace {

TEST(WorkerPool, refuses_jobs_beyond_its_queue_while_every_worker_is_busy) {
  WorkerPool pool(2, 3);
  std::latch started(2);
  std::latch release(1);
  std::atomic<int> ran{0};
  auto blocking = [&] {
    started.count_down();
    release.wait();
    ++ran;
  };
  ASSERT_TRUE(pool.try_submit(blocking));
  ASSERT_TRUE(pool.try_submit(blocking));
  started.wait();  // both workers hold a job: the queue is empty
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(pool.try_submit([&] { ++ran; })) << i;
  EXPECT_FALSE(pool.try_submit([&] { ++ran; }));
  release.count_down();
  pool.stop();
  EXPECT_EQ(ran.load(), 5);
}

TEST(WorkerPool, runs_what_is_queued_before_it_stops_and_refuses_the_rest) {
  WorkerPool pool(1, 100);
  std::atomic<int> ran{0};
  for (int i = 0; i < 50; ++i) ASSERT_TRUE(pool.try_submit([&] { ++ran; }));
  pool.stop();
  EXPECT_EQ(ran.load(), 50);
  EXPECT_FALSE(pool.try_submit([&] { ++ran; }));
}

}  // namespace
}  // namespace robocall::http
