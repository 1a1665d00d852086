// The task state machine: every state against every event, from one
// expected table; an illegal event is an error that leaves the task as it was.
#include "domain/task_state.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

namespace robocall::domain {
namespace {

using S = TaskState;

const S kAllStates[] = {S::kPending,   S::kCalling,   S::kConfirmed,
                        S::kCancelled, S::kExhausted, S::kExpired};

struct NamedEvent {
  std::string name;
  TaskEvent event;
};

std::vector<NamedEvent> all_events() {
  std::vector<NamedEvent> out = {{"claim", TaskEvent::claim()},
                                 {"recover", TaskEvent::recover()},
                                 {"expire", TaskEvent::expire()}};
  for (S to : kAllStates)
    out.push_back({"finish->" + std::string(to_string(to)), TaskEvent::finish(to)});
  return out;
}

// The expected result of every (state, event); nullopt = illegal.
std::optional<S> expected(S from, const TaskEvent& e) {
  switch (e.kind) {
    case TaskEvent::Kind::kClaim:
      return from == S::kPending ? std::optional(S::kCalling) : std::nullopt;
    case TaskEvent::Kind::kRecover:
      return from == S::kCalling ? std::optional(S::kPending) : std::nullopt;
    case TaskEvent::Kind::kExpire:
      return from == S::kPending ? std::optional(S::kExpired) : std::nullopt;
    case TaskEvent::Kind::kFinish:
      return from == S::kCalling && e.to != S::kCalling ? std::optional(e.to) : std::nullopt;
  }
  return std::nullopt;
}

TEST(TaskStateMachine, answers_every_event_in_every_state) {
  int legal = 0;
  for (S from : kAllStates) {
    for (const auto& [name, event] : all_events()) {
      const auto got = next_state(from, event);
      const auto want = expected(from, event);
      const std::string where = std::string(to_string(from)) + " + " + name;
      if (want) {
        ASSERT_TRUE(got.ok()) << where << ": " << got.error().message;
        EXPECT_EQ(*got, *want) << where;
        ++legal;
      } else {
        ASSERT_FALSE(got.ok()) << where << " gave " << to_string(*got);
        EXPECT_FALSE(got.error().message.empty());
      }
    }
  }
  // claim, expire from pending; recover and five finishes from calling.
  EXPECT_EQ(legal, 8);
}

TEST(TaskStateMachine, nothing_leaves_a_final_state) {
  for (S from : kAllStates) {
    if (!is_final(from)) continue;
    for (const auto& [name, event] : all_events()) {
      const auto got = next_state(from, event);
      ASSERT_FALSE(got.ok()) << to_string(from) << " + " << name;
      EXPECT_EQ(got.error().code, Errc::kConflict);
    }
  }
}

TEST(TaskStateMachine, finishing_into_calling_is_invalid_and_claiming_twice_conflicts) {
  EXPECT_EQ(next_state(S::kCalling, TaskEvent::finish(S::kCalling)).error().code,
            Errc::kInvalidArgument);
  EXPECT_EQ(next_state(S::kCalling, TaskEvent::claim()).error().code, Errc::kConflict);
}

TEST(TaskStateMachine, apply_changes_the_task_only_when_the_event_is_legal) {
  Task t;
  t.id = 7;
  t.attempts = 2;
  ASSERT_TRUE(apply(t, TaskEvent::claim()).ok());
  EXPECT_EQ(t.state, S::kCalling);
  const Task before = t;
  EXPECT_FALSE(apply(t, TaskEvent::claim()).ok());
  EXPECT_FALSE(apply(t, TaskEvent::expire()).ok());
  EXPECT_EQ(t.state, before.state);
  EXPECT_EQ(t.attempts, before.attempts);
  ASSERT_TRUE(apply(t, TaskEvent::finish(S::kConfirmed)).ok());
  EXPECT_EQ(t.state, S::kConfirmed);
  EXPECT_FALSE(apply(t, TaskEvent::recover()).ok());
  EXPECT_EQ(t.state, S::kConfirmed);
}

}  // namespace
}  // namespace robocall::domain
