// CallReport: how one call of the dialer ended — the SIP layer's view, the
// dialog's decision and the times — and the one rule that settles which
// outcome the attempt records (docs/BEHAVIOUR.md "Outcomes of a call").
// Pure value type and function: any thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "domain/outcome.h"

namespace robocall::dialer {

struct CallReport {
  using Clock = std::chrono::system_clock;

  domain::CallOutcome outcome = domain::CallOutcome::kFailed;  // settle_outcome()'s
  std::uint16_t sip_code = 0;
  std::string digits;  // every key pressed, in order
  bool answered = false;
  bool trunk_overloaded = false;  // the trunk answered 503
  Clock::time_point started;      // the INVITE went out
  std::optional<Clock::time_point> answered_at;
  Clock::time_point ended;
  std::string reason;  // reason phrase or local cause, for the log

  // Time the phone rang (INVITE to answer, or to the end when unanswered)
  // and time the patient was on the line (answer to end; 0 when unanswered).
  std::chrono::milliseconds ringing() const;
  std::chrono::milliseconds talk() const;
};

// The attempt's outcome: the dialog's decision when it made one; else an
// answered call is interrupted (it ended before the script did); else a call
// our own shutdown ended is failed (not the patient's doing: no attempt used);
// else what the SIP layer classified.
domain::CallOutcome settle_outcome(domain::CallOutcome sip_outcome, bool answered, bool ended_by_us,
                                   std::optional<domain::CallOutcome> decided);

}  // namespace robocall::dialer
