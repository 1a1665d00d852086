#include "domain/production_calendar.h"

#include <algorithm>
#include <optional>
#include <set>
#include <string>

namespace robocall::domain {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;
using std::chrono::year_month_day;

constexpr std::size_t kMaxFileSize = 1 << 20;

struct Day {
  unsigned month;
  unsigned day;
  DayMode mode;
};

constexpr auto O = DayMode::kDayOff;
constexpr auto S = DayMode::kShortened;
constexpr auto W = DayMode::kWorking;

// Decree No. 1335 of 4 Oct 2024. Nov 1 (a Saturday) is worked and, being the
// eve of the Nov 3-4 holidays, shortened.
constexpr Day k2025[] = {
    {1, 1, O},  {1, 2, O},  {1, 3, O},  {1, 4, O},  {1, 5, O},  {1, 6, O},  {1, 7, O},   {1, 8, O},
    {2, 23, O}, {3, 7, S},  {3, 8, O},  {4, 30, S}, {5, 1, O},  {5, 2, O},  {5, 8, O},   {5, 9, O},
    {6, 11, S}, {6, 12, O}, {6, 13, O}, {11, 1, S}, {11, 3, O}, {11, 4, O}, {12, 31, O},
};
// Decree of 24 Sep 2025.
constexpr Day k2026[] = {
    {1, 1, O},  {1, 2, O},  {1, 3, O},  {1, 4, O},  {1, 5, O},  {1, 6, O},   {1, 7, O}, {1, 8, O},
    {1, 9, O},  {2, 23, O}, {3, 8, O},  {3, 9, O},  {4, 30, S}, {5, 1, O},   {5, 8, S}, {5, 9, O},
    {5, 11, O}, {6, 11, S}, {6, 12, O}, {11, 3, S}, {11, 4, O}, {12, 31, O},
};
// No decree yet: the data file repeats the 2021 pattern.
constexpr Day k2027[] = {
    {1, 1, O},  {1, 2, O},  {1, 3, O},  {1, 4, O},  {1, 5, O},  {1, 6, O},  {1, 7, O},  {1, 8, O},
    {2, 20, S}, {2, 22, O}, {2, 23, O}, {3, 8, O},  {4, 30, S}, {5, 1, O},  {5, 3, O},  {5, 9, O},
    {5, 10, O}, {6, 11, S}, {6, 12, O}, {6, 14, O}, {11, 3, S}, {11, 4, O}, {11, 5, O}, {12, 31, O},
};

template <std::size_t N>
ProductionYear make_year(int y, bool provisional, const Day (&days)[N]) {
  ProductionYear out{y, provisional, {}};
  for (const Day& d : days) out.days.push_back({year{y} / month{d.month} / day{d.day}, d.mode});
  return out;
}

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// The tag starting at `xml[pos]` ('<') up to its closing '>' (exclusive), or
// nullopt when it never closes.
std::optional<std::string_view> tag_at(std::string_view xml, std::size_t pos) {
  const std::size_t end = xml.find('>', pos);
  if (end == std::string_view::npos) return std::nullopt;
  return xml.substr(pos, end - pos);
}

// The value of attribute `name` inside `tag`; the name must follow a space, a
// quote or the element name, so `date="..."country="ru"` still parses.
std::optional<std::string_view> attribute(std::string_view tag, std::string_view name) {
  for (std::size_t at = tag.find(name); at != std::string_view::npos; at = tag.find(name, at + 1)) {
    const char before = at == 0 ? ' ' : tag[at - 1];
    if (!is_space(before) && before != '"' && before != '\'') continue;
    std::size_t i = at + name.size();
    while (i < tag.size() && is_space(tag[i])) ++i;
    if (i >= tag.size() || tag[i] != '=') continue;
    ++i;
    while (i < tag.size() && is_space(tag[i])) ++i;
    if (i >= tag.size() || (tag[i] != '"' && tag[i] != '\'')) continue;
    const char quote = tag[i++];
    const std::size_t close = tag.find(quote, i);
    if (close == std::string_view::npos) return std::nullopt;
    return tag.substr(i, close - i);
  }
  return std::nullopt;
}

std::optional<unsigned> parse_unsigned(std::string_view s) {
  if (s.empty() || s.size() > 4) return std::nullopt;
  unsigned v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + static_cast<unsigned>(c - '0');
  }
  return v;
}

// Finds the next element named `name` at or after `pos`, skipping comments.
std::size_t find_element(std::string_view xml, std::string_view name, std::size_t pos) {
  // Built by append: `"<" + std::string&&` trips GCC 12's -Wrestrict false
  // positive (GCC bug 105329) at -O2 and above.
  std::string open = "<";
  open += name;
  while (pos < xml.size()) {
    const std::size_t lt = xml.find('<', pos);
    if (lt == std::string_view::npos) return std::string_view::npos;
    if (xml.substr(lt, 4) == "<!--") {
      const std::size_t end = xml.find("-->", lt + 4);
      if (end == std::string_view::npos) return std::string_view::npos;
      pos = end + 3;
      continue;
    }
    const std::size_t after = lt + open.size();
    if (xml.substr(lt, open.size()) == open && after < xml.size() &&
        (is_space(xml[after]) || xml[after] == '/' || xml[after] == '>'))
      return lt;
    pos = lt + 1;
  }
  return std::string_view::npos;
}

Error bad(std::string what) {
  return Error::invalid("Производственный календарь: " + what);
}

}  // namespace

const std::vector<ProductionYear>& builtin_production_years() {
  static const std::vector<ProductionYear> years = {
      make_year(2025, false, k2025),
      make_year(2026, false, k2026),
      make_year(2027, true, k2027),
  };
  return years;
}

const ProductionYear* builtin_production_year(int year) {
  for (const auto& y : builtin_production_years())
    if (y.year == year) return &y;
  return nullptr;
}

std::vector<DateException> default_production_exceptions() {
  std::vector<DateException> out;
  for (const auto& y : builtin_production_years())
    if (!y.provisional) out.insert(out.end(), y.days.begin(), y.days.end());
  return out;
}

Result<ProductionYear> parse_xmlcalendar(std::string_view xml) {
  if (xml.size() > kMaxFileSize)
    return Error::limit("Производственный календарь: файл больше 1 МБ");
  const std::size_t root = find_element(xml, "calendar", 0);
  const auto root_tag = root == std::string_view::npos ? std::nullopt : tag_at(xml, root);
  if (!root_tag) return bad("файл не в формате xmlcalendar (нет элемента calendar)");
  const auto year_text = attribute(*root_tag, "year");
  const auto year_value = year_text ? parse_unsigned(*year_text) : std::nullopt;
  if (!year_value || *year_value < 1990 || *year_value > 2100)
    return bad("не указан год или год неверный");
  ProductionYear out{static_cast<int>(*year_value), false, {}};

  std::set<std::chrono::sys_days> seen;
  for (std::size_t pos = find_element(xml, "day", root); pos != std::string_view::npos;
       pos = find_element(xml, "day", pos + 1)) {
    const auto tag = tag_at(xml, pos);
    if (!tag) return bad("элемент day не закрыт");
    const auto d = attribute(*tag, "d");
    const std::string shown = d ? std::string(*d) : std::string();
    const std::size_t dot = d ? d->find('.') : std::string_view::npos;
    const auto m = dot == std::string_view::npos ? std::nullopt : parse_unsigned(d->substr(0, dot));
    const auto dd =
        dot == std::string_view::npos ? std::nullopt : parse_unsigned(d->substr(dot + 1));
    const year_month_day date = year{out.year} / month{m.value_or(0)} / day{dd.value_or(0)};
    if (!m || !dd || !date.ok()) return bad("неверная дата «" + shown + "»");
    const auto t = attribute(*tag, "t");
    DayMode mode;
    if (t == "1")
      mode = DayMode::kDayOff;
    else if (t == "2")
      mode = DayMode::kShortened;
    else if (t == "3")
      mode = DayMode::kWorking;
    else
      return bad("неизвестный тип дня у даты «" + shown + "»");
    if (!seen.insert(std::chrono::sys_days{date}).second)
      return bad("дата «" + shown + "» указана дважды");
    out.days.push_back({date, mode});
  }
  if (out.days.empty()) return bad("в файле нет ни одного дня");
  std::sort(out.days.begin(), out.days.end(), [](const auto& a, const auto& b) {
    return std::chrono::sys_days{a.date} < std::chrono::sys_days{b.date};
  });
  return out;
}

std::vector<DateException> replace_year(const std::vector<DateException>& current,
                                        const ProductionYear& y) {
  std::vector<DateException> out;
  for (const auto& e : current)
    if (e.date.year() != year{y.year}) out.push_back(e);
  out.insert(out.end(), y.days.begin(), y.days.end());
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return std::chrono::sys_days{a.date} < std::chrono::sys_days{b.date};
  });
  return out;
}

}  // namespace robocall::domain
