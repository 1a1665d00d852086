// Every task falls into one summary bucket; the «Статус» filter's values
// take the buckets the guide's words say.
#include "domain/task_buckets.h"

#include <gtest/gtest.h>

namespace robocall::domain {
namespace {

const Instant kNow{std::chrono::seconds{1'800'000'000}};
const Instant kAhead = kNow + std::chrono::hours{1};

TEST(TaskBuckets, every_state_falls_into_one_bucket) {
  const std::pair<TaskState, Bucket> cases[] = {
      {TaskState::kPending, Bucket::kInProgress},  {TaskState::kCalling, Bucket::kInProgress},
      {TaskState::kConfirmed, Bucket::kConfirmed}, {TaskState::kCancelled, Bucket::kCancelled},
      {TaskState::kWithdrawn, Bucket::kCancelled}, {TaskState::kExhausted, Bucket::kUnreached},
      {TaskState::kExpired, Bucket::kUnreached},   {TaskState::kNotVerified, Bucket::kUnreached},
  };
  for (const auto& [state, bucket] : cases)
    EXPECT_EQ(bucket_of(state, kAhead, kNow), bucket) << to_string(state);
}

TEST(TaskBuckets, a_pending_task_whose_appointment_has_begun_is_unreached) {
  EXPECT_EQ(bucket_of(TaskState::kPending, kNow, kNow), Bucket::kUnreached);
  EXPECT_EQ(bucket_of(TaskState::kCalling, kNow, kNow), Bucket::kInProgress);
}

TEST(TaskBuckets, unknown_is_every_unknown_and_unreached_a_part_of_it) {
  EXPECT_EQ(buckets_of(StatusFilter::kUnknown),
            (std::vector{Bucket::kUnreached, Bucket::kInProgress}));
  EXPECT_EQ(buckets_of(StatusFilter::kUnreached), std::vector{Bucket::kUnreached});
  EXPECT_EQ(buckets_of(StatusFilter::kCancelled), std::vector{Bucket::kCancelled});
  EXPECT_EQ(buckets_of(StatusFilter::kConfirmed), std::vector{Bucket::kConfirmed});
}

TEST(TaskBuckets, the_filter_reads_comma_separated_values_once_each) {
  auto got = parse_status_filter("unreached,confirmed,unreached");
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(*got, (std::vector{StatusFilter::kUnreached, StatusFilter::kConfirmed}));
  EXPECT_TRUE(parse_status_filter("")->empty());
}

TEST(TaskBuckets, an_unknown_filter_value_is_refused_in_russian) {
  for (const char* bad : {"done", "confirmed,", ",", "Confirmed"}) {
    auto got = parse_status_filter(bad);
    ASSERT_FALSE(got.ok()) << bad;
    EXPECT_NE(got.error().message.find("Неизвестный статус"), std::string::npos);
  }
}

}  // namespace
}  // namespace robocall::domain
