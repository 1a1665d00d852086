// RegistrationStatus: where an account's REGISTER stands (docs/BEHAVIOUR.md
// "Trunk problems"), as Engine::registration reports it. Plain value; any
// thread.
#pragma once

#include <chrono>
#include <optional>
#include <string>

namespace robocall::sip {

enum class RegistrationState {
  kOff,          // registration is not asked for this account
  kRegistering,  // the first REGISTER has not been answered yet
  kRegistered,   // the registrar accepted the binding until `until`
  kFailed,       // the last REGISTER failed; retried at `retry_at`
};

struct RegistrationStatus {
  RegistrationState state = RegistrationState::kOff;
  std::chrono::system_clock::time_point until{};     // kRegistered
  std::optional<int> sip_code;                       // kFailed: the final response, if any
  std::string error;                                 // kFailed: Russian
  int failures = 0;                                  // consecutive failed REGISTERs
  std::chrono::system_clock::time_point retry_at{};  // kFailed
  bool operator==(const RegistrationStatus&) const = default;
};

}  // namespace robocall::sip
