#include "sip/registration_policy.h"

#include <algorithm>

namespace robocall::sip {

std::chrono::seconds refresh_after(int granted_expiry_s) {
  const int expiry = std::max(granted_expiry_s, 1);
  const int at = std::min(expiry * 9 / 10, expiry - 30);
  return std::chrono::seconds(std::max(at, expiry / 2));
}

std::chrono::seconds retry_after(int failures) {
  constexpr int kFirst = 30;
  constexpr int kMax = 600;
  int wait = kFirst;
  for (int n = 1; n < failures && wait < kMax; ++n) wait *= 2;
  return std::chrono::seconds(std::min(wait, kMax));
}

}  // namespace robocall::sip
