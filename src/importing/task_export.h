// Export of the task list to XLSX («Выгрузить статистику»): the tasks a store
// query selects, with their last call, written by xlsx::TaskExportWriter.
// Serves `robocall export` and the web download. Borrows the caller's
// Connection: use it on that thread only; blocking file I/O.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>

#include "common/result.h"
#include "domain/local_time.h"
#include "store/connection.h"
#include "store/tasks_repo.h"

namespace robocall::importing {

// Tasks whose appointment falls on the local days from..to, both inclusive.
store::TaskFilter day_range_filter(
    std::chrono::year_month_day from, std::chrono::year_month_day to,
    domain::Instant (*instant_of)(std::chrono::local_seconds) = &domain::to_instant);

// Writes every task `query` selects (limit and offset ignored) to `target`,
// atomically replaced, «Звонки» as at `now`. Returns the number of tasks written.
Result<std::int64_t> export_tasks(
    store::Connection& db, const store::TaskQuery& query, const std::filesystem::path& target,
    domain::Instant now,
    std::chrono::local_seconds (*local_of)(domain::Instant) = &domain::to_local);

}  // namespace robocall::importing
