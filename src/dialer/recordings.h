// Where call recordings live (<data-dir>/recordings/YYYY-MM-DD/<attempt id>.wav,
// the date local to the server) and the retention purge that deletes those
// past the setting. recording_path is pure; purge_recordings does file and
// store I/O on the caller's thread (serve's housekeeping thread).
#pragma once

#include <cstdint>
#include <filesystem>

#include "common/result.h"
#include "domain/task.h"
#include "store/attempts_repo.h"

namespace robocall::dialer {

std::filesystem::path recording_path(const std::filesystem::path& data_dir, domain::Instant started,
                                     std::int64_t attempt_id);

struct PurgeReport {
  int deleted = 0;  // files removed (or already gone) and references cleared
  int failed = 0;   // files that could not be removed; their references stay
};

// Deletes the recordings of calls that ended before `before`, file first, then
// the attempt's reference; empty day folders under <data-dir>/recordings go too.
Result<PurgeReport> purge_recordings(store::AttemptsRepo& attempts,
                                     const std::filesystem::path& data_dir, domain::Instant before);

}  // namespace robocall::dialer
