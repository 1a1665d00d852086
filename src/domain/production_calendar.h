// The Russian production calendar (производственный календарь): the decreed
// days off, shortened days and working weekend days of a year, as date
// exceptions for the WorkingCalendar (docs/BEHAVIOUR.md "Calling window").
// Built-in years are the decreed ones; newer years are imported from the
// xmlcalendar format. Pure functions; any thread.
#pragma once

#include <string_view>
#include <vector>

#include "common/result.h"
#include "domain/calendar.h"

namespace robocall::domain {

struct ProductionYear {
  int year = 0;
  bool provisional = false;         // not decreed yet: the UI must say so
  std::vector<DateException> days;  // ascending dates
};

// 2025 and 2026 (decreed) and 2027 (provisional), in that order.
const std::vector<ProductionYear>& builtin_production_years();
// The built-in year `year`, or nullptr.
const ProductionYear* builtin_production_year(int year);

// The exceptions a database starts with (written once as stored rows by the
// store's migration; afterwards only the stored rows count): every decreed
// built-in year (2025-2026), provisional years left out.
std::vector<DateException> default_production_exceptions();

// Parses an xmlcalendar file (https://github.com/xmlcalendar/data):
//   <calendar year="2026" ...><days><day d="MM.DD" t="1|2|3" [f="MM.DD"]/>...
// t=1 day off, t=2 shortened, t=3 working weekend day; other attributes and
// elements are ignored. Tolerant of real files' slips (attributes with no
// space between them, single quotes, comments) but not of wrong data: a bad
// or repeated date, an unknown type, or no year gives a Russian error.
// Files over 1 MiB are refused.
Result<ProductionYear> parse_xmlcalendar(std::string_view xml);

// `current` with every exception of `year.year` replaced by `year.days`
// (importing a year supersedes what was there for it); ascending dates.
std::vector<DateException> replace_year(const std::vector<DateException>& current,
                                        const ProductionYear& year);

}  // namespace robocall::domain
