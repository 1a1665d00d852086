// The importer: turns a task list (the first sheet of an XLSX workbook, or
// tasks given by named fields through the JSON API) into tasks in the store.
// Every row is validated; duplicates within the list (same phone: the first
// row wins; same external id) and tasks already stored (same phone and
// appointment, or same external id) are skipped; all valid rows and the
// report land in one transaction, and a file that cannot be read changes
// nothing. Borrows the caller's Connection: use it on that thread only.
#pragma once

#include <filesystem>
#include <span>
#include <string>
#include <string_view>

#include "common/result.h"
#include "domain/local_time.h"
#include "domain/task.h"
#include "importing/import_report.h"
#include "importing/local_time.h"
#include "store/connection.h"
#include "xlsx/limits.h"

namespace robocall::importing {

// A task given by named fields (the JSON API). Dates are text in any form
// parse_date_time_text() accepts, phones as text (a JSON number is passed as
// its decimal digits).
struct TaskFields {
  std::string phone;
  std::string full_name;
  std::string appointment;       // date and time, or the date when appointment_time is set
  std::string appointment_time;  // optional
  std::string birth_date;
  std::string external_id;  // optional
  domain::ExtraFields extra;
};

struct ImportOptions {
  domain::Instant now{};  // appointments at or before it are in the past
  std::string file_name;  // recorded with the import
  std::string user;       // who imported (login or API token name)
  // The campaign the tasks join (docs/BEHAVIOUR.md "Campaigns"). A workbook
  // makes a new one, named this or "<file name> дд.мм.гггг"; API tasks join
  // the API campaign of this name, or the day's («API дд.мм.гггг»).
  std::string campaign_name;
  xlsx::Limits limits;
  // The server time zone; tests pass a fixed one.
  domain::Instant (*instant_of)(std::chrono::local_seconds) = &importing::cached_to_instant;
  std::chrono::local_seconds (*local_of)(domain::Instant) = &domain::to_local;
};

// Reads the workbook at `path`. An error (Russian message) when the file is
// not a readable task list; then nothing was stored.
Result<ImportReport> import_xlsx_file(store::Connection& db, const std::filesystem::path& path,
                                      const ImportOptions& options);

// The same for a workbook held in memory (an HTTP upload).
Result<ImportReport> import_xlsx_bytes(store::Connection& db, std::string_view bytes,
                                       const ImportOptions& options);

// Tasks of the JSON API; task i is reported as row i + 1.
Result<ImportReport> import_tasks(store::Connection& db, std::span<const TaskFields> tasks,
                                  const ImportOptions& options);

}  // namespace robocall::importing
