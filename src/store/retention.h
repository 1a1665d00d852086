// Retention of personal data (docs/BEHAVIOUR.md "Retention", 152-FZ): a task
// and its attempts (their recordings too) are kept `days` after the
// appointment, then purged, unless a call to it is in progress; delivered
// webhook payloads and import reports (which hold phones) go by the same
// age. task_is_past_retention is the rule, pure; purge_past_retention applies
// it to a database (and deletes the recording files of the attempts it
// removes, found under `recordings_dir`: store/recording_file.h) on the
// caller's thread and connection.
#pragma once

#include <filesystem>

#include "common/result.h"
#include "domain/task.h"
#include "store/connection.h"

namespace robocall::store {

// Whether a task goes: its appointment is `days` or more behind `now` (to the
// second), and no call to it is in progress (state calling, or an attempt
// without an outcome).
bool task_is_past_retention(domain::Instant appointment, domain::TaskState state,
                            bool attempt_in_flight, domain::Instant now, int days);

struct RetentionReport {
  int tasks = 0;
  int attempts = 0;
  int recordings = 0;          // files deleted with their attempts
  int kept_for_recording = 0;  // tasks kept because a recording file would not go
  int webhook_deliveries = 0;  // by their own age (those of purged tasks go with them)
  int imports = 0;             // import reports emptied or removed
};

// Purges the webhook deliveries created `days` or more before `now`, what
// task_is_past_retention selects (in batches, each its own transaction;
// their deliveries go with them), then the import reports as old as that.
Result<RetentionReport> purge_past_retention(Connection& db, domain::Instant now, int days,
                                             const std::filesystem::path& recordings_dir);

}  // namespace robocall::store
