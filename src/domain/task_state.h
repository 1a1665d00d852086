// The task state machine (docs/DESIGN.md "State of a task"):
//   pending --claim--> calling --finish(to)--> pending | confirmed | cancelled
//                                              | exhausted | expired
//   calling --recover--> pending      (start-up after a crash)
//   pending --expire--> expired       (the appointment began before a call)
// Nothing leaves a final state. Pure functions; any thread.
#pragma once

#include "common/result.h"
#include "domain/task.h"

namespace robocall::domain {

struct TaskEvent {
  enum class Kind { kClaim, kFinish, kRecover, kExpire };
  Kind kind = Kind::kClaim;
  TaskState to = TaskState::kPending;  // kFinish only: the retry policy's decision

  static TaskEvent claim() { return {Kind::kClaim, TaskState::kCalling}; }
  static TaskEvent finish(TaskState to) { return {Kind::kFinish, to}; }
  static TaskEvent recover() { return {Kind::kRecover, TaskState::kPending}; }
  static TaskEvent expire() { return {Kind::kExpire, TaskState::kExpired}; }
};

// The state after `event`, or kConflict (the event does not apply in `from`)
// / kInvalidArgument (finish to calling). Russian messages.
Result<TaskState> next_state(TaskState from, TaskEvent event);

// Applies `event` to `task.state`; on error the task is left unchanged.
Status apply(Task& task, TaskEvent event);

}  // namespace robocall::domain
