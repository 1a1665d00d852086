// Retry policy (docs/BEHAVIOUR.md "Retries and attempts"): what becomes of a
// task after a call attempt. Pure functions of their arguments (the calendar
// reads the process TZ); any thread.
#pragma once

#include <chrono>
#include <optional>

#include "common/result.h"
#include "domain/calendar.h"
#include "domain/outcome.h"
#include "domain/task.h"

namespace robocall::domain {

struct RetrySettings {
  int max_attempts = 3;                  // 1..20 ("Количество попыток")
  std::chrono::minutes retry_after{30};  // 0..1440 ("Перезванивать через (минут)")
  bool operator==(const RetrySettings&) const = default;
};

// Russian message naming the bad field.
Status validate(const RetrySettings& settings);

// Whether an attempt that ended with `outcome` uses up one of the patient's
// attempts. Counted: confirmed, cancelled, no_answer, busy, unavailable,
// no_input, interrupted (the patient may have been called: be conservative),
// not_verified.
// Not counted: failed (our side or the trunk, incl. 503 overload) and
// config_error (403/auth) — the patient was not reached through any fault of
// theirs; such tasks are still bounded by their appointment.
bool counts_towards_limit(CallOutcome outcome);

struct RetryInput {
  int attempts_before = 0;  // counted attempts before this one
  CallOutcome outcome = CallOutcome::kFailed;
  Instant appointment{};
  Instant now{};            // when the attempt ended
  int failures_before = 0;  // earlier attempts that ended kFailed
};

struct RetryDecision {
  TaskState state = TaskState::kPending;  // kPending or a final state
  int attempts = 0;                       // counted attempts after this one
  bool counted = false;                   // this attempt counted towards the limit
  std::optional<Instant> next_attempt;    // set exactly when state == kPending
  bool operator==(const RetryDecision&) const = default;
};

// confirmed/cancelled/not_verified → that final state (even after the
// appointment began; not_verified: someone else has the phone, no retry).
// Otherwise: if the appointment has begun → expired; if the counted attempts
// reach max_attempts, or this is a failed attempt and the failed ones reach
// max_attempts (a broken number or trunk is not redialled until the
// appointment) → exhausted; else pending, next attempt at
// calendar.next_open(now + delay) — delay = retry_after, or 0 for
// config_error (the dialer pauses itself; the task is due again as soon as
// dialing resumes) — and expired instead when that is not before the
// appointment or nothing opens within the calendar's horizon.
RetryDecision decide_retry(const RetrySettings& settings, const WorkingCalendar& calendar,
                           const RetryInput& input);

}  // namespace robocall::domain
