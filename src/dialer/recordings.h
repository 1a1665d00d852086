// Where call recordings live (<recordings folder>/YYYY-MM-DD/<attempt id>.wav,
// the date local to the server; the folder is store::recordings_folder, a
// share of every node: docs/DESIGN.md "Recordings on several nodes") and the
// retention purge that deletes those past the setting. recording_path is
// pure; purge_recordings does file and store I/O on the caller's thread
// (serve's housekeeping thread).
#pragma once

#include <cstdint>
#include <filesystem>

#include "common/result.h"
#include "domain/task.h"
#include "store/attempts_repo.h"

namespace robocall::dialer {

std::filesystem::path recording_path(const std::filesystem::path& recordings_dir,
                                     domain::Instant started, std::int64_t attempt_id);

struct PurgeReport {
  int deleted = 0;  // files removed (or already gone) and references cleared
  int failed = 0;   // files that could not be removed; their references stay
};

// Deletes the recordings of calls that ended before `before`, file first, then
// the attempt's reference; empty day folders of `recordings_dir` go too.
// Several nodes may purge at once: a file or folder already gone is purged.
Result<PurgeReport> purge_recordings(store::AttemptsRepo& attempts,
                                     const std::filesystem::path& recordings_dir,
                                     domain::Instant before);

}  // namespace robocall::dialer
