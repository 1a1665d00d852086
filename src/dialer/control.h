// DialerControl: what the web layer asks of the dialer. The dialer engine
// implements it; the HTTP server calls it from its threads, so every method
// must be thread-safe and must not block the dialer's loop thread (post a
// command to the loop and wait on the calling thread instead). A header of
// its own target (robocall_dialer_control, on common and domain only), so
// the web layer depends on the dialer's interface, never the reverse.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/prometheus_text.h"
#include "common/result.h"
#include "domain/outcome.h"

namespace robocall::dialer {

enum class DialerState { kRunning, kStopped, kOutsideHours, kSipError };

struct DialerLive {
  DialerState state = DialerState::kStopped;
  std::string error;                 // Russian, for kSipError
  bool paused = false;               // kSipError because the dialer paused itself on an error
  std::optional<int> sip_code;       // the SIP response behind that pause, when one
  bool registration_failed = false;  // the pause is the account's failed REGISTER
  int active_calls = 0;
  bool operator==(const DialerLive&) const = default;
};

// "running", "stopped", "outside_hours", "sip_error": the API's and the metrics' name.
inline std::string_view to_string(DialerState s) {
  switch (s) {
    case DialerState::kRunning:
      return "running";
    case DialerState::kStopped:
      return "stopped";
    case DialerState::kOutsideHours:
      return "outside_hours";
    case DialerState::kSipError:
      return "sip_error";
  }
  return "stopped";
}

struct TestCallResult {
  domain::CallOutcome outcome = domain::CallOutcome::kFailed;
  std::optional<int> sip_code;
  std::string digits;
  double duration_s = 0;
};

// An account's registration as the SIP engine keeps it (docs/BEHAVIOUR.md
// "Trunk problems"); "idle": this process does not register it (not the
// default account, or dialing is not running here).
struct AccountRegistration {
  std::string state = "idle";  // "idle" | "registering" | "registered" | "failed"
  std::optional<std::chrono::sys_seconds> until;  // registered: the binding's end
  std::optional<int> sip_code;                    // failed: the registrar's answer
  std::string error;                              // failed: Russian
};

class DialerControl {
 public:
  virtual ~DialerControl() = default;

  virtual DialerLive live() = 0;
  // Dialing on/off (the setting is already saved by the caller); calls in
  // progress finish. Returns the state after the change has been applied.
  virtual DialerLive set_enabled(bool enabled) = 0;
  // Settings, schedule, exceptions, phrases or SIP accounts changed in the store.
  virtual void reload_settings() = 0;
  // Places a test call to a 10-digit phone through the account and waits
  // for its end. kUnavailable when the dialer cannot place calls now.
  virtual Result<TestCallResult> test_call(std::int64_t account_id, const std::string& phone) = 0;
  // Writes the dialer's metrics for GET /metrics (docs/DESIGN.md "Metrics
  // and health"). Reads atomics and snapshots only: never waits on the loop.
  virtual void write_metrics(PrometheusText&) {}
  // GET /healthz: the SIP socket is bound and the loop thread runs posted
  // work; an error (Russian) names what is wrong. Waits on the calling thread
  // for at most a few seconds.
  virtual Status check_health() { return {}; }
  // The registration of an account; any thread, never waits on the loop.
  virtual AccountRegistration registration(std::int64_t) { return {}; }
};

}  // namespace robocall::dialer
