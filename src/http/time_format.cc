#include "http/time_format.h"

#include <fmt/format.h>

#include <charconv>

#include "domain/local_time.h"

namespace robocall::http {
namespace {

bool read_int(std::string_view text, std::size_t pos, std::size_t len, int& out) {
  if (pos + len > text.size()) return false;
  for (std::size_t i = pos; i < pos + len; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
  }
  std::from_chars(text.data() + pos, text.data() + pos + len, out);
  return true;
}

}  // namespace

std::string local_minutes(domain::Instant t) {
  const auto local = domain::to_local(t);
  const auto day = std::chrono::floor<std::chrono::days>(local);
  const std::chrono::year_month_day d{day};
  const std::chrono::hh_mm_ss<std::chrono::seconds> time{local - day};
  return fmt::format("{}T{:02}:{:02}", iso_date(d), time.hours().count(), time.minutes().count());
}

std::string rfc3339(domain::Instant t) {
  const auto local = domain::to_local(t);
  const auto day = std::chrono::floor<std::chrono::days>(local);
  const std::chrono::year_month_day d{day};
  const std::chrono::hh_mm_ss<std::chrono::seconds> time{local - day};
  auto off = (local.time_since_epoch() - t.time_since_epoch()).count();
  const char sign = off < 0 ? '-' : '+';
  if (off < 0) off = -off;
  return fmt::format("{}T{:02}:{:02}:{:02}{}{:02}:{:02}", iso_date(d), time.hours().count(),
                     time.minutes().count(), time.seconds().count(), sign, off / 3600,
                     (off % 3600) / 60);
}

std::string iso_date(std::chrono::year_month_day d) {
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(d.year()),
                     static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
}

std::string compact_date(std::chrono::year_month_day d) {
  return fmt::format("{:04}{:02}{:02}", static_cast<int>(d.year()),
                     static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
}

Result<std::chrono::year_month_day> parse_iso_date(std::string_view text) {
  int y = 0, m = 0, d = 0;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !read_int(text, 0, 4, y) ||
      !read_int(text, 5, 2, m) || !read_int(text, 8, 2, d)) {
    return Error::invalid("Дата должна иметь вид ГГГГ-ММ-ДД: «" + std::string(text.substr(0, 40)) +
                          "»");
  }
  std::chrono::year_month_day ymd{std::chrono::year(y),
                                  std::chrono::month(static_cast<unsigned>(m)),
                                  std::chrono::day(static_cast<unsigned>(d))};
  if (!ymd.ok() || y < 1900) {
    return Error::invalid("Нет такой даты: «" + std::string(text) + "»");
  }
  return ymd;
}

Result<domain::Instant> parse_rfc3339(std::string_view text) {
  auto bad = [&] {
    return Error::invalid(
        "Время должно быть в формате RFC 3339, например 2026-11-27T10:02:00+03:00");
  };
  if (text.size() < 20) return bad();
  auto date = parse_iso_date(text.substr(0, 10));
  int hh = 0, mm = 0, ss = 0;
  if (!date.ok() || (text[10] != 'T' && text[10] != 't' && text[10] != ' ') ||
      !read_int(text, 11, 2, hh) || text[13] != ':' || !read_int(text, 14, 2, mm) ||
      text[16] != ':' || !read_int(text, 17, 2, ss) || hh > 23 || mm > 59 || ss > 60) {
    return bad();
  }
  std::size_t pos = 19;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
  }
  long offset = 0;
  if (pos < text.size() && (text[pos] == 'Z' || text[pos] == 'z')) {
    ++pos;
  } else if (pos + 6 == text.size() && (text[pos] == '+' || text[pos] == '-') &&
             text[pos + 3] == ':') {
    int oh = 0, om = 0;
    if (!read_int(text, pos + 1, 2, oh) || !read_int(text, pos + 4, 2, om) || oh > 23 || om > 59) {
      return bad();
    }
    offset = (oh * 3600L + om * 60L) * (text[pos] == '-' ? -1 : 1);
    pos += 6;
  } else {
    return bad();
  }
  if (pos != text.size()) return bad();
  auto days = std::chrono::sys_days(*date);
  return domain::Instant(days) + std::chrono::hours(hh) + std::chrono::minutes(mm) +
         std::chrono::seconds(ss) - std::chrono::seconds(offset);
}

}  // namespace robocall::http
