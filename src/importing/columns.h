// Column mapping of a task list (docs/BEHAVIOUR.md "Import"): which column
// holds which field, from a header row of known names or, without one, by
// position (phone, full name, appointment date-time, birth date). Pure
// functions, any thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "xlsx/cell.h"

namespace robocall::importing {

enum class Field {
  kPhone,
  kFullName,
  kAppointment,      // date and time, or the date when a time column exists
  kAppointmentTime,  // the time of the appointment in its own column
  kBirthDate,
  kExternalId,  // the hospital system's id
  kIgnored,     // robocall's own export columns (Id, Статус, call results)
  kExtra,       // kept as a named extra field
};

// The field a header title names, or nullopt. Case, spaces, "ё" and a
// trailing ":" or "*" do not matter ("дата и время приёма", "Phone").
std::optional<Field> field_for_title(std::string_view title);

// Lower case (Russian and Latin), ё -> е, spaces collapsed, trimmed.
std::string fold_title(std::string_view title);

struct ColumnMap {
  bool has_header = false;
  std::vector<Field> fields;        // per column; columns past the end are extra
  std::vector<std::string> titles;  // per column: the header title, or the column letter

  Field field(std::size_t column) const {
    return column < fields.size() ? fields[column] : Field::kExtra;
  }
  std::string title(std::size_t column) const;
};

// Whether the first row of a sheet is a header: one of its text cells is a
// known title.
bool is_header_row(const std::vector<xlsx::Cell>& cells);

// The map of a header row. A Russian error when a required column (phone,
// full name, appointment, birth date) is missing or named twice.
Result<ColumnMap> map_header(const std::vector<xlsx::Cell>& cells);

// The map of a sheet without a header.
ColumnMap positional_map();

// "A", "B", ... "AA" for a 0-based column.
std::string column_letters(std::size_t column);

}  // namespace robocall::importing
