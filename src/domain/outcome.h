// CallOutcome: how one call attempt ended, as the domain sees it
// (docs/BEHAVIOUR.md "Statuses"). The SIP layer classifies responses into
// these; the retry policy consumes them; names for JSON/SQL come from
// to_string, Russian labels live in the UI. Pure value type, any thread.
#pragma once

#include <optional>
#include <span>
#include <string_view>

namespace robocall::domain {

enum class CallOutcome {
  kConfirmed,    // answered, key 1
  kCancelled,    // answered, key 2
  kNoAnswer,     // rang until the answer timeout; we cancelled
  kBusy,         // 486/600
  kUnavailable,  // unreachable, switched off, not found (408/480/404/...)
  kNoInput,      // answered (a person or voicemail), no 1 or 2 after three asks
  kFailed,       // network or server failure on our side or the trunk's
  kConfigError,  // 403 / repeated auth challenge: our configuration, not the patient
  kInterrupted,  // the process stopped (crash, kill) while the call was in flight
  kNotVerified,  // answered, the birth year entered wrong twice (the verification step)
};

// Stable snake_case names used in the database, JSON and logs.
std::string_view to_string(CallOutcome outcome);
std::optional<CallOutcome> outcome_from_string(std::string_view name);
// Every outcome, in the order of the enum.
std::span<const CallOutcome> all_outcomes();

}  // namespace robocall::domain
