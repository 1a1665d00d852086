#include "importing/local_time.h"

#include <ctime>
#include <unordered_map>

namespace robocall::importing {

using namespace std::chrono;

namespace {

domain::Instant mktime_instant(local_seconds local) {
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

}  // namespace

domain::Instant to_instant(local_seconds local) {
  // mktime() stats the zone file on every call; a list of 200,000 rows asks
  // for a few thousand distinct hours, and a zone's offset is constant
  // within a local hour (a DST change falls on an hour boundary).
  thread_local std::unordered_map<std::int64_t, seconds> offset_of_hour;
  const auto hour = floor<hours>(local);
  const auto key = static_cast<std::int64_t>(hour.time_since_epoch().count());
  if (const auto found = offset_of_hour.find(key); found != offset_of_hour.end()) {
    return domain::Instant{local.time_since_epoch() - found->second};
  }
  const domain::Instant instant = mktime_instant(local);
  if (offset_of_hour.size() > 65536) offset_of_hour.clear();
  offset_of_hour.emplace(key, local.time_since_epoch() - instant.time_since_epoch());
  return instant;
}

local_seconds to_local(domain::Instant instant) {
  const std::time_t t = instant.time_since_epoch().count();
  std::tm tm{};
  localtime_r(&t, &tm);
  return local_seconds{seconds{t + tm.tm_gmtoff}};
}

}  // namespace robocall::importing
