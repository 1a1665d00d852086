#include "xlsx/excel_date.h"

#include <cmath>

namespace robocall::xlsx {

namespace {

using std::chrono::days;
using std::chrono::local_days;
using std::chrono::local_seconds;
using std::chrono::seconds;

constexpr long long kSecondsPerDay = 86400;
// 9999-12-31 in the 1900 system; the 1904 system's last day is 1462 less.
constexpr double kMaxSerial = 2958466.0;

constexpr local_days kEpoch1900{std::chrono::year{1899} / 12 / 30};
constexpr local_days kEpoch1904{std::chrono::year{1904} / 1 / 1};

}  // namespace

std::optional<local_seconds> serial_to_local(double serial, bool date1904) {
  if (!std::isfinite(serial) || serial < 0 || serial >= kMaxSerial) return std::nullopt;
  const long long total = std::llround(serial * kSecondsPerDay);
  long long day = total / kSecondsPerDay;
  const long long second = total % kSecondsPerDay;
  if (date1904) return local_seconds{kEpoch1904 + days{day}} + seconds{second};
  if (day == 60) return std::nullopt;
  if (day < 60) ++day;  // before the fake leap day Excel counts from 1899-12-31
  return local_seconds{kEpoch1900 + days{day}} + seconds{second};
}

double local_to_serial(local_seconds time, bool date1904) {
  const auto day = std::chrono::floor<days>(time);
  const double fraction = static_cast<double>((time - day).count()) / kSecondsPerDay;
  if (date1904) return static_cast<double>((day - kEpoch1904).count()) + fraction;
  long long serial = (day - kEpoch1900).count();
  if (serial <= 60) --serial;
  return static_cast<double>(serial) + fraction;
}

bool is_builtin_date_format(int id) {
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
         (id >= 50 && id <= 58);
}

bool is_date_format_code(std::string_view code) {
  for (std::size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (c == '"') {
      const auto end = code.find('"', i + 1);
      if (end == std::string_view::npos) return false;
      i = end;
    } else if (c == '[') {
      const auto end = code.find(']', i + 1);
      if (end == std::string_view::npos) return false;
      i = end;
    } else if (c == '\\' || c == '_' || c == '*') {
      ++i;  // the next character is literal (or padding)
    } else {
      switch (c) {
        case 'd':
        case 'D':
        case 'm':
        case 'M':
        case 'y':
        case 'Y':
        case 'h':
        case 'H':
        case 's':
        case 'S':
          return true;
        default:
          break;
      }
    }
  }
  return false;
}

}  // namespace robocall::xlsx
