#include "http/task_json.h"

#include "domain/call_progress.h"
#include "http/time_format.h"

namespace robocall::http {
namespace {

nlohmann::json optional_time(const std::optional<domain::Instant>& t) {
  return t ? nlohmann::json(rfc3339(*t)) : nlohmann::json(nullptr);
}

nlohmann::json seconds(std::optional<std::int64_t> ms) {
  return ms ? nlohmann::json(static_cast<double>(*ms) / 1000.0) : nlohmann::json();
}

// Ringing: the whole call less the talk; the whole call when unanswered.
// Unknown for answered calls recorded before talk time was kept apart.
std::optional<std::int64_t> ring_ms(const store::Attempt& a) {
  if (!a.duration_ms) return std::nullopt;
  if (a.talk_ms) return *a.duration_ms - *a.talk_ms;
  if (!a.answered) return a.duration_ms;
  return std::nullopt;
}

}  // namespace

nlohmann::json task_row_json(const domain::Task& task, const CallsContext& calls) {
  const auto progress =
      domain::call_progress(task, calls.attempts_max, calls.dialer_enabled, calls.now);
  return {{"id", task.id},
          {"full_name", task.full_name},
          {"phone", task.phone},
          {"appointment", local_minutes(task.appointment)},
          {"status", domain::to_string(domain::list_status(task.state))},
          {"state", domain::to_string(task.state)},
          {"attempts", task.attempts},
          {"campaign_id", task.campaign_id ? nlohmann::json(*task.campaign_id) : nlohmann::json()},
          {"next_attempt",
           optional_time(domain::is_final(task.state) ? std::nullopt : task.next_attempt)},
          {"attempts_max", calls.attempts_max},
          {"calls", progress.text},
          {"calls_kind", domain::to_string(progress.kind)},
          {"withdrawn_by",
           task.withdrawn_by.empty() ? nlohmann::json() : nlohmann::json(task.withdrawn_by)},
          {"withdrawn_at", optional_time(task.withdrawn_at)}};
}

nlohmann::json attempt_json(const store::Attempt& a) {
  nlohmann::json out = {
      {"id", a.id},
      {"number", a.number},
      {"started_at", rfc3339(a.started)},
      {"answered_at", optional_time(a.answered)},
      {"ended_at", optional_time(a.ended)},
      {"outcome", a.outcome ? nlohmann::json(domain::to_string(*a.outcome)) : nlohmann::json()},
      {"sip_code", a.sip_code ? nlohmann::json(*a.sip_code) : nlohmann::json()},
      {"digits", a.digits},
      {"duration_s", seconds(a.duration_ms)},
      {"ring_s", seconds(ring_ms(a))},
      {"talk_s", seconds(a.talk_ms)},
      {"recording_url",
       a.recording ? nlohmann::json("/api/recordings/" + std::to_string(a.id)) : nlohmann::json()},
  };
  return out;
}

void name_campaign(nlohmann::json& task, const std::map<std::int64_t, std::string>& names) {
  const auto& id = task["campaign_id"];
  auto it = id.is_number_integer() ? names.find(id.get<std::int64_t>()) : names.end();
  task["campaign_name"] = it == names.end() ? nlohmann::json() : nlohmann::json(it->second);
}

nlohmann::json task_details_json(const domain::Task& task,
                                 const std::vector<store::Attempt>& attempts,
                                 const CallsContext& calls) {
  auto out = task_row_json(task, calls);
  out.erase("attempts");
  out["attempts_used"] = task.attempts;
  out["external_id"] = task.external_id;
  out["birth_date"] = iso_date(task.birth_date);
  auto extra = nlohmann::json::object();
  for (const auto& [name, value] : task.extra) extra[name] = value;
  out["extra"] = std::move(extra);
  out["created"] = rfc3339(task.created);
  out["updated"] = rfc3339(task.updated);
  auto list = nlohmann::json::array();
  for (const auto& a : attempts) list.push_back(attempt_json(a));
  out["attempts"] = std::move(list);
  return out;
}

}  // namespace robocall::http
