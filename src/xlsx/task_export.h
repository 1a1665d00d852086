// The task-list export: one XLSX sheet with a row per task — Id, Имя пациента,
// Телефон, Дата приёма, Статус, the last call, Звонки (docs/GLOSSARY.md), then
// Дата рождения so that an
// export reads back as a task list — written to a temporary file beside the
// target and renamed into place, so a failed export never leaves a half file.
// Used by `robocall export` and the web download. Any one thread; blocking file
// I/O.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "common/result.h"
#include "domain/outcome.h"
#include "domain/task.h"
#include "xlsx/writer.h"

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
  std::string keys;                          // DTMF keys pressed in the last call, e.g. "1"
  std::string calls;                         // «Звонки»: domain::call_progress's text
  std::chrono::year_month_day birth_date{};  // last, so that an export imports back
};

// Writes the export to a temporary file beside `target` and renames it into
// place on commit(); destroyed uncommitted, it removes the temporary file.
class TaskExportWriter {
 public:
  static Result<TaskExportWriter> create(const std::filesystem::path& target);
  TaskExportWriter(TaskExportWriter&&) noexcept;
  TaskExportWriter& operator=(TaskExportWriter&&) = delete;
  ~TaskExportWriter();

  Status add(const ExportRow& row);
  // Finishes the workbook and moves it to the target; returns the rows written.
  Result<std::int64_t> commit();

 private:
  TaskExportWriter(std::filesystem::path target, std::filesystem::path temp, XlsxWriter writer);

  std::filesystem::path target_;
  std::filesystem::path temp_;
  std::optional<XlsxWriter> writer_;
  std::int64_t rows_ = 0;
  bool done_ = false;
};

// "Задания за 20220119-20220131.xlsx"
std::string default_export_name(std::chrono::year_month_day from, std::chrono::year_month_day to);

}  // namespace robocall::xlsx
