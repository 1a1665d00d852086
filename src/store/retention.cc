#include "store/retention.h"

#include <string>
#include <system_error>
#include <vector>

#include "store/recording_file.h"
#include "store/task_rows.h"

namespace robocall::store {
namespace {

// The SQL twin of task_is_past_retention, over tasks t with ?1 = the cutoff.
constexpr std::string_view kPastRetention =
    "t.appointment <= ?1 AND t.state <> 'calling'"
    " AND NOT EXISTS (SELECT 1 FROM attempts a WHERE a.task_id = t.id AND a.outcome IS NULL)";

constexpr int kBatch = 500;

Result<std::vector<std::int64_t>> candidates(Connection& db, std::int64_t cutoff,
                                             std::int64_t after) {
  auto stmt = db.prepare("SELECT t.id FROM tasks t WHERE " + std::string(kPastRetention) +
                         " AND t.id > ?2 ORDER BY t.id LIMIT ?3");
  if (!stmt) return stmt.error();
  stmt->bind(1, cutoff).bind(2, after).bind(3, kBatch);
  std::vector<std::int64_t> ids;
  for (;;) {
    auto row = stmt->step();
    if (!row) return row.error();
    if (!*row) return ids;
    ids.push_back(stmt->column_int(0));
  }
}

// Deletes the recording files `recordings` (bound to one task) lists; false
// when one would not go. One already gone (another node purged it) is no error.
Result<bool> remove_recordings(Statement& recordings, const std::filesystem::path& recordings_dir,
                               RetentionReport& report) {
  for (;;) {
    auto row = recordings.step();
    if (!row) return row.error();
    if (!*row) return true;
    std::error_code ec;
    const bool removed =
        std::filesystem::remove(recording_file(recordings_dir, recordings.column_view(0)), ec);
    if (ec) return false;
    if (removed) ++report.recordings;
  }
}

Status purge_tasks(Connection& db, std::int64_t cutoff, const std::filesystem::path& recordings_dir,
                   RetentionReport& report) {
  auto recordings =
      db.prepare("SELECT recording FROM attempts WHERE task_id = ? AND recording IS NOT NULL");
  if (!recordings) return recordings.error();
  auto attempts = db.prepare("SELECT count(*) FROM attempts WHERE task_id = ?");
  if (!attempts) return attempts.error();
  auto del =
      db.prepare("DELETE FROM tasks WHERE id IN (SELECT t.id FROM tasks t WHERE t.id = ?2 AND " +
                 std::string(kPastRetention) + ")");
  if (!del) return del.error();
  std::int64_t after = 0;
  for (;;) {
    auto ids = candidates(db, cutoff, after);
    if (!ids) return ids.error();
    if (ids->empty()) return {};
    after = ids->back();
    auto tx = Transaction::begin(db);
    if (!tx) return tx.error();
    for (auto id : *ids) {
      recordings->reset();
      recordings->bind(1, id);
      auto gone = remove_recordings(*recordings, recordings_dir, report);
      if (!gone) return gone.error();
      if (!*gone) {
        ++report.kept_for_recording;
        continue;
      }
      attempts->reset();
      attempts->bind(1, id);
      if (auto row = attempts->step(); !row) return row.error();
      const int n = static_cast<int>(attempts->column_int(0));
      del->reset();
      del->bind(1, cutoff).bind(2, id);
      if (auto st = del->run(); !st) return st;
      if (db.changes() > 0) {
        ++report.tasks;
        report.attempts += n;
      }
    }
    if (auto st = tx->commit(); !st) return st;
  }
}

}  // namespace

bool task_is_past_retention(domain::Instant appointment, domain::TaskState state,
                            bool attempt_in_flight, domain::Instant now, int days) {
  return appointment <= now - std::chrono::days(days) && state != domain::TaskState::kCalling &&
         !attempt_in_flight;
}

Result<RetentionReport> purge_past_retention(Connection& db, domain::Instant now, int days,
                                             const std::filesystem::path& recordings_dir) {
  const auto cutoff = to_unix(now - std::chrono::days(days));
  RetentionReport report;
  {
    auto deliveries = db.prepare("DELETE FROM webhook_deliveries WHERE created_at <= ?");
    if (!deliveries) return deliveries.error();
    deliveries->bind(1, cutoff);
    if (auto st = deliveries->run(); !st) return st.error();
    report.webhook_deliveries = db.changes();
  }
  if (auto st = purge_tasks(db, cutoff, recordings_dir, report); !st) return st.error();
  auto tx = Transaction::begin(db);
  if (!tx) return tx.error();
  // An import still referenced by a kept task stays, without its report.
  auto emptied =
      db.prepare("UPDATE imports SET report = '{}' WHERE created_at <= ? AND report <> '{}'");
  if (!emptied) return emptied.error();
  emptied->bind(1, cutoff);
  if (auto st = emptied->run(); !st) return st.error();
  report.imports = db.changes();
  auto unused = db.prepare(
      "DELETE FROM imports WHERE created_at <= ?"
      " AND NOT EXISTS (SELECT 1 FROM tasks WHERE tasks.import_id = imports.id)");
  if (!unused) return unused.error();
  unused->bind(1, cutoff);
  if (auto st = unused->run(); !st) return st.error();
  if (auto st = tx->commit(); !st) return st.error();
  return report;
}

}  // namespace robocall::store
