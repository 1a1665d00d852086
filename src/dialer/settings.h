// DialerSettings: the administrator's RoboCall block as the dialer uses it,
// read from the store's "robocall" setting (JSON, the API's RobocallSettings
// object). Pure parsing: any thread.
#pragma once

#include <chrono>
#include <optional>
#include <string_view>

#include "common/result.h"

namespace robocall::dialer {

inline constexpr std::string_view kRobocallSettingsKey = "robocall";

struct DialerSettings {
  bool enabled = false;
  int attempts = 3;                         // 1..20
  std::chrono::minutes retry_after{30};     // 0..1440 (0: retry at once, for tests)
  std::chrono::seconds answer_timeout{30};  // 5..120
  int max_calls = 10;                       // simultaneous calls per account, 1..1000
  double max_calls_per_second = 1;          // call starts per second per account, 0.1..100
  std::optional<int> retention_days = 7;    // nullopt: keep every recording

  bool operator==(const DialerSettings&) const = default;
};

// Parses the stored JSON text. Missing fields keep their defaults; a field of
// the wrong type or out of range is kInvalidArgument naming it (Russian).
Result<DialerSettings> parse_dialer_settings(std::string_view json);

}  // namespace robocall::dialer
