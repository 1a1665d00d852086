#include "dialer/claim_plan.h"

#include <algorithm>
#include <cmath>

namespace robocall::dialer {

int claim_size(const ClaimInput& in) {
  const int free_lines = in.max_calls - in.active - in.queued;
  const int lookahead = std::max(1, static_cast<int>(std::ceil(in.rate * in.lookahead_s)));
  return std::max(0, std::min(free_lines, lookahead - in.queued));
}

}  // namespace robocall::dialer
