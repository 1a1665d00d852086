#include "domain/retry_policy.h"

#include <string>

namespace robocall::domain {

Status validate(const RetrySettings& settings) {
  if (settings.max_attempts < 1 || settings.max_attempts > 20)
    return Error::invalid("Количество попыток должно быть от 1 до 20");
  if (settings.retry_after < std::chrono::minutes{0} ||
      settings.retry_after > std::chrono::minutes{1440})
    return Error::invalid("«Перезванивать через» должно быть от 0 до 1440 минут");
  return {};
}

bool counts_towards_limit(CallOutcome outcome) {
  switch (outcome) {
    case CallOutcome::kConfirmed:
    case CallOutcome::kCancelled:
    case CallOutcome::kNoAnswer:
    case CallOutcome::kBusy:
    case CallOutcome::kUnavailable:
    case CallOutcome::kNoInput:
    case CallOutcome::kInterrupted:
    case CallOutcome::kNotVerified:
      return true;
    case CallOutcome::kFailed:
    case CallOutcome::kConfigError:
      return false;
  }
  return true;
}

RetryDecision decide_retry(const RetrySettings& settings, const WorkingCalendar& calendar,
                           const RetryInput& input) {
  RetryDecision d;
  d.counted = counts_towards_limit(input.outcome);
  d.attempts = input.attempts_before + (d.counted ? 1 : 0);
  switch (input.outcome) {
    case CallOutcome::kConfirmed:
      d.state = TaskState::kConfirmed;
      return d;
    case CallOutcome::kCancelled:
      d.state = TaskState::kCancelled;
      return d;
    case CallOutcome::kNotVerified:
      d.state = TaskState::kNotVerified;
      return d;
    case CallOutcome::kNoAnswer:
    case CallOutcome::kBusy:
    case CallOutcome::kUnavailable:
    case CallOutcome::kNoInput:
    case CallOutcome::kFailed:
    case CallOutcome::kConfigError:
    case CallOutcome::kInterrupted:
      break;
  }
  if (input.appointment <= input.now) {
    d.state = TaskState::kExpired;
    return d;
  }
  const bool failures_used =
      input.outcome == CallOutcome::kFailed && input.failures_before + 1 >= settings.max_attempts;
  if (d.attempts >= settings.max_attempts || failures_used) {
    d.state = TaskState::kExhausted;
    return d;
  }
  const auto delay =
      input.outcome == CallOutcome::kConfigError ? std::chrono::minutes{0} : settings.retry_after;
  const auto next = calendar.next_open(input.now + delay);
  if (!next || *next >= input.appointment) {
    d.state = TaskState::kExpired;
    return d;
  }
  d.state = TaskState::kPending;
  d.next_attempt = next;
  return d;
}

}  // namespace robocall::domain
