#include "importing/row_validation.h"

#include <cmath>
#include <cstdio>

#include "domain/phone.h"
#include "importing/date_text.h"
#include "xlsx/excel_date.h"

namespace robocall::importing {

namespace {

using namespace std::chrono;
using xlsx::Cell;
using xlsx::CellType;

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

std::string trim(std::string_view s) {
  return std::string(trimmed(s));
}

std::string number_text(double value) {
  char buffer[64];
  if (std::isfinite(value) && std::fabs(value) < 1e15 && value == std::floor(value)) {
    std::snprintf(buffer, sizeof buffer, "%.0f", value);
  } else {
    std::snprintf(buffer, sizeof buffer, "%.15g", value);
  }
  return buffer;
}

// The text a cell shows, for names, extra fields and messages.
std::string display(const Cell& cell) {
  switch (cell.type) {
    case CellType::kEmpty:
      return {};
    case CellType::kText:
    case CellType::kError:
      return trim(cell.text);
    case CellType::kNumber:
      return number_text(cell.number);
    case CellType::kBool:
      return cell.number != 0 ? "ИСТИНА" : "ЛОЖЬ";
    case CellType::kDate: {
      const auto day = floor<days>(cell.date);
      if (cell.date == day) {
        const year_month_day ymd{day};
        char buffer[32];
        std::snprintf(buffer, sizeof buffer, "%02u.%02u.%04d", static_cast<unsigned>(ymd.day()),
                      static_cast<unsigned>(ymd.month()), static_cast<int>(ymd.year()));
        return buffer;
      }
      return format_local(cell.date);
    }
  }
  return {};
}

bool blank(const Cell& cell) {
  return cell.type == CellType::kEmpty ||
         ((cell.type == CellType::kText) && trimmed(cell.text).empty());
}

SkippedRow skip(int row, SkipReason reason, std::string message) {
  return SkippedRow{row, reason, std::move(message)};
}

// A date (and maybe a time) from a cell: Excel dates, bare serials and text.
struct CellTime {
  local_seconds time{};
  bool has_time = false;  // text without a time says so; cells always "have" one
  std::optional<minutes> utc_offset;
};

// `past_until`: the cell holds a date in the past (a birth date), so a
// two-digit year is read as the latest one not after this year.
std::optional<CellTime> cell_date_time(const Cell& cell, bool date1904,
                                       std::optional<year> past_until = std::nullopt) {
  switch (cell.type) {
    case CellType::kDate:
      return CellTime{cell.date, true, std::nullopt};
    case CellType::kNumber:
      if (auto time = xlsx::serial_to_local(cell.number, date1904)) {
        return CellTime{*time, true, std::nullopt};
      }
      return std::nullopt;
    case CellType::kText: {
      auto parsed = parse_date_time_text(cell.text, past_until);
      if (!parsed || !parsed->has_date) return std::nullopt;
      return CellTime{parsed->time, parsed->has_time, parsed->utc_offset};
    }
    default:
      return std::nullopt;
  }
}

// The time of day in a time-only cell ("10:02", 0.418, a time-formatted cell).
std::optional<seconds> cell_time_of_day(const Cell& cell) {
  switch (cell.type) {
    case CellType::kDate:
      return cell.date - floor<days>(cell.date);
    case CellType::kNumber: {
      if (!(cell.number >= 0 && cell.number < 1)) return std::nullopt;
      const auto time = xlsx::serial_to_local(cell.number, false);
      if (!time) return std::nullopt;
      const auto of_day = *time - floor<days>(*time);
      return of_day;
    }
    case CellType::kText: {
      auto parsed = parse_date_time_text(cell.text);
      if (!parsed || !parsed->has_time) return std::nullopt;
      return parsed->time - floor<days>(parsed->time);
    }
    default:
      return std::nullopt;
  }
}

}  // namespace

std::string_view to_string(SkipReason reason) {
  switch (reason) {
    case SkipReason::kBadPhone:
      return "bad_phone";
    case SkipReason::kMissingField:
      return "missing_field";
    case SkipReason::kDuplicate:
      return "duplicate";
    case SkipReason::kBadDate:
      return "bad_date";
    case SkipReason::kPastAppointment:
      return "past_appointment";
    case SkipReason::kAlreadyLoaded:
      return "already_loaded";
  }
  return "unknown";
}

std::string format_local(local_seconds time) {
  const auto day = floor<days>(time);
  const year_month_day ymd{day};
  const hh_mm_ss<seconds> t{time - day};
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%02u.%02u.%04d %02d:%02d", static_cast<unsigned>(ymd.day()),
                static_cast<unsigned>(ymd.month()), static_cast<int>(ymd.year()),
                static_cast<int>(t.hours().count()), static_cast<int>(t.minutes().count()));
  return buffer;
}

RowInput row_from_cells(xlsx::Row&& row, const ColumnMap& map) {
  RowInput input;
  input.row = row.number;
  for (const Field field : map.fields) {
    if (field == Field::kAppointmentTime) input.has_time_column = true;
  }
  for (std::size_t i = 0; i < row.cells.size(); ++i) {
    Cell& cell = row.cells[i];
    switch (map.field(i)) {
      case Field::kPhone:
        input.phone = std::move(cell);
        break;
      case Field::kFullName:
        input.full_name = std::move(cell);
        break;
      case Field::kAppointment:
        input.appointment = std::move(cell);
        break;
      case Field::kAppointmentTime:
        input.appointment_time = std::move(cell);
        break;
      case Field::kBirthDate:
        input.birth_date = std::move(cell);
        break;
      case Field::kExternalId:
        input.external_id = display(cell);
        break;
      case Field::kIgnored:
        break;
      case Field::kExtra:
        if (!blank(cell)) input.extra.emplace_back(map.title(i), display(cell));
        break;
    }
  }
  return input;
}

std::variant<ValidRow, SkippedRow> validate_row(RowInput in, const ValidationContext& context) {
  std::string missing;
  const auto require = [&](const Cell& cell, std::string_view name) {
    if (!blank(cell)) return;
    if (!missing.empty()) missing += ", ";
    missing += name;
  };
  require(in.phone, "Телефон");
  require(in.full_name, "ФИО");
  require(in.appointment, "Дата приёма");
  require(in.birth_date, "Дата рождения");
  if (!missing.empty()) {
    return skip(in.row, SkipReason::kMissingField, "Не заполнено: " + missing + ".");
  }

  ValidRow valid;
  domain::Task& task = valid.task;

  const domain::PhoneResult phone =
      in.phone.type == CellType::kNumber ? domain::normalize_phone(in.phone.number)
      : in.phone.type == CellType::kText
          ? domain::normalize_phone(in.phone.text)
          : domain::PhoneResult(domain::PhoneError::kInvalidCharacters);
  if (!phone) {
    return skip(in.row, SkipReason::kBadPhone,
                "Телефон «" + display(in.phone) +
                    "»: " + std::string(domain::phone_error_message(phone.error())));
  }
  task.phone = phone.value().digits;
  if (phone.value().normalized) {
    valid.note =
        RowNote{in.row, "Телефон «" + display(in.phone) + "» приведён к виду " + task.phone + "."};
  }
  if (in.full_name.type == CellType::kText && !in.full_name.text.empty() &&
      !is_space(in.full_name.text.front()) && !is_space(in.full_name.text.back())) {
    task.full_name = std::move(in.full_name.text);  // trimmed already: no copy
  } else {
    task.full_name = display(in.full_name);
  }

  auto appointment = cell_date_time(in.appointment, context.date1904);
  if (!appointment) {
    return skip(in.row, SkipReason::kBadDate,
                "Не удалось прочитать дату приёма «" + display(in.appointment) + "».");
  }
  if (in.has_time_column && !blank(in.appointment_time)) {
    const auto time = cell_time_of_day(in.appointment_time);
    if (!time) {
      return skip(in.row, SkipReason::kBadDate,
                  "Не удалось прочитать время приёма «" + display(in.appointment_time) + "».");
    }
    appointment->time = floor<days>(appointment->time) + *time;
    appointment->has_time = true;
  } else if (in.has_time_column && appointment->time == floor<days>(appointment->time)) {
    return skip(in.row, SkipReason::kMissingField, "Не заполнено: Время приёма.");
  }
  if (!appointment->has_time) {
    return skip(in.row, SkipReason::kBadDate,
                "В дате приёма «" + display(in.appointment) + "» не указано время.");
  }
  task.appointment =
      appointment->utc_offset
          ? domain::Instant{appointment->time.time_since_epoch()} - *appointment->utc_offset
          : context.instant_of(appointment->time);

  const auto today = context.today ? *context.today : floor<days>(context.local_of(context.now));
  const auto birth = cell_date_time(in.birth_date, context.date1904,
                                    year_month_day{sys_days{today.time_since_epoch()}}.year());
  if (!birth) {
    return skip(in.row, SkipReason::kBadDate,
                "Не удалось прочитать дату рождения «" + display(in.birth_date) + "».");
  }
  task.birth_date = year_month_day{floor<days>(birth->time)};
  if (task.birth_date.year() < year{1900} || local_days{task.birth_date} > today) {
    return skip(in.row, SkipReason::kBadDate,
                "Дата рождения «" + display(in.birth_date) + "» невозможна.");
  }

  if (task.appointment <= context.now) {
    return skip(in.row, SkipReason::kPastAppointment,
                "Время приёма " + format_local(appointment->time) + " уже прошло.");
  }
  task.external_id = std::move(in.external_id);
  task.extra = std::move(in.extra);
  return valid;
}

}  // namespace robocall::importing
