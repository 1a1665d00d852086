#include "common/bounded_queue.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

namespace robocall {
namespace {

TEST(BoundedQueue, hands_every_item_over_in_order_then_ends_when_closed) {
  BoundedQueue<int> queue(2);
  std::thread producer([&] {
    for (int i = 0; i < 1000; ++i) ASSERT_TRUE(queue.push(i));
    queue.close();
  });
  std::vector<int> got;
  while (auto item = queue.pop()) got.push_back(*item);
  producer.join();
  ASSERT_EQ(got.size(), 1000u);
  for (int i = 0; i < 1000; ++i) EXPECT_EQ(got[i], i);
}

TEST(BoundedQueue, drains_what_was_queued_before_the_close) {
  BoundedQueue<int> queue(3);
  ASSERT_TRUE(queue.push(1));
  ASSERT_TRUE(queue.push(2));
  queue.close();
  EXPECT_EQ(queue.pop(), 1);
  EXPECT_EQ(queue.pop(), 2);
  EXPECT_EQ(queue.pop(), std::nullopt);
}

TEST(BoundedQueue, a_full_queue_holds_the_producer_until_the_consumer_cancels) {
  BoundedQueue<int> queue(1);
  std::atomic<int> pushed{0};
  std::atomic<bool> refused{false};
  std::thread producer([&] {
    for (int i = 0; i < 10; ++i) {
      if (!queue.push(i)) {
        refused = true;
        return;
      }
      ++pushed;
    }
  });
  EXPECT_EQ(queue.pop(), 0);
  queue.cancel();
  producer.join();
  EXPECT_TRUE(refused);
  EXPECT_LE(pushed.load(), 2);
  EXPECT_EQ(queue.pop(), std::nullopt);
}

}  // namespace
}  // namespace robocall
