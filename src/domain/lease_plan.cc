#include "domain/lease_plan.h"

#include <algorithm>
#include <cmath>

namespace robocall::domain {

WallMs lease_end(WallMs now) {
  return now + kLeaseLength;
}

bool lease_expired(WallMs until, WallMs now) {
  return now >= until;
}

WallMs next_renewal(WallMs last) {
  return last + kLeaseRenewEvery;
}

bool renewal_due(WallMs last, WallMs now) {
  return now >= next_renewal(last);
}

std::chrono::milliseconds start_interval(double calls_per_second) {
  return std::chrono::milliseconds(
      static_cast<std::int64_t>(std::ceil(1000.0 / std::max(calls_per_second, 0.001))));
}

ClaimGrant grant_claims(const AccountLoad& load, int wanted, WallMs now) {
  ClaimGrant g;
  g.count = std::max(0, std::min(wanted, load.max_calls - load.calling));
  if (g.count == 0) return g;
  const auto step = start_interval(load.calls_per_second);
  auto slot = std::max(load.next_slot.value_or(now), now);
  for (int i = 0; i < g.count; ++i, slot += step) g.slots.push_back(slot);
  g.next_slot = slot;
  return g;
}

}  // namespace robocall::domain
