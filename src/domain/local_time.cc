#include "domain/local_time.h"

#include <time.h>

#include <algorithm>
#include <cstdint>
#include <optional>

namespace robocall::domain {
namespace {

using std::chrono::days;
using std::chrono::seconds;
using std::chrono::sys_days;

constexpr std::int64_t kDay = 86400;

// The local wall clock of `u` written as seconds since 1970-01-01 00:00 of the
// local calendar (the UTC offset of `u` added).
std::int64_t wall(std::int64_t u) {
  const time_t t = static_cast<time_t>(u);
  struct tm tm {};
  localtime_r(&t, &tm);
  return u + tm.tm_gmtoff;
}

std::int64_t offset_at(std::int64_t u) {
  return wall(u) - u;
}

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

}  // namespace

std::chrono::local_seconds to_local(Instant t) {
  return std::chrono::local_seconds{seconds{wall(t.time_since_epoch().count())}};
}

std::chrono::year_month_day local_date(Instant t) {
  return std::chrono::year_month_day{
      sys_days{days{floor_div(wall(t.time_since_epoch().count()), kDay)}}};
}

Instant to_instant(std::chrono::local_seconds local) {
  const std::int64_t w = local.time_since_epoch().count();
  // Offsets in force around w; every instant whose wall clock is near w has
  // one of them.
  std::int64_t min_off = offset_at(w), max_off = min_off;
  for (std::int64_t probe : {w - kDay, w + kDay}) {
    min_off = std::min(min_off, offset_at(probe));
    max_off = std::max(max_off, offset_at(probe));
  }
  std::optional<std::int64_t> exact;
  for (std::int64_t off : {max_off, min_off}) {
    const std::int64_t u = w - off;
    if (wall(u) == w && (!exact || u < *exact)) exact = u;
  }
  if (exact) return Instant{seconds{*exact}};
  // w falls in a gap: the answer is the first instant after it, where the
  // clock jumps past w. The wall clock is increasing on [lo, hi].
  std::int64_t lo = w - max_off, hi = w - min_off;
  while (lo < hi) {
    const std::int64_t mid = lo + (hi - lo) / 2;
    if (wall(mid) >= w)
      hi = mid;
    else
      lo = mid + 1;
  }
  return Instant{seconds{lo}};
}

Instant local_instant(std::chrono::year_month_day date, std::chrono::seconds time) {
  return to_instant(std::chrono::local_days{date} + time);
}

Instant local_day_start(std::chrono::year_month_day date) {
  return local_instant(date, seconds{0});
}

Instant local_day_end(std::chrono::year_month_day date) {
  return local_instant(date, days{1});
}

}  // namespace robocall::domain
