// The administrator's settings blocks "robocall" and "schedule" (the
// SettingsRepo keys; docs/openapi.yaml RobocallSettings and Schedule): the
// one codec that the API and the dialer share — reading JSON with the
// ranges, the defaults and a Russian message naming the bad field, and
// writing the normalised JSON that is stored and shown. Pure; any thread.
#pragma once

#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>

#include "common/result.h"
#include "domain/calendar.h"

namespace robocall::store {

inline constexpr std::string_view kRobocallKey = "robocall";
inline constexpr std::string_view kScheduleKey = "schedule";

// The «Обзвон» block: how the dialer calls.
struct RobocallSettings {
  bool enabled = false;
  int attempts = 3;                         // 1..20
  std::chrono::minutes retry_after{30};     // 0..1440 (0: retry at once, for tests)
  std::chrono::seconds answer_timeout{30};  // 5..120
  int max_calls = 10;                       // simultaneous calls per account, 1..1000
  double max_calls_per_second = 1;          // call starts per second per account, 0.1..100
  std::optional<int> retention_days = 7;    // 1..3650; nullopt: keep every recording
  int task_retention_days = 90;             // tasks kept after their appointment, 1..3650 (152-FZ)
  bool verify_identity = false;  // «Проверять личность»: the birth year asked after the greeting

  bool operator==(const RobocallSettings&) const = default;
};

// What reading does with a field that is absent: a request must give every
// field but verify_identity (false when absent, as before it existed); a
// stored block keeps the defaults for the fields it lacks.
enum class AbsentField { kRefuse, kDefault };

// Fields of the wrong type or out of range are kInvalidArgument naming the
// field; unknown fields are ignored.
Result<RobocallSettings> read_robocall(const nlohmann::json& block, AbsentField absent);
// The stored text (AbsentField::kDefault); text that is not a JSON object is
// kInvalidArgument.
Result<RobocallSettings> parse_robocall(std::string_view stored);
nlohmann::json to_json(const RobocallSettings& settings);

// The «Расписание» block: {working:{start,end}, shortened:{start,end},
// weekdays:[7 modes, Monday first]}, every field required, times "HH:MM",
// each window's start before its end (end may be 24:00). Read over `base`,
// whose date exceptions are kept.
Result<domain::CalendarSettings> read_schedule(const nlohmann::json& block,
                                               domain::CalendarSettings base);
// The stored text.
Result<domain::CalendarSettings> parse_schedule(std::string_view stored,
                                                domain::CalendarSettings base);
// The block of `settings` (its exceptions are not part of it).
nlohmann::json schedule_json(const domain::CalendarSettings& settings);

}  // namespace robocall::store
