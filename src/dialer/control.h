// DialerControl: what the web layer asks of the dialer. The dialer engine
// implements it; the HTTP server calls it from its threads, so every method
// must be thread-safe and must not block the dialer's loop thread (post a
// command to the loop and wait on the calling thread instead). A header of
// its own target (robocall_dialer_control, on common and domain only), so
// the web layer depends on the dialer's interface, never the reverse.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "common/result.h"
#include "domain/outcome.h"

namespace robocall::dialer {

enum class DialerState { kRunning, kStopped, kOutsideHours, kSipError };

struct DialerLive {
  DialerState state = DialerState::kStopped;
  std::string error;            // Russian, for kSipError
  bool paused = false;          // kSipError because the dialer paused itself on an error
  std::optional<int> sip_code;  // the SIP response behind that pause, when one
  int active_calls = 0;
  bool operator==(const DialerLive&) const = default;
};

struct TestCallResult {
  domain::CallOutcome outcome = domain::CallOutcome::kFailed;
  std::optional<int> sip_code;
  std::string digits;
  double duration_s = 0;
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
};

}  // namespace robocall::dialer
