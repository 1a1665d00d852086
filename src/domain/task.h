// Task: one appointment reminder to deliver, and its life cycle
// (docs/DESIGN.md "State of a task"). Pure value types, any thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/outcome.h"

namespace robocall::domain {

// An instant on the UTC time line, to the second. Local (server TZ) wall time
// appears only where the calendar or a person looks at it.
using Instant = std::chrono::sys_seconds;

enum class TaskState {
  kPending,      // waiting for its next attempt
  kCalling,      // claimed by the dialer; a call is in flight
  kConfirmed,    // final: the patient pressed 1
  kCancelled,    // final: the patient pressed 2
  kExhausted,    // final: every attempt used without an answer
  kExpired,      // final: the appointment began before anyone was reached
  kNotVerified,  // final: whoever answered failed the verification step
  kWithdrawn,    // final: taken off calling by a person («Снять с обзвона»)
};

// The three statuses of the task list (docs/BEHAVIOUR.md "Statuses").
enum class ListStatus { kConfirmed, kCancelled, kUnknown };

ListStatus list_status(TaskState state);
bool is_final(TaskState state);

std::string_view to_string(TaskState state);
std::optional<TaskState> task_state_from_string(std::string_view name);
std::string_view to_string(ListStatus status);  // "confirmed" | "cancelled" | "unknown"

// A named extra column (doctor, room, address...) kept in input order.
using ExtraFields = std::vector<std::pair<std::string, std::string>>;

struct Task {
  std::int64_t id = 0;
  std::string external_id;  // the hospital system's id; empty when none
  std::string phone;        // exactly 10 digits
  std::string full_name;
  Instant appointment{};
  std::chrono::year_month_day birth_date{};
  ExtraFields extra;
  TaskState state = TaskState::kPending;
  int attempts = 0;  // attempts that count towards the limit
  std::optional<Instant> next_attempt;
  Instant created{};
  Instant updated{};
  std::optional<std::int64_t> campaign_id;  // docs/BEHAVIOUR.md "Campaigns"
  std::optional<CallOutcome> last_outcome;  // of the latest ended attempt, if any
  std::string withdrawn_by;                 // login; empty unless kWithdrawn
  std::optional<Instant> withdrawn_at;      // set with kWithdrawn
};

}  // namespace robocall::domain
