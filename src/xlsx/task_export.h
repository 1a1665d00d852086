// The task-list export: one XLSX sheet with a row per task (SPEC 8), written
// to a temporary file beside the target and renamed into place, so a failed
// export never leaves a half file. Used by `robocall export` and the web
// download. Any one thread; blocking file I/O.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>

#include "common/result.h"
#include "domain/outcome.h"
#include "domain/task.h"

namespace robocall::xlsx {

struct ExportRow {
  std::int64_t id = 0;
  std::string full_name;
  std::string phone;
  std::chrono::local_seconds appointment{};  // wall-clock time in the clinic's zone
  domain::ListStatus status = domain::ListStatus::kUnknown;
  int attempts = 0;
  std::optional<std::chrono::local_seconds> last_call;
  std::optional<domain::CallOutcome> last_outcome;
  std::string keys;  // DTMF keys pressed in the last call, e.g. "1"
};

// Called until it returns false; each true fills the next row.
using ExportSource = std::function<Result<bool>(ExportRow&)>;

// Writes every row of `source` to `target` (atomically replaced). Returns
// the number of task rows written.
Result<std::int64_t> write_task_export(const std::filesystem::path& target,
                                       const ExportSource& source);

// "Задания за 20220119-20220131.xlsx"
std::string default_export_name(std::chrono::year_month_day from, std::chrono::year_month_day to);

// Russian labels of the export columns.
std::string_view status_label(domain::ListStatus status);  // Подтверждение / Отмена / Неизвестно
std::string_view outcome_label(domain::CallOutcome outcome);

}  // namespace robocall::xlsx
