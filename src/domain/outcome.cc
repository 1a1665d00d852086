#include "domain/outcome.h"

#include <array>
#include <utility>

namespace robocall::domain {
namespace {

constexpr std::array<std::pair<CallOutcome, std::string_view>, 10> kNames{{
    {CallOutcome::kConfirmed, "confirmed"},
    {CallOutcome::kCancelled, "cancelled"},
    {CallOutcome::kNoAnswer, "no_answer"},
    {CallOutcome::kBusy, "busy"},
    {CallOutcome::kUnavailable, "unavailable"},
    {CallOutcome::kNoInput, "no_input"},
    {CallOutcome::kFailed, "failed"},
    {CallOutcome::kConfigError, "config_error"},
    {CallOutcome::kInterrupted, "interrupted"},
    {CallOutcome::kNotVerified, "not_verified"},
}};

}  // namespace

std::string_view to_string(CallOutcome outcome) {
  for (const auto& [o, name] : kNames)
    if (o == outcome) return name;
  return "failed";
}

std::optional<CallOutcome> outcome_from_string(std::string_view name) {
  for (const auto& [o, n] : kNames)
    if (n == name) return o;
  return std::nullopt;
}

}  // namespace robocall::domain
