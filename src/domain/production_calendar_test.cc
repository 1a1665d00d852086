// Production calendar: the built-in years match the government's decrees, and
// the xmlcalendar parser reads the real files (including the malformed 2025
// one) and rejects wrong data.
#include "domain/production_calendar.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "domain/scoped_tz.h"

namespace robocall::domain {
namespace {

using namespace std::chrono;  // NOLINT: test file

constexpr auto O = DayMode::kDayOff;
constexpr auto S = DayMode::kShortened;
constexpr auto W = DayMode::kWorking;

const ProductionYear& builtin(int y) {
  for (const auto& p : builtin_production_years())
    if (p.year == y) return p;
  throw std::logic_error("no built-in year");
}

std::optional<DayMode> mode_in(const std::vector<DateException>& days, year_month_day d) {
  for (const auto& e : days)
    if (e.date == d) return e.mode;
  return std::nullopt;
}

// The dates the notes list for a year, by kind; weekend holidays come on top.
struct Decree {
  int year;
  std::vector<std::pair<unsigned, unsigned>> weekday_days_off;
  std::vector<std::pair<unsigned, unsigned>> shortened;
};

TEST(ProductionCalendar, builtin_years_hold_every_decreed_date_of_the_notes) {
  const Decree decrees[] = {
      {2025,
       {{1, 1},
        {1, 2},
        {1, 3},
        {1, 6},
        {1, 7},
        {1, 8},
        {5, 1},
        {5, 2},
        {5, 8},
        {5, 9},
        {6, 12},
        {6, 13},
        {11, 3},
        {11, 4},
        {12, 31}},
       {{3, 7}, {4, 30}, {6, 11}, {11, 1}}},
      {2026,
       {{1, 1},
        {1, 2},
        {1, 5},
        {1, 6},
        {1, 7},
        {1, 8},
        {1, 9},
        {2, 23},
        {3, 9},
        {5, 1},
        {5, 11},
        {6, 12},
        {11, 4},
        {12, 31}},
       {{4, 30}, {5, 8}, {6, 11}, {11, 3}}},
      {2027,
       {{1, 1},
        {1, 4},
        {1, 5},
        {1, 6},
        {1, 7},
        {1, 8},
        {2, 22},
        {2, 23},
        {3, 8},
        {5, 3},
        {5, 10},
        {6, 14},
        {11, 4},
        {11, 5},
        {12, 31}},
       {{2, 20}, {4, 30}, {6, 11}, {11, 3}}},
  };
  for (const auto& d : decrees) {
    const auto& y = builtin(d.year);
    for (auto [m, dd] : d.weekday_days_off) {
      const year_month_day date = year{d.year} / month{m} / day{dd};
      EXPECT_EQ(mode_in(y.days, date), O) << d.year << "-" << m << "-" << dd;
      const unsigned wd = weekday{sys_days{date}}.iso_encoding();
      EXPECT_LE(wd, 5u) << "listed as a weekday day off: " << d.year << "-" << m << "-" << dd;
    }
    for (auto [m, dd] : d.shortened)
      EXPECT_EQ(mode_in(y.days, year{d.year} / month{m} / day{dd}), S) << d.year << "-" << m;
    for (const auto& e : y.days) {
      EXPECT_EQ(e.date.year(), year{d.year});
      EXPECT_TRUE(e.date.ok());
    }
    EXPECT_TRUE(std::is_sorted(y.days.begin(), y.days.end(), [](const auto& a, const auto& b) {
      return sys_days{a.date} < sys_days{b.date};
    }));
  }
  EXPECT_FALSE(builtin(2025).provisional);
  EXPECT_FALSE(builtin(2026).provisional);
  EXPECT_TRUE(builtin(2027).provisional);
}

TEST(ProductionCalendar, defaults_are_the_decreed_years_only_and_make_valid_settings) {
  const auto defaults = default_production_exceptions();
  EXPECT_EQ(defaults.size(), builtin(2025).days.size() + builtin(2026).days.size());
  for (const auto& e : defaults) EXPECT_NE(e.date.year(), 2027y);
  auto settings = default_calendar_settings();
  settings.exceptions = defaults;
  EXPECT_TRUE(validate(settings).ok());
}

TEST(ProductionCalendar, the_default_settings_have_no_exceptions_of_their_own) {
  // An empty exceptions table means no exceptions: the production calendar
  // counts only as stored rows (docs/BEHAVIOUR.md "Calling window").
  EXPECT_TRUE(default_calendar_settings().exceptions.empty());
}

TEST(ProductionCalendar, a_built_in_year_is_found_by_its_number) {
  ASSERT_NE(builtin_production_year(2027), nullptr);
  EXPECT_TRUE(builtin_production_year(2027)->provisional);
  EXPECT_EQ(builtin_production_year(2026)->days, builtin(2026).days);
  EXPECT_EQ(builtin_production_year(2024), nullptr);
}

class DefaultCalendar : public ::testing::Test {
 protected:
  ScopedTz tz_{"Europe/Moscow"};
};

TEST_F(DefaultCalendar, skips_holidays_and_shortens_eves_in_moscow) {
  auto settings = default_calendar_settings();
  settings.exceptions = default_production_exceptions();
  auto cal = WorkingCalendar::create(settings);
  ASSERT_TRUE(cal.ok());
  const auto at = [](int y, unsigned m, unsigned d, int h) {
    return Instant{sys_days{year{y} / month{m} / day{d}}} + hours{h - 3};  // Moscow = UTC+3
  };
  EXPECT_FALSE(cal->is_open(at(2026, 1, 9, 12)));                     // Friday, New Year holidays
  EXPECT_EQ(cal->next_open(at(2026, 1, 1, 12)), at(2026, 1, 10, 9));  // Saturday, shortened
  EXPECT_TRUE(cal->is_open(at(2026, 5, 8, 16)));  // Friday, shortened until 17:00
  EXPECT_FALSE(cal->is_open(at(2026, 5, 8, 17)));
  EXPECT_FALSE(cal->is_open(at(2025, 3, 8, 10)));  // Saturday, Women's Day
}

constexpr std::string_view k2026File = R"(<?xml version="1.0" encoding="UTF-8"?>
<calendar year="2026" lang="ru" date="2025.09.30" country="ru">
    <holidays>
        <holiday id="1" title="Новогодние каникулы"/>
        <holiday id="8" title="День народного единства"/>
    </holidays>
    <days>
        <day d="01.01" t="1" h="1"/>
        <day d="01.02" t="1" h="1"/>
        <day d="01.03" t="1" h="1"/>
        <day d="01.04" t="1" h="1"/>
        <day d="01.05" t="1" h="1"/>
        <day d="01.06" t="1" h="1"/>
        <day d="01.07" t="1" h="2"/>
        <day d="01.08" t="1" h="1"/>
        <day d="01.09" t="1" f="01.03"/>
        <day d="02.23" t="1" h="3"/>
        <day d="03.08" t="1" h="4"/>
        <day d="03.09" t="1" f="03.08"/>
        <day d="04.30" t="2"/>
        <day d="05.01" t="1" h="5"/>
        <day d="05.08" t="2"/>
        <day d="05.09" t="1" h="6"/>
        <day d="05.11" t="1" f="05.09"/>
        <day d="06.11" t="2"/>
        <day d="06.12" t="1" h="7"/>
        <day d="11.03" t="2"/>
        <day d="11.04" t="1" h="8"/>
        <day d="12.31" t="1" f="01.04"/>
    </days>
</calendar>)";

TEST(XmlCalendar, reads_the_published_2026_file_as_the_builtin_year) {
  const auto parsed = parse_xmlcalendar(k2026File);
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_EQ(parsed->year, 2026);
  EXPECT_FALSE(parsed->provisional);
  EXPECT_EQ(parsed->days, builtin(2026).days);
}

TEST(XmlCalendar, tolerates_the_malformed_2025_file_with_no_space_between_attributes) {
  const std::string_view file = R"(<?xml version="1.0" encoding="UTF-8"?>
<calendar year="2025" lang="ru" date="2024.12.01"country="ru">
  <holidays><holiday id="1" title="Новогодние каникулы"/></holidays>
  <days>
    <day d="01.01" t="1" h="1"/><day d="03.07"t="2"/>
    <day d="11.01" t="3"/><day d="11.03" t="1" f="11.01"/>
  </days>
</calendar>)";
  const auto parsed = parse_xmlcalendar(file);
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_EQ(parsed->year, 2025);
  const std::vector<DateException> expected = {{2025y / January / 1d, O},
                                               {2025y / March / 7d, S},
                                               {2025y / November / 1d, W},
                                               {2025y / November / 3d, O}};
  EXPECT_EQ(parsed->days, expected);
}

TEST(XmlCalendar, tolerates_quotes_comments_order_and_line_ends) {
  const std::string_view file =
      "<calendar\r\n year = '2030'>\r\n<!-- <day d=\"01.05\" t=\"1\"/> -->"
      "<days><day f='01.03' t='1' d='01.02' /><day t=\"2\" d=\"12.30\"></day></days></calendar>";
  const auto parsed = parse_xmlcalendar(file);
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_EQ(parsed->year, 2030);
  const std::vector<DateException> expected = {{2030y / January / 2d, O},
                                               {2030y / December / 30d, S}};
  EXPECT_EQ(parsed->days, expected);
}

TEST(XmlCalendar, rejects_wrong_data_with_a_russian_message) {
  struct Row {
    std::string input;
    std::string_view needle;
  };
  const std::string days = R"(<days><day d="01.01" t="1"/></days>)";
  const Row rows[] = {
      {"PK\x03\x04 not xml", "нет элемента calendar"},
      {"", "нет элемента calendar"},
      {"<calendars year=\"2026\"><day d=\"01.01\" t=\"1\"/></calendars>", "нет элемента calendar"},
      {"<calendar lang=\"ru\">" + days + "</calendar>", "не указан год"},
      {"<calendar fiscalyear=\"2026\">" + days + "</calendar>", "не указан год"},
      {"<calendar year=\"20x6\">" + days + "</calendar>", "не указан год"},
      {"<calendar year=\"1812\">" + days + "</calendar>", "год неверный"},
      {"<calendar year=\"2026\"", "нет элемента calendar"},
      {"<calendar year=\"2026\"><days></days></calendar>", "нет ни одного дня"},
      {R"(<calendar year="2026"><day d="02.29" t="1"/></calendar>)", "неверная дата «02.29»"},
      {R"(<calendar year="2026"><day d="13.01" t="1"/></calendar>)", "неверная дата «13.01»"},
      {R"(<calendar year="2026"><day d="0101" t="1"/></calendar>)", "неверная дата «0101»"},
      {R"(<calendar year="2026"><day t="1"/></calendar>)", "неверная дата «»"},
      {R"(<calendar year="2026"><day d="01.01" t="4"/></calendar>)", "неизвестный тип дня"},
      {R"(<calendar year="2026"><day d="01.01"/></calendar>)", "неизвестный тип дня"},
      {R"(<calendar year="2026"><day d="01.01" t="1"/><day d="01.01" t="2"/></calendar>)",
       "указана дважды"},
      {R"(<calendar year="2026"><day d="01.01" t="1")", "не закрыт"},
  };
  for (const auto& r : rows) {
    const auto parsed = parse_xmlcalendar(r.input);
    ASSERT_FALSE(parsed.ok()) << r.input;
    EXPECT_EQ(parsed.error().code, Errc::kInvalidArgument) << r.input;
    EXPECT_NE(parsed.error().message.find(r.needle), std::string::npos)
        << r.input << " -> " << parsed.error().message;
  }
  const std::string huge = "<calendar year=\"2026\">" + std::string(1 << 20, ' ') + days;
  const auto parsed = parse_xmlcalendar(huge);
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().code, Errc::kLimitExceeded);
}

TEST(XmlCalendar, an_imported_year_replaces_that_year_only) {
  const auto parsed =
      parse_xmlcalendar(R"(<calendar year="2026"><days><day d="07.01" t="1"/></days></calendar>)");
  ASSERT_TRUE(parsed.ok());
  const auto merged = replace_year(default_production_exceptions(), *parsed);
  EXPECT_EQ(merged.size(), builtin(2025).days.size() + 1);
  EXPECT_EQ(mode_in(merged, 2026y / July / 1d), O);
  EXPECT_EQ(mode_in(merged, 2026y / January / 1d), std::nullopt);
  EXPECT_EQ(mode_in(merged, 2025y / January / 1d), O);
  EXPECT_TRUE(std::is_sorted(merged.begin(), merged.end(), [](const auto& a, const auto& b) {
    return sys_days{a.date} < sys_days{b.date};
  }));
}

}  // namespace
}  // namespace robocall::domain
