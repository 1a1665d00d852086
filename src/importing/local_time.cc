#include "importing/local_time.h"

#include <cstdint>
#include <unordered_map>

#include "domain/local_time.h"

namespace robocall::importing {

using namespace std::chrono;

domain::Instant cached_to_instant(local_seconds local) {
  thread_local std::unordered_map<std::int64_t, seconds> offset_of_hour;
  const auto hour = floor<hours>(local);
  const auto key = static_cast<std::int64_t>(hour.time_since_epoch().count());
  if (const auto found = offset_of_hour.find(key); found != offset_of_hour.end()) {
    return domain::Instant{local.time_since_epoch() - found->second};
  }
  const domain::Instant instant = domain::to_instant(local);
  // An hour skipped in spring has no offset of its own: not remembered.
  if (domain::to_local(instant) == local) {
    if (offset_of_hour.size() > 65536) offset_of_hour.clear();
    offset_of_hour.emplace(key, local.time_since_epoch() - instant.time_since_epoch());
  }
  return instant;
}

}  // namespace robocall::importing
