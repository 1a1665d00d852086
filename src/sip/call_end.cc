#include "sip/call_end.h"

#include <array>

namespace robocall::sip {
namespace {

using domain::CallOutcome;

struct CodeRule {
  std::uint16_t code;
  CallOutcome outcome;
  bool trunk_overloaded;
};

// Final responses with a meaning of their own; the rest fall back by class.
constexpr std::array<CodeRule, 14> kCodeRules{{
    {401, CallOutcome::kConfigError, false},  // challenge repeated after our credentials
    {403, CallOutcome::kConfigError, false},
    {404, CallOutcome::kUnavailable, false},
    {407, CallOutcome::kConfigError, false},
    {408, CallOutcome::kUnavailable, false},
    {410, CallOutcome::kUnavailable, false},
    {480, CallOutcome::kUnavailable, false},
    {484, CallOutcome::kUnavailable, false},
    {486, CallOutcome::kBusy, false},
    {487, CallOutcome::kNoAnswer, false},
    {503, CallOutcome::kFailed, true},
    {600, CallOutcome::kBusy, false},
    {603, CallOutcome::kBusy, false},
    {604, CallOutcome::kUnavailable, false},
}};

Classification by_code(std::uint16_t code) {
  for (const auto& rule : kCodeRules)
    if (rule.code == code) return {rule.outcome, rule.trunk_overloaded};
  if (code >= 600) return {CallOutcome::kUnavailable, false};
  return {CallOutcome::kFailed, false};
}

}  // namespace

Classification classify(EndCause cause, std::uint16_t sip_code, bool answered) {
  if (answered) {
    if (cause == EndCause::kEngineStopped) return {CallOutcome::kInterrupted, false};
    return {CallOutcome::kNoInput, false};
  }
  switch (cause) {
    case EndCause::kFinalResponse:
      return by_code(sip_code);
    case EndCause::kNoResponse:
      return {CallOutcome::kFailed, false};
    case EndCause::kAnswerTimeout:
      return {CallOutcome::kNoAnswer, false};
    case EndCause::kLocalHangup:
    case EndCause::kEngineStopped:
      return {CallOutcome::kInterrupted, false};
    case EndCause::kRemoteBye:
      return {CallOutcome::kNoAnswer, false};
    case EndCause::kTransportError:
      return {CallOutcome::kFailed, false};
  }
  return {CallOutcome::kFailed, false};
}

}  // namespace robocall::sip
