// The access log: one line per request (docs/SECURITY.md "Logs"), with the
// client address, the method, the path without the query string (name
// searches and partial phones travel there), the status and the time taken.
// What the client wrote is escaped (no CR, LF or terminal escape reaches
// the log) and phone-like digit runs are masked. Any thread.
#pragma once

#include <chrono>
#include <string>

#include "http/message.h"

namespace robocall::http {

// "GET /api/tasks/12": the request as every log line names it (escaped,
// phone-like digits masked, no query).
std::string request_for_log(const Request& req);

// "127.0.0.1 GET /api/tasks/12 200 0.4 ms"
std::string access_line(const Request& req, int status, std::chrono::nanoseconds took);

// A successful GET /metrics or /healthz: monitoring polls every few seconds
// would bury the journal, so their lines are debug (docs/DESIGN.md
// "Metrics and health").
bool is_monitoring_poll(const Request& req, int status);

// Writes access_line() to the log at info level (debug for a monitoring poll).
void log_access(const Request& req, int status, std::chrono::nanoseconds took);

}  // namespace robocall::http
