// The JSON of tasks and attempts in the API (docs/openapi.yaml TaskRow,
// TaskDetails, Attempt). Pure; any thread.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "domain/task.h"
#include "store/attempts_repo.h"

namespace robocall::http {

// What the «Звонки» text of a row needs beyond the task (calls_context.h reads it).
struct CallsContext {
  int attempts_max = 3;         // «Количество попыток»
  bool dialer_enabled = false;  // «Обзвон включён»
  domain::Instant now{};
};

nlohmann::json task_row_json(const domain::Task& task, const CallsContext& calls);
// Details: `attempts` is the list of attempts here, `attempts_used` the count.
nlohmann::json task_details_json(const domain::Task& task,
                                 const std::vector<store::Attempt>& attempts,
                                 const CallsContext& calls);
nlohmann::json attempt_json(const store::Attempt& attempt);
// Sets the task's "campaign_name" from its "campaign_id" (null when none).
void name_campaign(nlohmann::json& task, const std::map<std::int64_t, std::string>& names);

}  // namespace robocall::http
