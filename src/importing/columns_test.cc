#include "importing/columns.h"

#include <gtest/gtest.h>

namespace robocall::importing {
namespace {

xlsx::Cell text(std::string s) {
  xlsx::Cell cell;
  cell.type = xlsx::CellType::kText;
  cell.text = std::move(s);
  return cell;
}

xlsx::Cell number(double n) {
  xlsx::Cell cell;
  cell.type = xlsx::CellType::kNumber;
  cell.number = n;
  return cell;
}

TEST(Columns, known_titles_match_whatever_the_case_spaces_and_yo) {
  const std::pair<const char*, Field> cases[] = {
      {"Телефон", Field::kPhone},
      {"  ТЕЛЕФОН ", Field::kPhone},
      {"Phone", Field::kPhone},
      {"ФИО", Field::kFullName},
      {"Ф.И.О.", Field::kFullName},
      {"Full name", Field::kFullName},
      {"Дата приёма", Field::kAppointment},
      {"Дата приема", Field::kAppointment},
      {"Дата и время   приёма:", Field::kAppointment},
      {"ДАТА И ВРЕМЯ ПРИЁМА", Field::kAppointment},
      {"Appointment", Field::kAppointment},
      {"Время приёма", Field::kAppointmentTime},
      {"Дата рождения*", Field::kBirthDate},
      {"Date of birth", Field::kBirthDate},
      {"External ID", Field::kExternalId},
      {"Статус", Field::kIgnored},
  };
  for (const auto& [title, field] : cases) {
    const auto found = field_for_title(title);
    ASSERT_TRUE(found.has_value()) << title;
    EXPECT_EQ(*found, field) << title;
  }
  EXPECT_FALSE(field_for_title("Врач").has_value());
  EXPECT_FALSE(field_for_title("").has_value());
}

TEST(Columns, a_header_maps_fields_in_any_order_and_keeps_other_titles_for_extras) {
  const std::vector<xlsx::Cell> header = {
      text("ФИО"),          text("Врач"), text("Телефон"),       text("Дата приёма"),
      text("Время приёма"), {},           text("Дата рождения"), text("Кабинет")};
  ASSERT_TRUE(is_header_row(header));
  auto map = map_header(header);
  ASSERT_TRUE(map.ok()) << map.error().message;
  EXPECT_TRUE(map->has_header);
  EXPECT_EQ(map->field(0), Field::kFullName);
  EXPECT_EQ(map->field(1), Field::kExtra);
  EXPECT_EQ(map->title(1), "Врач");
  EXPECT_EQ(map->field(2), Field::kPhone);
  EXPECT_EQ(map->field(4), Field::kAppointmentTime);
  EXPECT_EQ(map->title(5), "F");
  EXPECT_EQ(map->field(6), Field::kBirthDate);
  EXPECT_EQ(map->title(7), "Кабинет");
  EXPECT_EQ(map->field(20), Field::kExtra);
  EXPECT_EQ(map->title(20), "U");
}

TEST(Columns, a_header_without_a_required_column_is_refused_naming_it) {
  auto map = map_header({text("Телефон"), text("ФИО"), text("Врач")});
  ASSERT_FALSE(map.ok());
  EXPECT_NE(map.error().message.find("Дата приёма, Дата рождения"), std::string::npos)
      << map.error().message;
}

TEST(Columns, a_header_naming_a_field_twice_is_refused) {
  auto map = map_header(
      {text("Телефон"), text("ФИО"), text("Дата приёма"), text("Дата рождения"), text("телефон")});
  ASSERT_FALSE(map.ok());
  EXPECT_NE(map.error().message.find("дважды"), std::string::npos);
}

TEST(Columns, a_row_of_data_is_no_header_and_maps_by_position) {
  EXPECT_FALSE(is_header_row({number(9161234567), text("Иванов Иван"), text("19.01.2022 10:02")}));
  const ColumnMap map = positional_map();
  EXPECT_FALSE(map.has_header);
  EXPECT_EQ(map.field(0), Field::kPhone);
  EXPECT_EQ(map.field(1), Field::kFullName);
  EXPECT_EQ(map.field(2), Field::kAppointment);
  EXPECT_EQ(map.field(3), Field::kBirthDate);
  EXPECT_EQ(map.field(4), Field::kExtra);
  EXPECT_EQ(map.title(4), "E");
}

TEST(Columns, column_letters_follow_excel) {
  EXPECT_EQ(column_letters(0), "A");
  EXPECT_EQ(column_letters(25), "Z");
  EXPECT_EQ(column_letters(26), "AA");
  EXPECT_EQ(column_letters(16383), "XFD");
}

}  // namespace
}  // namespace robocall::importing
