#include "dialer/recordings.h"

#include <spdlog/spdlog.h>

#include <cstdio>
#include <set>
#include <string>

#include "domain/local_time.h"
#include "store/recording_file.h"

namespace robocall::dialer {

std::filesystem::path recording_path(const std::filesystem::path& recordings_dir,
                                     domain::Instant started, std::int64_t attempt_id) {
  const auto d = domain::local_date(started);
  char day[16];
  std::snprintf(day, sizeof day, "%04d-%02u-%02u", static_cast<int>(d.year()),
                static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
  return recordings_dir / day / (std::to_string(attempt_id) + ".wav");
}

Result<PurgeReport> purge_recordings(store::AttemptsRepo& attempts,
                                     const std::filesystem::path& recordings_dir,
                                     domain::Instant before) {
  constexpr int kBatch = 500;
  PurgeReport report;
  std::set<std::filesystem::path> folders;
  std::set<std::int64_t> kept;  // failed deletions, skipped on the next batch
  for (;;) {
    auto batch = attempts.recordings_before(before, kBatch + static_cast<int>(kept.size()));
    if (!batch) return batch.error();
    int fresh = 0;
    for (const auto& a : *batch) {
      if (kept.contains(a.id) || !a.recording) continue;
      ++fresh;
      const auto file = store::recording_file(recordings_dir, *a.recording);
      std::error_code ec;
      std::filesystem::remove(file, ec);
      if (ec) {
        spdlog::warn("dialer: cannot delete recording {}: {}", file.string(), ec.message());
        kept.insert(a.id);
        ++report.failed;
        continue;
      }
      if (auto st = attempts.clear_recording(a.id); !st) return st.error();
      folders.insert(file.parent_path());
      ++report.deleted;
    }
    if (fresh == 0) break;
  }
  for (const auto& folder : folders) {
    std::error_code ec;
    if (folder.parent_path() == recordings_dir && std::filesystem::is_empty(folder, ec) && !ec)
      std::filesystem::remove(folder, ec);
  }
  return report;
}

}  // namespace robocall::dialer
