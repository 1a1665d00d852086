// CallEnd: how a call ended as the SIP layer saw it, and the one table that
// classifies every end into a domain::CallOutcome. The SIP code is always
// kept. Plain value types and a pure function: any thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "domain/outcome.h"

namespace robocall::sip {

// What terminated the call, before classification.
enum class EndCause {
  kFinalResponse,   // a final response >= 300 to our INVITE (sip_code holds it)
  kNoResponse,      // no final response at all (transaction timeout)
  kAnswerTimeout,   // we cancelled after the answer timeout
  kLocalHangup,     // hangup() by our side
  kRemoteBye,       // the far end hung up an answered call
  kTransportError,  // the request could not be sent or the connection broke
  kEngineStopped,   // the engine shut down with the call in flight
};

struct Classification {
  domain::CallOutcome outcome = domain::CallOutcome::kFailed;
  bool trunk_overloaded = false;  // 503: the dialer slows down instead of burning attempts
};

// The table. An answered call always classifies as kNoInput here: only the
// dialog knows whether the patient confirmed or cancelled.
Classification classify(EndCause cause, std::uint16_t sip_code, bool answered);

struct CallEnd {
  using Clock = std::chrono::system_clock;

  domain::CallOutcome outcome = domain::CallOutcome::kFailed;
  EndCause cause = EndCause::kTransportError;
  std::uint16_t sip_code = 0;  // final response code; 200 once answered; 0 when none came
  bool trunk_overloaded = false;
  bool answered = false;
  Clock::time_point started;
  std::optional<Clock::time_point> answered_at;
  Clock::time_point ended;
  std::string reason;  // reason phrase or local cause, for logs and the UI
  std::string codec;   // "PCMA" or "PCMU" in use at the end of an answered call, else empty
  // RTP packets dropped as not from the patient's source or SSRC
  // (docs/SECURITY.md "RTP").
  std::uint64_t rtp_dropped = 0;
};

}  // namespace robocall::sip
