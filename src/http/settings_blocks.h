// The date exceptions of the working calendar as the API reads them
// (docs/openapi.yaml DateException). The "robocall" and "schedule" blocks
// have their one codec in store/settings_blocks.h. Pure; any thread.
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "common/result.h"
#include "store/settings_repo.h"

namespace robocall::http {

// An array of {date, mode, provisional?}; no date twice.
Result<std::vector<store::DateException>> read_exceptions(const nlohmann::json& body);

}  // namespace robocall::http
