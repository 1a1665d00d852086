#include "importing/local_time.h"

#include <ctime>

namespace robocall::importing {

using namespace std::chrono;

domain::Instant to_instant(local_seconds local) {
  const auto day = floor<days>(local);
  const year_month_day ymd{day};
  const hh_mm_ss<seconds> time{local - day};
  std::tm tm{};
  tm.tm_year = static_cast<int>(ymd.year()) - 1900;
  tm.tm_mon = static_cast<int>(static_cast<unsigned>(ymd.month())) - 1;
  tm.tm_mday = static_cast<int>(static_cast<unsigned>(ymd.day()));
  tm.tm_hour = static_cast<int>(time.hours().count());
  tm.tm_min = static_cast<int>(time.minutes().count());
  tm.tm_sec = static_cast<int>(time.seconds().count());
  tm.tm_isdst = -1;
  const std::time_t t = std::mktime(&tm);
  return domain::Instant{seconds{t}};
}

local_seconds to_local(domain::Instant instant) {
  const std::time_t t = instant.time_since_epoch().count();
  std::tm tm{};
  localtime_r(&t, &tm);
  return local_seconds{seconds{t + tm.tm_gmtoff}};
}

}  // namespace robocall::importing
