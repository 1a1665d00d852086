// The process's log (docs/DESIGN.md "Metrics and health"): one line per
// event on stderr, for journald, with a level; the format and the level live
// here and nowhere else. What a line may never hold (a patient's name, a
// full phone number, a password, a token) is docs/SECURITY.md "Logs".
// Called from main() and `serve` before any other thread starts.
#pragma once

#include <string>
#include <vector>

namespace robocall::app {

// The names --log-level takes, most severe first.
const std::vector<std::string>& log_level_names();

// Every command logs to stderr at info ("2026-12-06 03:10:00.123 info dialer: ...").
void init_logging();

// REQUIRES: name is one of log_level_names().
void set_log_level(const std::string& name);

}  // namespace robocall::app
