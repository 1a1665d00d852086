#include "app/housekeeping.h"

#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>

#include "dialer/recordings.h"
#include "store/attempts_repo.h"
#include "store/audit_repo.h"
#include "store/retention.h"
#include "store/settings_blocks.h"
#include "store/settings_repo.h"

namespace robocall::app {
namespace {

constexpr std::chrono::hours kEvery{24};

Result<store::RobocallSettings> current_settings(store::Connection& db) {
  auto stored = store::SettingsRepo(db).get(store::kRobocallKey);
  if (!stored) return stored.error();
  if (!*stored) return store::RobocallSettings{};
  return store::parse_robocall(**stored);
}

}  // namespace

Status purge_once(store::Connection& db, const std::filesystem::path& recordings_dir,
                  domain::Instant now) {
  auto settings = current_settings(db);
  if (!settings) return settings.error();
  nlohmann::json details = {{"task_retention_days", settings->task_retention_days}};
  if (settings->retention_days) {
    store::AttemptsRepo attempts(db);
    auto recordings = dialer::purge_recordings(attempts, recordings_dir,
                                               now - std::chrono::days(*settings->retention_days));
    if (!recordings) return recordings.error();
    details["recording_retention_days"] = *settings->retention_days;
    details["recordings_past_retention"] = recordings->deleted;
    details["recordings_not_deleted"] = recordings->failed;
  }
  auto purged = store::purge_past_retention(db, now, settings->task_retention_days, recordings_dir);
  if (!purged) return purged.error();
  details["tasks"] = purged->tasks;
  details["attempts"] = purged->attempts;
  details["task_recordings"] = purged->recordings;
  details["tasks_kept_for_recording"] = purged->kept_for_recording;
  details["webhook_deliveries"] = purged->webhook_deliveries;
  details["import_reports"] = purged->imports;
  spdlog::info("housekeeping: retention purge {}", details.dump());
  auto logged =
      store::AuditRepo(db).append({0, now, "robocall", "retention.purge", details.dump()});
  if (!logged) return logged.error();
  return {};
}

Housekeeping::Housekeeping(std::filesystem::path db_path, std::filesystem::path recordings_dir,
                           const domain::Clock& clock)
    : db_path_(std::move(db_path)), recordings_dir_(std::move(recordings_dir)), clock_(clock) {}

Housekeeping::~Housekeeping() {
  stop();
}

Status Housekeeping::start() {
  auto db = store::Connection::open(db_path_, false);
  if (!db) return db.error();
  db_ = std::move(*db);
  thread_ = std::thread([this] { run(); });
  return {};
}

void Housekeeping::stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_one();
  if (thread_.joinable()) thread_.join();
}

void Housekeeping::run() {
  std::unique_lock lock(mu_);
  while (!stopping_) {
    lock.unlock();
    if (auto st = purge_once(db_, recordings_dir_, clock_.now()); !st)
      spdlog::error("housekeeping: retention purge failed: {}", st.error().message);
    lock.lock();
    wake_.wait_for(lock, kEvery, [this] { return stopping_; });
  }
}

}  // namespace robocall::app
