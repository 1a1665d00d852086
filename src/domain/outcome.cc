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

constexpr auto kAll = [] {
  std::array<CallOutcome, kNames.size()> all{};
  for (std::size_t i = 0; i < kNames.size(); ++i) all[i] = kNames[i].first;
  return all;
}();

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

std::span<const CallOutcome> all_outcomes() {
  return kAll;
}

}  // namespace robocall::domain
