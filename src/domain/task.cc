#include "domain/task.h"

#include <array>

namespace robocall::domain {
namespace {

constexpr std::array<std::pair<TaskState, std::string_view>, 8> kStateNames{{
    {TaskState::kPending, "pending"},
    {TaskState::kCalling, "calling"},
    {TaskState::kConfirmed, "confirmed"},
    {TaskState::kCancelled, "cancelled"},
    {TaskState::kExhausted, "exhausted"},
    {TaskState::kExpired, "expired"},
    {TaskState::kNotVerified, "not_verified"},
    {TaskState::kWithdrawn, "withdrawn"},
}};

}  // namespace

ListStatus list_status(TaskState state) {
  switch (state) {
    case TaskState::kConfirmed:
      return ListStatus::kConfirmed;
    case TaskState::kCancelled:
    case TaskState::kWithdrawn:
      return ListStatus::kCancelled;
    case TaskState::kPending:
    case TaskState::kCalling:
    case TaskState::kExhausted:
    case TaskState::kExpired:
    case TaskState::kNotVerified:
      return ListStatus::kUnknown;
  }
  return ListStatus::kUnknown;
}

bool is_final(TaskState state) {
  switch (state) {
    case TaskState::kPending:
    case TaskState::kCalling:
      return false;
    case TaskState::kConfirmed:
    case TaskState::kCancelled:
    case TaskState::kExhausted:
    case TaskState::kExpired:
    case TaskState::kNotVerified:
    case TaskState::kWithdrawn:
      return true;
  }
  return false;
}

std::string_view to_string(TaskState state) {
  for (const auto& [s, name] : kStateNames)
    if (s == state) return name;
  return "pending";
}

std::optional<TaskState> task_state_from_string(std::string_view name) {
  for (const auto& [s, n] : kStateNames)
    if (n == name) return s;
  return std::nullopt;
}

std::string_view to_string(ListStatus status) {
  switch (status) {
    case ListStatus::kConfirmed:
      return "confirmed";
    case ListStatus::kCancelled:
      return "cancelled";
    case ListStatus::kUnknown:
      return "unknown";
  }
  return "unknown";
}

}  // namespace robocall::domain
