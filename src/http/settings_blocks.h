// The settings blocks of the API (docs/openapi.yaml RobocallSettings,
// Schedule, DateException): strict reading of a request body into the
// normalised JSON that is stored (the dialer reads the same keys and shapes,
// dialer/settings.h and dialer/config.h), and the defaults shown before
// anything is saved. Pure; any thread.
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "store/settings_repo.h"

namespace robocall::http {

inline constexpr std::string_view kRobocallKey = "robocall";
inline constexpr std::string_view kScheduleKey = "schedule";

nlohmann::json default_robocall_block();
nlohmann::json default_schedule_block();

// Every field required and in range; unknown fields are dropped.
Result<nlohmann::json> read_robocall_block(const nlohmann::json& body);
// Windows "HH:MM" with start < end (end may be 24:00); 7 weekday modes.
Result<nlohmann::json> read_schedule_block(const nlohmann::json& body);
// An array of {date, mode, provisional?}; no date twice.
Result<std::vector<store::DateException>> read_exceptions(const nlohmann::json& body);

}  // namespace robocall::http
