#include <gtest/gtest.h>

#include "domain/outcome.h"
#include "domain/task.h"

namespace robocall::domain {
namespace {

TEST(OutcomeNames, round_trip_through_their_stable_names) {
  for (auto o :
       {CallOutcome::kConfirmed, CallOutcome::kCancelled, CallOutcome::kNoAnswer,
        CallOutcome::kBusy, CallOutcome::kUnavailable, CallOutcome::kNoInput, CallOutcome::kFailed,
        CallOutcome::kConfigError, CallOutcome::kInterrupted, CallOutcome::kNotVerified}) {
    EXPECT_EQ(outcome_from_string(to_string(o)), o) << to_string(o);
  }
  EXPECT_EQ(outcome_from_string("Confirmed"), std::nullopt);
  EXPECT_EQ(outcome_from_string(""), std::nullopt);
}

TEST(TaskStates, round_trip_and_map_to_the_three_list_statuses) {
  struct Row {
    TaskState state;
    ListStatus list;
    bool final;
  };
  const Row rows[] = {
      {TaskState::kPending, ListStatus::kUnknown, false},
      {TaskState::kCalling, ListStatus::kUnknown, false},
      {TaskState::kConfirmed, ListStatus::kConfirmed, true},
      {TaskState::kCancelled, ListStatus::kCancelled, true},
      {TaskState::kExhausted, ListStatus::kUnknown, true},
      {TaskState::kExpired, ListStatus::kUnknown, true},
      {TaskState::kNotVerified, ListStatus::kUnknown, true},
  };
  for (const auto& r : rows) {
    EXPECT_EQ(list_status(r.state), r.list) << to_string(r.state);
    EXPECT_EQ(is_final(r.state), r.final) << to_string(r.state);
    EXPECT_EQ(task_state_from_string(to_string(r.state)), r.state);
  }
}

}  // namespace
}  // namespace robocall::domain
