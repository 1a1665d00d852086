// The «Звонки» of one patient (docs/GLOSSARY.md "«Звонки»"): how the calling
// goes, as one short text and a kind, for the task list, the details page
// and the export alike. Pure; any thread (local times follow the process TZ).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/task.h"

namespace robocall::domain {

enum class CallsKind { kWaiting, kCalling, kRetrying, kUnreached, kPassed, kWithdrawn, kDone };

// "waiting" | "calling" | "retrying" | "unreached" | "passed" | "withdrawn" | "done"
std::string_view to_string(CallsKind kind);

struct CallProgress {
  CallsKind kind = CallsKind::kWaiting;
  std::string text;  // «2 из 3 · Занято · след. в 14:30»
  bool operator==(const CallProgress&) const = default;
};

// `attempts_max` is «Количество попыток» (the first call counts). The «след.»
// part is shown only while calling is on (`dialer_enabled`) and the next
// attempt lies ahead of `now`.
CallProgress call_progress(const Task& task, int attempts_max, bool dialer_enabled, Instant now);

// "14:30" today, "завтра в 09:00", "08.12 в 09:00" another day (local time):
// the one way these texts name a moment ahead.
std::string when_ahead(Instant at, Instant now);

}  // namespace robocall::domain
