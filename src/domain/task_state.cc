#include "domain/task_state.h"

#include <string>

namespace robocall::domain {
namespace {

Error not_applicable(std::string_view event, TaskState from) {
  return Error::conflict("Задание в состоянии «" + std::string(to_string(from)) + "»: действие «" +
                         std::string(event) + "» невозможно");
}

}  // namespace

Result<TaskState> next_state(TaskState from, TaskEvent event) {
  using Kind = TaskEvent::Kind;
  switch (event.kind) {
    case Kind::kClaim:
      if (from != TaskState::kPending) return not_applicable("взять в работу", from);
      return TaskState::kCalling;
    case Kind::kFinish:
      if (from != TaskState::kCalling) return not_applicable("завершить звонок", from);
      if (event.to == TaskState::kCalling)
        return Error::invalid("Звонок не может завершиться состоянием «calling»");
      return event.to;
    case Kind::kRecover:
      if (from != TaskState::kCalling) return not_applicable("восстановить после сбоя", from);
      return TaskState::kPending;
    case Kind::kExpire:
      if (from != TaskState::kPending) return not_applicable("просрочить", from);
      return TaskState::kExpired;
  }
  return Error::internal("неизвестное событие задания");
}

Status apply(Task& task, TaskEvent event) {
  auto next = next_state(task.state, event);
  if (!next) return next.error();
  task.state = *next;
  return {};
}

}  // namespace robocall::domain
