#include "importing/row_validation.h"

#include <gtest/gtest.h>

namespace robocall::importing {
namespace {

using namespace std::chrono;
using xlsx::Cell;
using xlsx::CellType;

// A fixed zone, UTC+3 (Moscow), so that the tests do not depend on the machine's TZ.
domain::Instant moscow_instant(local_seconds t) {
  return domain::Instant{t.time_since_epoch()} - hours{3};
}
local_seconds moscow_local(domain::Instant t) {
  return local_seconds{t.time_since_epoch()} + hours{3};
}

local_seconds at(int y, unsigned m, unsigned d, int hh = 0, int mm = 0) {
  return local_days{year{y} / m / d} + hours{hh} + minutes{mm};
}

Cell text(std::string s) {
  return Cell{CellType::kText, std::move(s), 0, {}};
}
Cell number(double n) {
  return Cell{CellType::kNumber, {}, n, {}};
}
Cell date(local_seconds t) {
  return Cell{CellType::kDate, {}, 0, t};
}
Cell boolean(bool b) {
  return Cell{CellType::kBool, {}, b ? 1.0 : 0.0, {}};
}

ValidationContext context(bool date1904 = false) {
  ValidationContext c;
  c.now = moscow_instant(at(2022, 1, 18, 12, 0));
  c.date1904 = date1904;
  c.instant_of = &moscow_instant;
  c.local_of = &moscow_local;
  return c;
}

RowInput row(Cell phone, Cell appointment, Cell birth = text("01.02.1980"),
             Cell name = text("Иванов Иван")) {
  RowInput in;
  in.row = 2;
  in.phone = std::move(phone);
  in.full_name = std::move(name);
  in.appointment = std::move(appointment);
  in.birth_date = std::move(birth);
  return in;
}

RowInput with_time(RowInput in, Cell time) {
  in.has_time_column = true;
  in.appointment_time = std::move(time);
  return in;
}

const domain::Instant kAppointment = moscow_instant(at(2022, 1, 19, 10, 2));

TEST(RowValidation, every_form_of_a_valid_row_gives_the_same_task) {
  struct Case {
    const char* what;
    RowInput input;
    bool date1904;
    bool normalised;
  };
  const Case cases[] = {
      {"number phone, date cells",
       row(number(9161234567), date(at(2022, 1, 19, 10, 2)), date(at(1980, 2, 1))), false, false},
      {"text phone with +7 and separators",
       row(text("+7 (916) 123-45-67"), text("19.01.2022 10:02")), false, true},
      {"11-digit number phone with 8", row(number(89161234567), text("2022-01-19T10:02")), false,
       true},
      {"bare serials", row(text("9161234567"), number(44580.418055555555), number(29252)), false,
       false},
      {"1904 serials", row(number(9161234567), number(43118.418055555555), number(27790)), true,
       false},
      {"ISO with the zone offset", row(number(9161234567), text("2022-01-19T10:02:00+03:00")),
       false, false},
      {"date cell and a text time",
       with_time(row(number(9161234567), date(at(2022, 1, 19))), text("10:02")), false, false},
      {"text date and a serial time",
       with_time(row(number(9161234567), text("19.01.2022")), number(0.418055555555)), false,
       false},
      {"text date and a time cell",
       with_time(row(number(9161234567), text("19.01.2022")), date(at(1899, 12, 31, 10, 2))), false,
       false},
      {"time column left empty, time in the date",
       with_time(row(number(9161234567), text("19.01.2022 10:02")), Cell{}), false, false},
  };
  for (const auto& c : cases) {
    const auto result = validate_row(c.input, context(c.date1904));
    ASSERT_TRUE(std::holds_alternative<ValidRow>(result))
        << c.what << ": " << std::get<SkippedRow>(result).message;
    const auto& valid = std::get<ValidRow>(result);
    EXPECT_EQ(valid.task.phone, "9161234567") << c.what;
    EXPECT_EQ(valid.task.full_name, "Иванов Иван") << c.what;
    EXPECT_EQ(valid.task.appointment, kAppointment) << c.what;
    EXPECT_EQ(valid.task.birth_date, year{1980} / 2 / 1) << c.what;
    EXPECT_EQ(valid.note.has_value(), c.normalised) << c.what;
  }
}

TEST(RowValidation, a_two_digit_birth_year_is_in_the_past_and_an_appointments_in_this_century) {
  const auto result =
      validate_row(row(number(9161234567), text("19.01.22 10:02"), text("01.02.80")), context());
  ASSERT_TRUE(std::holds_alternative<ValidRow>(result)) << std::get<SkippedRow>(result).message;
  EXPECT_EQ(std::get<ValidRow>(result).task.birth_date, year{1980} / 2 / 1);
  EXPECT_EQ(std::get<ValidRow>(result).task.appointment, kAppointment);
}

TEST(RowValidation, the_note_of_a_normalised_phone_shows_both_forms) {
  const auto result =
      validate_row(row(text("8 916 123 45 67"), text("19.01.2022 10:02")), context());
  const auto& valid = std::get<ValidRow>(result);
  ASSERT_TRUE(valid.note.has_value());
  EXPECT_EQ(valid.note->row, 2);
  EXPECT_EQ(valid.note->message, "Телефон «8 916 123 45 67» приведён к виду 9161234567.");
}

TEST(RowValidation, bad_rows_are_skipped_with_a_reason_code_and_a_russian_message) {
  const Cell phone = number(9161234567);
  const Cell when = text("19.01.2022 10:02");
  struct Case {
    RowInput input;
    SkipReason reason;
    const char* message_part;
  };
  const Case cases[] = {
      {row(Cell{}, when), SkipReason::kMissingField, "Телефон"},
      {row(phone, when, text("01.02.1980"), text("   ")), SkipReason::kMissingField, "ФИО"},
      {row(phone, Cell{}), SkipReason::kMissingField, "Дата приёма"},
      {row(phone, when, Cell{}), SkipReason::kMissingField, "Дата рождения"},
      {with_time(row(phone, date(at(2022, 1, 19))), Cell{}), SkipReason::kMissingField,
       "Время приёма"},
      {row(text("12345"), when), SkipReason::kBadPhone, "12345"},
      {row(text("916-ABC-4567"), when), SkipReason::kBadPhone, "916-ABC-4567"},
      {row(number(123), when), SkipReason::kBadPhone, "123"},
      {row(boolean(true), when), SkipReason::kBadPhone, "ИСТИНА"},
      {row(text("+1 916 123 45 67"), when), SkipReason::kBadPhone, "+1 916"},
      {row(phone, text("32.01.2022 10:00")), SkipReason::kBadDate, "32.01.2022"},
      {row(phone, text("завтра")), SkipReason::kBadDate, "завтра"},
      {row(phone, text("19.01.2022")), SkipReason::kBadDate, "не указано время"},
      {row(phone, number(60)), SkipReason::kBadDate, "дату приёма"},
      {row(phone, boolean(true)), SkipReason::kBadDate, "дату приёма"},
      {with_time(row(phone, text("19.01.2022")), text("25:00")), SkipReason::kBadDate, "25:00"},
      {row(phone, when, text("01.01.2030")), SkipReason::kBadDate, "01.01.2030"},
      {row(phone, when, text("31.12.1899")), SkipReason::kBadDate, "31.12.1899"},
      {row(phone, when, text("неизвестно")), SkipReason::kBadDate, "дату рождения"},
      {row(phone, text("18.01.2022 12:00")), SkipReason::kPastAppointment, "18.01.2022 12:00"},
      {row(phone, date(at(2021, 12, 1, 9, 30))), SkipReason::kPastAppointment, "01.12.2021 09:30"},
  };
  for (const auto& c : cases) {
    const auto result = validate_row(c.input, context());
    ASSERT_TRUE(std::holds_alternative<SkippedRow>(result)) << c.message_part;
    const auto& skipped = std::get<SkippedRow>(result);
    EXPECT_EQ(skipped.row, 2);
    EXPECT_EQ(skipped.reason, c.reason) << skipped.message;
    EXPECT_NE(skipped.message.find(c.message_part), std::string::npos) << skipped.message;
  }
}

TEST(RowValidation, reason_codes_have_their_report_names) {
  EXPECT_EQ(to_string(SkipReason::kBadPhone), "bad_phone");
  EXPECT_EQ(to_string(SkipReason::kMissingField), "missing_field");
  EXPECT_EQ(to_string(SkipReason::kDuplicate), "duplicate");
  EXPECT_EQ(to_string(SkipReason::kBadDate), "bad_date");
  EXPECT_EQ(to_string(SkipReason::kPastAppointment), "past_appointment");
  EXPECT_EQ(to_string(SkipReason::kAlreadyLoaded), "already_loaded");
}

TEST(RowValidation, sheet_cells_land_in_their_fields_and_the_rest_become_named_extras) {
  ColumnMap map;
  map.fields = {Field::kFullName, Field::kPhone, Field::kAppointment, Field::kBirthDate,
                Field::kIgnored,  Field::kExtra, Field::kExternalId};
  map.titles = {"ФИО", "Телефон", "Дата приёма", "Дата рождения", "Статус", "Врач", "ID"};
  xlsx::Row sheet_row;
  sheet_row.number = 7;
  sheet_row.cells = {text("Иванов Иван"), number(9161234567),    text("19.01.2022 10:02"),
                     text("01.02.1980"),  text("Подтверждение"), text("Петрова А. А."),
                     number(1234),        text("каб. 5"),        Cell{},
                     number(2.5)};
  const RowInput in = row_from_cells(std::move(sheet_row), map);
  EXPECT_EQ(in.row, 7);
  EXPECT_EQ(in.external_id, "1234");
  const domain::ExtraFields expected = {{"Врач", "Петрова А. А."}, {"H", "каб. 5"}, {"J", "2.5"}};
  EXPECT_EQ(in.extra, expected);
  const auto result = validate_row(in, context());
  ASSERT_TRUE(std::holds_alternative<ValidRow>(result));
  EXPECT_EQ(std::get<ValidRow>(result).task.extra, expected);
  EXPECT_EQ(std::get<ValidRow>(result).task.external_id, "1234");
}

}  // namespace
}  // namespace robocall::importing
