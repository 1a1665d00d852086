// Reads what the «Звонки» text needs from the store (the calling settings)
// for the task JSON of the list, the details, the integration API and the
// webhooks. One request's thread.
#pragma once

#include "common/result.h"
#include "http/task_json.h"
#include "store/connection.h"

namespace robocall::http {

Result<CallsContext> calls_context(store::Connection& db, domain::Instant now);

}  // namespace robocall::http
