// Routes: POST /api/imports (multipart XLSX → import report), GET
// /api/imports/example.xlsx, and the integration API: POST /api/v1/tasks
// (JSON tasks, same validation and report), GET /api/v1/tasks (statuses and
// attempts by update time, cursor-paged).
#include <charconv>
#include <nlohmann/json.hpp>

#include "domain/calling_day.h"
#include "domain/local_time.h"
#include "http/calls_context.h"
#include "http/export_file.h"
#include "http/json_input.h"
#include "http/reply.h"
#include "http/routes.h"
#include "http/services.h"
#include "http/task_json.h"
#include "http/time_format.h"
#include "importing/import_report.h"
#include "importing/importer.h"
#include "store/attempts_repo.h"
#include "store/calling_settings.h"
#include "store/campaigns_repo.h"
#include "store/tasks_repo.h"
#include "xlsx/writer.h"

namespace robocall::http {
namespace {

constexpr std::string_view kXlsxType =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
constexpr std::size_t kMaxPushTasks = 100'000;

// The uploaded file's own name without any directory part (never used as a
// path).
std::string base_name(const std::string& name) {
  auto slash = name.find_last_of("/\\");
  auto base = slash == std::string::npos ? name : name.substr(slash + 1);
  return base.substr(0, 200);
}

// The report, with when calling starts (docs/BEHAVIOUR.md "When calling starts").
Status reply_report(RequestContext& ctx, importing::ImportReport& report, std::string_view source) {
  auto calling = store::load_calling_settings(ctx.db);
  if (!calling.ok()) return calling.error();
  report.calling_starts =
      domain::calling_starts(calling->calendar, calling->robocall.enabled, now(ctx));
  auto st = audit(ctx, "import",
                  {{"source", source},
                   {"import_id", report.import_id},
                   {"campaign_id", report.campaign_id},
                   {"rows_read", report.rows_read},
                   {"created", report.created},
                   {"skipped", report.skipped.size()}});
  if (!st.ok()) return st;
  ctx.res.status = 200;
  ctx.res.set_content(importing::report_json(report), "application/json; charset=utf-8");
  return {};
}

Status upload(RequestContext& ctx) {
  if (!ctx.req.is_multipart_form_data() || !ctx.req.has_file("file")) {
    return Error::invalid("Выберите файл XLSX (поле формы «file»)");
  }
  const auto& file = ctx.req.get_file_value("file");
  if (file.content.empty()) return Error::invalid("Файл пуст");
  importing::ImportOptions options;
  options.now = now(ctx);
  options.file_name = base_name(file.filename);
  options.user = ctx.caller.actor();
  // The optional «Название кампании» of the form (docs/BEHAVIOUR.md "Campaigns").
  options.campaign_name = ctx.req.get_file_value("campaign").content;
  auto report = importing::import_xlsx_bytes(ctx.db, file.content, options);
  if (!report.ok()) return report.error();
  return reply_report(ctx, *report, "xlsx");
}

Status example(RequestContext& ctx) {
  auto file = ExportFile::create(ctx.services.options.data_dir, "example");
  if (!file.ok()) return file.error();
  auto writer = xlsx::XlsxWriter::create(file->path(), "Задания");
  if (!writer.ok()) return writer.error();
  using namespace std::chrono;
  const auto day = year_month_day(floor<days>(domain::to_local(now(ctx))) + days(1));
  const auto at = local_days(day) + hours(10);
  Status st =
      writer->header({"Телефон", "ФИО", "Дата и время приёма", "Дата рождения", "Врач", "Кабинет"},
                     {14, 36, 22, 16, 28, 10});
  if (st.ok()) st = writer->text(1, 0, "9161234567");
  if (st.ok()) st = writer->text(1, 1, "Иванов Иван Иванович");
  if (st.ok()) st = writer->date_time(1, 2, at);
  if (st.ok()) st = writer->date(1, 3, 1980y / March / 4);
  if (st.ok()) st = writer->text(1, 4, "Петрова Анна Сергеевна");
  if (st.ok()) st = writer->text(1, 5, "215");
  if (st.ok()) st = writer->text(2, 0, "+7 (903) 111-22-33");
  if (st.ok()) st = writer->text(2, 1, "Смирнова Мария Петровна");
  if (st.ok()) st = writer->date_time(2, 2, at + minutes(30));
  if (st.ok()) st = writer->date(2, 3, 1975y / November / 21);
  if (st.ok()) st = writer->text(2, 4, "Сидоров Олег Викторович");
  if (st.ok()) st = writer->text(2, 5, "108");
  Status closed = writer->close();
  if (st.ok()) st = closed;
  if (!st.ok()) return st;
  auto fd = file->open_for_sending();
  if (!fd.ok()) return fd.error();
  ctx.res.set_header("Content-Disposition",
                     "attachment; filename=\"example.xlsx\"; filename*=UTF-8''"
                     "%D0%9F%D1%80%D0%B8%D0%BC%D0%B5%D1%80.xlsx");
  ctx.res.set_open_file(std::move(fd).value(), kXlsxType);
  return {};
}

// A JSON task's field as text: strings as is, numbers (phones) as digits.
std::optional<std::string> text_of(const nlohmann::json& task, const char* key, std::size_t index,
                                   std::optional<Error>& error) {
  auto it = task.find(key);
  if (it == task.end() || it->is_null()) return std::nullopt;
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number_unsigned() || it->is_number_integer()) return it->dump();
  if (!error) {
    error = Error::invalid("Задание " + std::to_string(index + 1) + ": поле «" + key +
                           "» должно быть строкой");
  }
  return std::nullopt;
}

Result<std::vector<importing::TaskFields>> read_tasks(const nlohmann::json& body) {
  if (!body.is_array()) return Error::invalid("Ожидается JSON-массив заданий");
  if (body.size() > kMaxPushTasks) {
    return Error::limit("Не больше " + std::to_string(kMaxPushTasks) + " заданий за один запрос");
  }
  static const std::pair<const char*, const char*> kNamedExtras[] = {
      {"doctor", "Врач"}, {"room", "Кабинет"}, {"address", "Адрес"}};
  std::vector<importing::TaskFields> out;
  out.reserve(body.size());
  std::optional<Error> error;
  for (std::size_t i = 0; i < body.size(); ++i) {
    const auto& t = body[i];
    if (!t.is_object()) {
      return Error::invalid("Задание " + std::to_string(i + 1) + " должно быть JSON-объектом");
    }
    importing::TaskFields f;
    f.external_id = text_of(t, "external_id", i, error).value_or("");
    f.phone = text_of(t, "phone", i, error).value_or("");
    f.full_name = text_of(t, "full_name", i, error).value_or("");
    f.appointment = text_of(t, "appointment", i, error).value_or("");
    f.appointment_time = text_of(t, "appointment_time", i, error).value_or("");
    f.birth_date = text_of(t, "birth_date", i, error).value_or("");
    for (auto [key, title] : kNamedExtras) {
      if (auto v = text_of(t, key, i, error)) f.extra.emplace_back(title, *v);
    }
    if (auto it = t.find("extra"); it != t.end() && !it->is_null()) {
      if (!it->is_object()) {
        return Error::invalid("Задание " + std::to_string(i + 1) +
                              ": поле «extra» должно быть объектом");
      }
      for (const auto& [name, value] : it->items()) {
        if (!value.is_string()) {
          return Error::invalid("Задание " + std::to_string(i + 1) + ": поле extra «" + name +
                                "» должно быть строкой");
        }
        f.extra.emplace_back(name, value.get<std::string>());
      }
    }
    if (error) return *error;
    out.push_back(std::move(f));
  }
  return out;
}

Status push(RequestContext& ctx) {
  auto body = parse_json(ctx.req.body);
  if (!body.ok()) return body.error();
  // The batch is an array of tasks, or {"campaign": "name", "tasks": [...]}.
  std::string campaign;
  const nlohmann::json* list = &*body;
  if (body->is_object()) {
    FieldReader fields(*body);
    if (fields.has("campaign"))
      campaign = fields.string("campaign", 4 * store::kMaxCampaignName).value_or("");
    if (!fields.ok()) return fields.error();
    auto it = body->find("tasks");
    if (it == body->end()) return Error::invalid("Укажите задания в поле «tasks»");
    list = &*it;
  }
  auto tasks = read_tasks(*list);
  if (!tasks.ok()) return tasks.error();
  importing::ImportOptions options;
  options.now = now(ctx);
  options.file_name = "api";
  options.user = ctx.caller.actor();
  options.campaign_name = campaign;
  auto report = importing::import_tasks(ctx.db, *tasks, options);
  if (!report.ok()) return report.error();
  return reply_report(ctx, *report, "api");
}

// Cursor "<updated unix seconds>.<id>" of the last task of a page.
Result<std::pair<domain::Instant, std::int64_t>> parse_cursor(const std::string& text) {
  auto dot = text.find('.');
  std::int64_t t = 0, id = 0;
  if (dot == std::string::npos ||
      std::from_chars(text.data(), text.data() + dot, t).ptr != text.data() + dot ||
      std::from_chars(text.data() + dot + 1, text.data() + text.size(), id).ptr !=
          text.data() + text.size() ||
      id < 0) {
    return Error::invalid("Неверный cursor: передайте next_cursor предыдущей страницы");
  }
  return std::pair{domain::Instant(std::chrono::seconds(t)), id};
}

Status read(RequestContext& ctx) {
  const auto& p = ctx.req.params;
  domain::Instant since{};
  std::int64_t after_id = 0;
  if (auto it = p.find("cursor"); it != p.end()) {
    auto cursor = parse_cursor(it->second);
    if (!cursor.ok()) return cursor.error();
    std::tie(since, after_id) = *cursor;
  } else if (auto it2 = p.find("updated_since"); it2 != p.end()) {
    auto t = parse_rfc3339(it2->second);
    if (!t.ok()) return t.error();
    since = *t;
  }
  std::optional<domain::Instant> from, to;
  for (auto [key, target, end] : {std::tuple{"from", &from, false}, std::tuple{"to", &to, true}}) {
    if (auto it = p.find(key); it != p.end()) {
      auto d = parse_iso_date(it->second);
      if (!d.ok()) return d.error();
      *target = end ? domain::local_day_end(*d) : domain::local_day_start(*d);
    }
  }
  int limit = 100;
  if (auto it = p.find("limit"); it != p.end()) {
    auto [ptr, ec] =
        std::from_chars(it->second.data(), it->second.data() + it->second.size(), limit);
    if (ec != std::errc{} || ptr != it->second.data() + it->second.size() || limit < 1 ||
        limit > 1000) {
      return Error::invalid("Параметр «limit» должен быть от 1 до 1000");
    }
  }
  auto tasks = store::TasksRepo(ctx.db).updated_since(since, after_id, limit, from, to);
  if (!tasks.ok()) return tasks.error();
  store::AttemptsRepo attempts(ctx.db);
  auto calls = calls_context(ctx.db, now(ctx));
  if (!calls.ok()) return calls.error();
  auto items = nlohmann::json::array();
  for (const auto& t : *tasks) {
    auto list = attempts.of_task(t.id);
    if (!list.ok()) return list.error();
    items.push_back(task_details_json(t, *list, *calls));
  }
  nlohmann::json next = nullptr;
  if (static_cast<int>(tasks->size()) == limit) {
    const auto& last = tasks->back();
    next = std::to_string(last.updated.time_since_epoch().count()) + "." + std::to_string(last.id);
  }
  auto st = audit(ctx, "api.tasks.read",
                  {{"rows", items.size()}, {"from", from.has_value()}, {"to", to.has_value()}});
  if (!st.ok()) return st;
  send_json(ctx.res, {{"items", std::move(items)}, {"next_cursor", next}});
  return {};
}

}  // namespace

void add_import_routes(Router& router) {
  router.post("/api/imports", Access::kSession, upload);
  router.get("/api/imports/example.xlsx", Access::kSession, example);
}

void add_integration_routes(Router& router) {
  router.post("/api/v1/tasks", Access::kToken, push);
  router.get("/api/v1/tasks", Access::kToken, read);
}

}  // namespace robocall::http
