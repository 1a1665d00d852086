#include "importing/task_export.h"

#include "domain/call_progress.h"
#include "store/attempts_repo.h"
#include "store/calling_settings.h"
#include "xlsx/task_export.h"

namespace robocall::importing {

using namespace std::chrono;

store::TaskFilter day_range_filter(year_month_day from, year_month_day to,
                                   domain::Instant (*instant_of)(local_seconds)) {
  store::TaskFilter filter;
  filter.from = instant_of(local_seconds{local_days{from}});
  filter.to = instant_of(local_seconds{local_days{to} + days{1}});
  return filter;
}

Result<std::int64_t> export_tasks(store::Connection& db, const store::TaskQuery& query,
                                  const std::filesystem::path& target, domain::Instant now,
                                  local_seconds (*local_of)(domain::Instant)) {
  auto calling = store::load_calling_settings(db);
  if (!calling) return calling.error();
  auto writer = xlsx::TaskExportWriter::create(target);
  if (!writer) return writer.error();
  store::TasksRepo tasks(db);
  store::AttemptsRepo attempts(db);
  xlsx::ExportRow row;
  auto status = tasks.for_each(query, [&](const domain::Task& task) -> Status {
    row = xlsx::ExportRow{};
    row.id = task.id;
    row.full_name = task.full_name;
    row.phone = task.phone;
    row.appointment = local_of(task.appointment);
    row.status = domain::list_status(task.state);
    row.birth_date = task.birth_date;
    row.calls =
        domain::call_progress(task, calling->robocall.attempts, calling->robocall.enabled, now)
            .text;
    auto made = attempts.of_task(task.id);
    if (!made) return made.error();
    row.attempts = static_cast<int>(made->size());
    if (!made->empty()) {
      const store::Attempt& last = made->back();
      row.last_call = local_of(last.started);
      row.last_outcome = last.outcome;
      row.keys = last.digits;
    }
    return writer->add(row);
  });
  if (!status) return status.error();
  return writer->commit();
}

}  // namespace robocall::importing
