#include "store/campaigns_repo.h"

#include <cstdio>
#include <filesystem>
#include <system_error>

#include "store/recording_file.h"
#include "store/task_rows.h"

namespace robocall::store {
namespace {

constexpr std::string_view kColumns = "id, name, source, created_at, created_by, paused";

Campaign read_campaign(const Statement& s, int first = 0) {
  return {s.column_int(first),      s.column_text(first + 1),
          s.column_text(first + 2), from_unix(s.column_int(first + 3)),
          s.column_text(first + 4), s.column_int(first + 5) != 0};
}

std::size_t characters(std::string_view utf8) {
  std::size_t n = 0;
  for (unsigned char c : utf8) n += (c & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

Error no_campaign(std::int64_t id) {
  return Error::not_found("Кампания " + std::to_string(id) + " не найдена");
}

Result<std::optional<Campaign>> find_one(Connection& db, std::string_view where,
                                         std::string_view param) {
  auto stmt = db.prepare("SELECT " + std::string(kColumns) + " FROM campaigns WHERE " +
                         std::string(where) + " ORDER BY id DESC LIMIT 1");
  if (!stmt) return stmt.error();
  stmt->bind(1, param);
  auto row = stmt->step();
  if (!row) return row.error();
  if (!*row) return std::optional<Campaign>{};
  return std::optional<Campaign>{read_campaign(*stmt)};
}

Result<Campaign> insert(Connection& db, const std::string& name, std::string_view source,
                        const std::optional<std::string>& day, domain::Instant now,
                        std::string_view user) {
  auto stmt = db.prepare(
      "INSERT INTO campaigns(name, source, day, created_at, created_by, updated_at)"
      " VALUES (?, ?, ?, ?, ?, ?)");
  if (!stmt) return stmt.error();
  stmt->bind(1, name).bind(2, source).bind(3, day).bind(4, to_unix(now)).bind(5, user);
  stmt->bind(6, to_unix(now));
  if (auto st = stmt->run(); !st) return st.error();
  return Campaign{db.last_insert_rowid(), name, std::string(source), now, std::string(user), false};
}

Status check_updated(Connection& db, std::int64_t id) {
  if (db.changes() == 0) return no_campaign(id);
  return {};
}

}  // namespace

Result<std::string> checked_campaign_name(std::string_view name) {
  const auto first = name.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return Error::invalid("Укажите название кампании");
  const auto last = name.find_last_not_of(" \t\r\n");
  std::string trimmed(name.substr(first, last - first + 1));
  if (characters(trimmed) > kMaxCampaignName)
    return Error::invalid("Название кампании длиннее " + std::to_string(kMaxCampaignName) +
                          " символов");
  return trimmed;
}

std::string campaign_day_name(std::string_view prefix, std::chrono::year_month_day day) {
  char text[16];
  std::snprintf(text, sizeof text, "%02u.%02u.%04d", static_cast<unsigned>(day.day()),
                static_cast<unsigned>(day.month()), static_cast<int>(day.year()));
  // The prefix (a file name) is cut so that the whole name fits.
  constexpr std::size_t kRoom = kMaxCampaignName - 11;
  std::string out;
  std::size_t n = 0;
  for (char c : prefix) {
    const bool starts = (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    if (starts && ++n > kRoom) break;
    out += c;
  }
  if (!out.empty()) out += ' ';
  return out + text;
}

Result<Campaign> CampaignsRepo::create(std::string_view name, std::string_view source,
                                       domain::Instant now, std::string_view user) {
  if (source != "xlsx" && source != "api")
    return Error::invalid("Неизвестный источник кампании «" + std::string(source) + "»");
  auto checked = checked_campaign_name(name);
  if (!checked) return checked.error();
  return insert(db_, *checked, source, std::nullopt, now, user);
}

Result<Campaign> CampaignsRepo::find_or_create_named(std::string_view name, domain::Instant now,
                                                     std::string_view user) {
  auto checked = checked_campaign_name(name);
  if (!checked) return checked.error();
  auto tx = Transaction::begin(db_);
  if (!tx) return tx.error();
  auto found = find_one(db_, "source = 'api' AND name = ?1", *checked);
  if (!found) return found.error();
  Result<Campaign> out =
      *found ? Result<Campaign>(**found) : insert(db_, *checked, "api", std::nullopt, now, user);
  if (!out) return out.error();
  if (auto st = tx->commit(); !st) return st.error();
  return out;
}

Result<Campaign> CampaignsRepo::find_or_create_day(std::chrono::year_month_day day,
                                                   domain::Instant now, std::string_view user) {
  const auto key = date_text(day);
  auto tx = Transaction::begin(db_);
  if (!tx) return tx.error();
  auto found = find_one(db_, "day = ?1", key);
  if (!found) return found.error();
  Result<Campaign> out = *found ? Result<Campaign>(**found)
                                : insert(db_, campaign_day_name("API", day), "api", key, now, user);
  if (!out) return out.error();
  if (auto st = tx->commit(); !st) return st.error();
  return out;
}

Result<Campaign> CampaignsRepo::get(std::int64_t id) {
  auto stmt = db_.prepare("SELECT " + std::string(kColumns) + " FROM campaigns WHERE id = ?");
  if (!stmt) return stmt.error();
  stmt->bind(1, id);
  auto row = stmt->step();
  if (!row) return row.error();
  if (!*row) return no_campaign(id);
  return read_campaign(*stmt);
}

Status CampaignsRepo::rename(std::int64_t id, std::string_view name, domain::Instant now) {
  auto checked = checked_campaign_name(name);
  if (!checked) return checked.error();
  auto stmt = db_.prepare("UPDATE campaigns SET name = ?, updated_at = ? WHERE id = ?");
  if (!stmt) return stmt.error();
  stmt->bind(1, *checked).bind(2, to_unix(now)).bind(3, id);
  if (auto st = stmt->run(); !st) return st;
  return check_updated(db_, id);
}

Status CampaignsRepo::set_paused(std::int64_t id, bool paused, domain::Instant now) {
  auto stmt = db_.prepare("UPDATE campaigns SET paused = ?, updated_at = ? WHERE id = ?");
  if (!stmt) return stmt.error();
  stmt->bind(1, paused ? 1 : 0).bind(2, to_unix(now)).bind(3, id);
  if (auto st = stmt->run(); !st) return st;
  return check_updated(db_, id);
}

Result<std::map<std::int64_t, std::string>> CampaignsRepo::names() {
  auto stmt = db_.prepare("SELECT id, name FROM campaigns");
  if (!stmt) return stmt.error();
  std::map<std::int64_t, std::string> out;
  for (;;) {
    auto row = stmt->step();
    if (!row) return row.error();
    if (!*row) return out;
    out.emplace(stmt->column_int(0), stmt->column_text(1));
  }
}

Result<std::vector<CampaignSummary>> CampaignsRepo::list() {
  auto tx = Transaction::begin(db_, Transaction::Kind::kRead);
  if (!tx) return tx.error();
  // Final: every state but the two domain::is_final calls open, so a new
  // final state (not_verified) counts without an edit here.
  auto stmt = db_.prepare(
      "SELECT c.id, c.name, c.source, c.created_at, c.created_by, c.paused,"
      " count(t.id), count(*) FILTER (WHERE t.state = 'confirmed'),"
      " count(*) FILTER (WHERE t.state = 'cancelled' OR t.state = 'withdrawn'),"  // «Отмена»
      " count(*) FILTER (WHERE t.state NOT IN ('pending', 'calling')),"
      " (SELECT count(*) FROM attempts a JOIN tasks r ON r.id = a.task_id"
      "  WHERE r.campaign_id = c.id AND a.recording IS NOT NULL)"
      " FROM campaigns c LEFT JOIN tasks t ON t.campaign_id = c.id"
      " GROUP BY c.id ORDER BY c.id DESC");
  if (!stmt) return stmt.error();
  std::vector<CampaignSummary> out;
  for (;;) {
    auto row = stmt->step();
    if (!row) return row.error();
    if (!*row) break;
    CampaignSummary s{read_campaign(*stmt), {}};
    s.counts.total = stmt->column_int(6);
    s.counts.confirmed = stmt->column_int(7);
    s.counts.cancelled = stmt->column_int(8);
    s.counts.unknown = s.counts.total - s.counts.confirmed - s.counts.cancelled;
    s.counts.finished = stmt->column_int(9);
    s.counts.recordings = stmt->column_int(10);
    out.push_back(std::move(s));
  }
  return out;
}

Result<RemovedCampaign> CampaignsRepo::remove(std::int64_t id,
                                              const std::filesystem::path& recordings_dir) {
  RemovedCampaign removed;
  std::vector<std::filesystem::path> files;
  {
    auto tx = Transaction::begin(db_);
    if (!tx) return tx.error();
    auto campaign = get(id);
    if (!campaign) return campaign.error();
    removed.campaign = std::move(campaign).value();
    auto calling = db_.prepare(
        "SELECT count(*) FROM tasks t WHERE t.campaign_id = ?1 AND (t.state = 'calling' OR"
        " EXISTS (SELECT 1 FROM attempts a WHERE a.task_id = t.id AND a.outcome IS NULL))");
    if (!calling) return calling.error();
    calling->bind(1, id);
    if (auto row = calling->step(); !row) return row.error();
    if (const auto n = calling->column_int(0); n > 0)
      return Error::conflict("Кампанию «" + removed.campaign.name +
                             "» нельзя удалить: идёт звонок (заданий в обзвоне: " +
                             std::to_string(n) + "). Поставьте её на паузу и повторите позже.");
    auto recordings = db_.prepare(
        "SELECT a.recording FROM attempts a JOIN tasks t ON t.id = a.task_id"
        " WHERE t.campaign_id = ? AND a.recording IS NOT NULL");
    if (!recordings) return recordings.error();
    recordings->bind(1, id);
    for (;;) {
      auto row = recordings->step();
      if (!row) return row.error();
      if (!*row) break;
      files.push_back(recording_file(recordings_dir, recordings->column_view(0)));
    }
    auto attempts = db_.prepare(
        "SELECT count(*) FROM attempts a JOIN tasks t ON t.id = a.task_id WHERE t.campaign_id = ?");
    if (!attempts) return attempts.error();
    attempts->bind(1, id);
    if (auto row = attempts->step(); !row) return row.error();
    removed.attempts = attempts->column_int(0);
    // The import reports of its tasks (they name patients and phones) go
    // when no other task comes from the same import.
    std::vector<std::int64_t> import_ids;
    auto imports = db_.prepare(
        "SELECT DISTINCT import_id FROM tasks WHERE campaign_id = ? AND import_id IS NOT NULL");
    if (!imports) return imports.error();
    imports->bind(1, id);
    for (;;) {
      auto row = imports->step();
      if (!row) return row.error();
      if (!*row) break;
      import_ids.push_back(imports->column_int(0));
    }
    imports = Statement{};
    // Attempts and webhook deliveries go with their tasks (ON DELETE CASCADE).
    auto tasks = db_.prepare("DELETE FROM tasks WHERE campaign_id = ?");
    if (!tasks) return tasks.error();
    tasks->bind(1, id);
    if (auto st = tasks->run(); !st) return st.error();
    removed.tasks = db_.changes();
    auto unused = db_.prepare(
        "DELETE FROM imports WHERE id = ?"
        " AND NOT EXISTS (SELECT 1 FROM tasks WHERE tasks.import_id = imports.id)");
    if (!unused) return unused.error();
    for (const auto import_id : import_ids) {
      unused->reset();
      unused->bind(1, import_id);
      if (auto st = unused->run(); !st) return st.error();
    }
    auto campaign_row = db_.prepare("DELETE FROM campaigns WHERE id = ?");
    if (!campaign_row) return campaign_row.error();
    campaign_row->bind(1, id);
    if (auto st = campaign_row->run(); !st) return st.error();
    if (auto st = tx->commit(); !st) return st.error();
  }
  // Files go after the commit: had it failed, no row would point at a
  // deleted file.
  for (const auto& file : files) {
    std::error_code ec;
    if (std::filesystem::remove(file, ec)) {
      ++removed.recordings;
    } else if (ec) {
      ++removed.recordings_kept;
    }
  }
  return removed;
}

}  // namespace robocall::store
