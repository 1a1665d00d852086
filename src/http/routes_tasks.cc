// Routes: GET /api/tasks, /api/tasks/{id}, /api/tasks/export,
// /api/recordings/{attempt_id} (played, or downloaded with ?download=1).
#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>

#include "http/calls_context.h"
#include "http/export_file.h"
#include "http/reply.h"
#include "http/routes.h"
#include "http/services.h"
#include "http/task_json.h"
#include "http/task_query.h"
#include "http/text_util.h"
#include "http/time_format.h"
#include "importing/task_export.h"
#include "store/attempts_repo.h"
#include "store/campaigns_repo.h"
#include "store/recording_file.h"
#include "store/task_rows.h"
#include "store/tasks_repo.h"
#include "xlsx/task_export.h"

namespace robocall::http {
namespace {

constexpr std::string_view kXlsxType =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

// A recording must lie inside the recordings folder or (older rows, written
// before the folder could be a share) the data directory.
bool inside(const std::filesystem::path& dir, const std::filesystem::path& file) {
  std::error_code ec;
  auto base = std::filesystem::weakly_canonical(dir, ec);
  if (ec) return false;
  auto full = std::filesystem::weakly_canonical(file, ec);
  if (ec) return false;
  auto [b, f] = std::mismatch(base.begin(), base.end(), full.begin(), full.end());
  return b == base.end();
}

Status list(RequestContext& ctx) {
  auto parsed = parse_task_query(ctx.req.params, true);
  if (!parsed.ok()) return parsed.error();
  parsed->query.filter.now = now(ctx);
  auto calls = calls_context(ctx.db, now(ctx));
  if (!calls.ok()) return calls.error();
  store::TasksRepo tasks(ctx.db);
  auto page = tasks.list(parsed->query);
  if (!page.ok()) return page.error();
  // The shape of the search, never the name or phone searched.
  auto st = audit(ctx, "task.search",
                  {{"search", !parsed->query.filter.search.empty()},
                   {"from", parsed->from ? nlohmann::json(iso_date(*parsed->from)) : nullptr},
                   {"to", parsed->to ? nlohmann::json(iso_date(*parsed->to)) : nullptr},
                   {"offset", parsed->query.offset},
                   {"status", ctx.req.get_param_value("status")},
                   {"campaign_id", parsed->query.filter.campaign_id
                                       ? nlohmann::json(*parsed->query.filter.campaign_id)
                                       : nullptr},
                   {"rows", page->tasks.size()}});
  if (!st.ok()) return st;
  auto names = store::CampaignsRepo(ctx.db).names();
  if (!names.ok()) return names.error();
  auto items = nlohmann::json::array();
  for (const auto& t : page->tasks) {
    items.push_back(task_row_json(t, *calls));
    name_campaign(items.back(), *names);
  }
  send_json(ctx.res, {{"total", page->total}, {"items", std::move(items)}});
  return {};
}

Status details(RequestContext& ctx) {
  auto id = path_id(ctx.req);
  if (!id.ok()) return id.error();
  store::TasksRepo tasks(ctx.db);
  auto task = tasks.get(*id);
  if (!task.ok()) return task.error();
  auto attempts = store::AttemptsRepo(ctx.db).of_task(*id);
  if (!attempts.ok()) return attempts.error();
  if (auto st = audit(ctx, "task.view", {{"task_id", *id}}); !st.ok()) return st;
  auto names = store::CampaignsRepo(ctx.db).names();
  if (!names.ok()) return names.error();
  auto calls = calls_context(ctx.db, now(ctx));
  if (!calls.ok()) return calls.error();
  auto out = task_details_json(*task, *attempts, *calls);
  name_campaign(out, *names);
  send_json(ctx.res, out);
  return {};
}

// A downloaded recording's name: the call's local date and time and the task
// id, never the patient's name or phone ("запись-2026-11-27-1002-задание-17.wav").
std::string recording_disposition(std::int64_t task_id, domain::Instant started) {
  std::string stamp = local_minutes(started);  // "2026-11-27T10:02"
  stamp.erase(std::remove(stamp.begin(), stamp.end(), ':'), stamp.end());
  std::replace(stamp.begin(), stamp.end(), 'T', '-');
  const auto task = std::to_string(task_id);
  return attachment_disposition("запись-" + stamp + "-задание-" + task + ".wav",
                                "zapis-" + stamp + "-zadanie-" + task + ".wav");
}

// Playing and downloading are audited alike (docs/SECURITY.md "Audit"), as
// recording.play and recording.download.
Status recording(RequestContext& ctx) {
  auto id = path_id(ctx.req);
  if (!id.ok()) return id.error();
  const auto download = ctx.req.get_param_value("download");
  if (!download.empty() && download != "1") {
    return Error::invalid("Параметр download может быть только 1");
  }
  auto find = ctx.db.prepare("SELECT task_id, recording, started_at FROM attempts WHERE id = ?");
  if (!find.ok()) return find.error();
  find->bind(1, *id);
  auto row = find->step();
  if (!row.ok()) return row.error();
  if (!*row || find->is_null(1)) return Error::not_found("Записи этого звонка нет");
  const auto task_id = find->column_int(0);
  const auto& options = ctx.services.options;
  const auto folder = store::recordings_folder(options.data_dir, options.recordings_dir);
  const auto file = store::recording_file(folder, find->column_view(1));
  const auto started = store::from_unix(find->column_int(2));
  find->reset();
  if (file.empty() || !(inside(folder, file) || inside(options.data_dir, file)))
    return Error::not_found("Записи этого звонка нет");
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) {
    return Error::not_found("Файл записи удалён или недоступен");
  }
  // Every request is audited, a range request too: a download in pieces
  // (Range: bytes=1-) is no way around the log.
  nlohmann::json details = {{"attempt_id", *id}, {"task_id", task_id}};
  if (!ctx.req.ranges.empty()) details["range_start"] = ctx.req.ranges.front().first;
  const auto action = download.empty() ? "recording.play" : "recording.download";
  if (auto st = audit(ctx, action, details); !st.ok()) return st;
  ctx.res.set_header("Content-Disposition",
                     download.empty()
                         ? attachment_disposition("звонок-" + std::to_string(*id) + ".wav",
                                                  "call-" + std::to_string(*id) + ".wav")
                         : recording_disposition(task_id, started));
  ctx.res.set_file(file, "audio/wav");  // sent from disk, one range at most
  return {};
}

// The workbook is written to a file and sent from disk, never held in
// memory; the file's name is gone before the first byte is sent
// (docs/SECURITY.md "Exports").
Status export_tasks(RequestContext& ctx) {
  auto parsed = parse_task_query(ctx.req.params, false);
  if (!parsed.ok()) return parsed.error();
  parsed->query.filter.now = now(ctx);
  if (!parsed->from || !parsed->to) {
    return Error::invalid("Для выгрузки укажите период: даты «с» и «по»");
  }
  auto file = ExportFile::create(ctx.services.options.data_dir, "export");
  if (!file.ok()) return file.error();
  auto written = importing::export_tasks(ctx.db, parsed->query, file->path(), now(ctx));
  if (!written.ok()) return written.error();
  auto fd = file->open_for_sending();
  if (!fd.ok()) return fd.error();

  const auto span = compact_date(*parsed->from) + "-" + compact_date(*parsed->to);
  nlohmann::json details = {{"from", iso_date(*parsed->from)},
                            {"to", iso_date(*parsed->to)},
                            {"search", !parsed->query.filter.search.empty()},
                            {"status", ctx.req.get_param_value("status")},
                            {"campaign_id", parsed->query.filter.campaign_id
                                                ? nlohmann::json(*parsed->query.filter.campaign_id)
                                                : nullptr},
                            {"rows", *written}};
  if (auto st = audit(ctx, "export", details); !st.ok()) return st;
  ctx.res.set_header("Content-Disposition",
                     attachment_disposition(xlsx::default_export_name(*parsed->from, *parsed->to),
                                            "Zadaniya za " + span + ".xlsx"));
  ctx.res.set_open_file(std::move(fd).value(), kXlsxType);
  return {};
}

}  // namespace

void add_task_routes(Router& router) {
  router.get("/api/tasks", Access::kSession, list);
  router.get("/api/tasks/export", Access::kSession, export_tasks);
  router.get(R"(/api/tasks/(\d+))", Access::kSession, details);
  router.get(R"(/api/recordings/(\d+))", Access::kSession, recording);
}

}  // namespace robocall::http
