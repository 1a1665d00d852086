#include "importing/date_text.h"

#include <cctype>

namespace robocall::importing {

namespace {

using namespace std::chrono;

// A small cursor over the text.
struct Scanner {
  std::string_view s;
  std::size_t i = 0;

  bool done() const { return i >= s.size(); }
  char peek() const { return done() ? '\0' : s[i]; }
  bool eat(char c) {
    if (peek() != c) return false;
    ++i;
    return true;
  }
  // 1..max digits; returns the count read (0 when none).
  int number(int max_digits, int& value) {
    int n = 0;
    value = 0;
    while (n < max_digits && !done() && std::isdigit(static_cast<unsigned char>(s[i]))) {
      value = value * 10 + (s[i] - '0');
      ++i;
      ++n;
    }
    return n;
  }
};

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

bool parse_time(Scanner& in, seconds& out) {
  int h = 0, m = 0, sec = 0;
  if (in.number(2, h) == 0 || !in.eat(':') || in.number(2, m) != 2) return false;
  if (in.eat(':')) {
    if (in.number(2, sec) != 2) return false;
    if (in.eat('.') || in.eat(',')) {
      int fraction = 0;
      if (in.number(9, fraction) == 0) return false;
    }
  }
  if (h > 23 || m > 59 || sec > 59) return false;
  out = hours{h} + minutes{m} + seconds{sec};
  return true;
}

bool parse_offset(Scanner& in, std::optional<minutes>& out) {
  if (in.eat('Z') || in.eat('z')) {
    out = minutes{0};
    return true;
  }
  const char sign = in.peek();
  if (sign != '+' && sign != '-') return true;
  ++in.i;
  int h = 0, m = 0;
  if (in.number(2, h) != 2) return false;
  in.eat(':');
  if (in.number(2, m) != 2 || h > 14 || m > 59) return false;
  out = minutes{(sign == '-' ? -1 : 1) * (h * 60 + m)};
  return true;
}

std::optional<local_days> make_date(int y, int m, int d) {
  const year_month_day date{year{y}, month(static_cast<unsigned>(m)),
                            day(static_cast<unsigned>(d))};
  if (!date.ok()) return std::nullopt;
  return local_days{date};
}

}  // namespace

year latest_year_ending_in(int yy, year not_after) {
  const int last = static_cast<int>(not_after);
  const int candidate = last - ((last % 100 - yy) % 100 + 100) % 100;
  return year{candidate};
}

std::optional<DateTimeText> parse_date_time_text(std::string_view text,
                                                 std::optional<year> not_after) {
  Scanner in{trim(text)};
  DateTimeText result;
  const std::size_t start = in.i;
  int a = 0;
  const int a_digits = in.number(4, a);
  if (a_digits == 0) return std::nullopt;

  if (in.peek() == ':') {  // a bare time
    in.i = start;
    seconds time{};
    if (!parse_time(in, time) || !in.done()) return std::nullopt;
    result.time = local_days{year{1899} / 12 / 31} + time;
    result.has_time = true;
    return result;
  }

  std::optional<local_days> date;
  bool iso = false;
  if (a_digits == 4 && in.eat('-')) {  // YYYY-MM-DD
    int m = 0, d = 0;
    if (in.number(2, m) == 0 || !in.eat('-') || in.number(2, d) == 0) return std::nullopt;
    date = make_date(a, m, d);
    iso = true;
  } else if (a_digits <= 2) {  // DD.MM.YYYY, DD/MM/YYYY, DD-MM-YYYY
    const char separator = in.peek();
    if (separator != '.' && separator != '/' && separator != '-') return std::nullopt;
    ++in.i;
    int m = 0, y = 0;
    if (in.number(2, m) == 0 || !in.eat(separator)) return std::nullopt;
    const int y_digits = in.number(4, y);
    if (y_digits == 2) {
      y = not_after ? static_cast<int>(latest_year_ending_in(y, *not_after)) : 2000 + y;
    } else if (y_digits != 4) {
      return std::nullopt;
    }
    date = make_date(y, m, a);
  } else {
    return std::nullopt;
  }
  if (!date) return std::nullopt;
  result.time = local_seconds{*date};
  result.has_date = true;
  if (in.done()) return result;

  const bool t_separator = iso && (in.eat('T') || in.eat('t'));
  if (!t_separator) {
    const bool comma = in.eat(',');
    int spaces = 0;
    while (in.eat(' ')) ++spaces;
    if (!comma && spaces == 0) return std::nullopt;
  }
  seconds time{};
  if (!parse_time(in, time)) return std::nullopt;
  result.time += time;
  result.has_time = true;
  if (iso && !parse_offset(in, result.utc_offset)) return std::nullopt;
  if (!in.done()) return std::nullopt;
  return result;
}

}  // namespace robocall::importing
