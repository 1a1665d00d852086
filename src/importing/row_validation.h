// Validation of one task row (docs/BEHAVIOUR.md "Import"): the required fields,
// the phone rules, dates and times in every accepted form, and "not in the
// past". The checks that need the rest of the list or the store (duplicate,
// already_loaded) belong to the importer. Pure functions, any thread.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "domain/local_time.h"
#include "domain/task.h"
#include "importing/columns.h"
#include "importing/local_time.h"
#include "xlsx/cell.h"
#include "xlsx/sheet_reader.h"

namespace robocall::importing {

enum class SkipReason {
  kBadPhone,
  kMissingField,
  kDuplicate,
  kBadDate,
  kPastAppointment,
  kAlreadyLoaded,
};

// "bad_phone", "missing_field", "duplicate", "bad_date", "past_appointment",
// "already_loaded".
std::string_view to_string(SkipReason reason);

struct SkippedRow {
  int row = 0;
  SkipReason reason = SkipReason::kMissingField;
  std::string message;  // Russian
};

struct RowNote {
  int row = 0;
  std::string message;  // Russian, e.g. the phone was normalised
};

// One task as it came in, before validation: cells of a sheet row, or the
// named fields of a JSON task turned into text cells.
struct RowInput {
  int row = 0;  // the Excel row number, or the 1-based position of a JSON task
  xlsx::Cell phone;
  xlsx::Cell full_name;
  xlsx::Cell appointment;
  xlsx::Cell appointment_time;
  bool has_time_column = false;
  xlsx::Cell birth_date;
  std::string external_id;
  domain::ExtraFields extra;
};

// The row of a sheet laid out by `map`; the row's cells are moved out.
RowInput row_from_cells(xlsx::Row&& row, const ColumnMap& map);

struct ValidationContext {
  domain::Instant now{};
  bool date1904 = false;
  // The server time zone; tests pass a fixed one.
  domain::Instant (*instant_of)(std::chrono::local_seconds) = &importing::cached_to_instant;
  std::chrono::local_seconds (*local_of)(domain::Instant) = &domain::to_local;
  // The local day of `now` (no birth date may be after it); derived from
  // now and local_of when unset. A checker sets it once for a whole list.
  std::optional<std::chrono::local_days> today;
};

struct ValidRow {
  domain::Task task;  // phone, full_name, appointment, birth_date, external_id, extra set
  std::optional<RowNote> note;
};

// Takes the input by value: a caller done with it moves it in, and the
// task takes over its strings.
std::variant<ValidRow, SkippedRow> validate_row(RowInput input, const ValidationContext& context);

// "19.01.2022 10:02" for messages.
std::string format_local(std::chrono::local_seconds time);

}  // namespace robocall::importing
