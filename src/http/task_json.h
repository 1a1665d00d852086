// The JSON of tasks and attempts in the API (docs/openapi.yaml TaskRow,
// TaskDetails, Attempt). Pure; any thread.
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "domain/task.h"
#include "store/attempts_repo.h"

namespace robocall::http {

nlohmann::json task_row_json(const domain::Task& task);
// Details: `attempts` is the list of attempts here, `attempts_used` the count.
nlohmann::json task_details_json(const domain::Task& task,
                                 const std::vector<store::Attempt>& attempts);
nlohmann::json attempt_json(const store::Attempt& attempt);

}  // namespace robocall::http
