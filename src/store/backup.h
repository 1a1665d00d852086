// Backup and restore of a robocall installation (docs/DESIGN.md "Backup and
// restore"): the database through SQLite's online backup API, the finished
// call recordings and the phrase files, and a manifest of checksums written
// last. Safe while `robocall serve` runs and calls; a second backup into the
// same folder copies only what is new. The secret key is never part of a
// backup (docs/SECURITY.md "Files and secrets").
// Any thread except the SIP loop; one backup or restore at a time per folder.
#pragma once

#include <cstdint>
#include <filesystem>

#include "common/result.h"
#include "domain/task.h"

namespace robocall::store {

struct BackupReport {
  int schema_version = 0;
  int copied = 0;    // files copied now (the database not counted)
  int kept = 0;      // files an earlier backup into the folder already holds
  int vanished = 0;  // named recordings not on disk (purged meanwhile, or never written)
  std::uint64_t bytes_copied = 0;
};

// Backup and restore handle an SQLite file. A PostgreSQL database is copied
// with PostgreSQL's own tools (pg_dump, a replica) and the recordings with the
// shared folder: both functions refuse such a location with this error.
Error postgres_backup_refused();

// Backs up the database `db`, the files under `data_dir` and the call
// recordings in `recordings_dir` (store/recording_file.h) into `to` (created
// when missing): to/robocall.db, to/recordings/<day>/…, to/phrases/…,
// to/manifest.json. Only recordings the database copy names are taken: a
// call's recording is named once its file is complete, so a recording
// still being written is left for the next backup.
Result<BackupReport> back_up(const std::filesystem::path& db, const std::filesystem::path& data_dir,
                             const std::filesystem::path& recordings_dir,
                             const std::filesystem::path& to, domain::Instant now);

struct RestoreReport {
  int schema_version = 0;
  int files = 0;  // recordings and phrase files, the database not counted
};

// Restores the backup in `from` into a database file `db` that does not
// exist and a `data_dir` that is missing or empty. Every checksum is checked
// before anything is written, the database copy must pass PRAGMA
// integrity_check, and the recordings it names are pointed at `data_dir`.
// On any error nothing is left behind: kConflict for a target that is not
// empty, kCorrupt for a damaged backup, kNotFound without a manifest.
Result<RestoreReport> restore(const std::filesystem::path& from, const std::filesystem::path& db,
                              const std::filesystem::path& data_dir);

}  // namespace robocall::store
