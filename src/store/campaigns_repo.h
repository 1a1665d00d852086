// CampaignsRepo: the campaigns every upload and API batch belongs to
// (docs/BEHAVIOUR.md "Campaigns"): create, find or create the integration
// API's campaign by name or by day, rename, pause and resume, the list with
// each campaign's counts, delete with its tasks and recordings. Borrows a
// Connection: use it on that connection's thread only.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "domain/task.h"
#include "store/connection.h"

namespace robocall::store {

inline constexpr std::size_t kMaxCampaignName = 200;  // characters

struct Campaign {
  std::int64_t id = 0;
  std::string name;
  std::string source = "xlsx";  // "xlsx" | "api"
  domain::Instant created{};
  std::string created_by;  // login or "token:<name>"
  bool paused = false;
};

// A campaign's patients (tasks) by list status, for its progress bar.
struct CampaignCounts {
  std::int64_t total = 0;
  std::int64_t confirmed = 0;
  std::int64_t cancelled = 0;
  std::int64_t unknown = 0;     // «Неизвестно»: neither confirmed nor cancelled
  std::int64_t finished = 0;    // in a final state (domain::is_final)
  std::int64_t recordings = 0;  // attempts with a recording file
};

struct CampaignSummary {
  Campaign campaign;
  CampaignCounts counts;
};

struct RemovedCampaign {
  Campaign campaign;
  std::int64_t tasks = 0;
  std::int64_t attempts = 0;
  std::int64_t recordings = 0;       // files deleted
  std::int64_t recordings_kept = 0;  // files that would not go (logged by the caller)
};

// A name as given, trimmed; a Russian error when empty or too long.
Result<std::string> checked_campaign_name(std::string_view name);

// "<prefix> дд.мм.гггг": the default name of a campaign of that local day.
std::string campaign_day_name(std::string_view prefix, std::chrono::year_month_day day);

class CampaignsRepo {
 public:
  explicit CampaignsRepo(Connection& db) : db_(db) {}

  // Unknown source or a bad name: kInvalidArgument.
  Result<Campaign> create(std::string_view name, std::string_view source, domain::Instant now,
                          std::string_view user);
  // The newest API campaign with this name, created when there is none.
  Result<Campaign> find_or_create_named(std::string_view name, domain::Instant now,
                                        std::string_view user);
  // The API campaign made by default for a local day («API дд.мм.гггг»).
  Result<Campaign> find_or_create_day(std::chrono::year_month_day day, domain::Instant now,
                                      std::string_view user);

  Result<Campaign> get(std::int64_t id);  // kNotFound when absent
  Status rename(std::int64_t id, std::string_view name, domain::Instant now);
  Status set_paused(std::int64_t id, bool paused, domain::Instant now);
  // Every campaign's name by id (cheap: no counts).
  Result<std::map<std::int64_t, std::string>> names();
  // Every campaign with its counts, newest first.
  Result<std::vector<CampaignSummary>> list();
  // Deletes the campaign, its tasks, their attempts and webhook deliveries,
  // the imports left without tasks, in one transaction; then the recording
  // files of those attempts (under `recordings_dir`: store/recording_file.h).
  // kConflict (Russian message) while a call of the campaign is in progress.
  Result<RemovedCampaign> remove(std::int64_t id, const std::filesystem::path& recordings_dir);

 private:
  Connection& db_;
};

}  // namespace robocall::store
