#include "dialer/claim_plan.h"

#include <gtest/gtest.h>

namespace robocall::dialer {
namespace {

TEST(ClaimSize, fills_the_free_lines_and_no_more_than_the_pacer_starts_in_the_lookahead) {
  struct Case {
    ClaimInput in;
    int expected;
    const char* why;
  };
  const Case cases[] = {
      {{10, 0, 0, 1, 2}, 2, "1/s for 2 s: two calls"},
      {{10, 0, 0, 40, 2}, 10, "the lines bound a fast pacer"},
      {{200, 0, 0, 40, 2}, 80, "40/s for 2 s"},
      {{200, 150, 0, 40, 2}, 50, "only the free lines"},
      {{200, 0, 80, 40, 2}, 0, "the lookahead is already queued"},
      {{200, 0, 30, 40, 2}, 50, "tops the queue up to the lookahead"},
      {{5, 5, 0, 2, 2}, 0, "every line busy"},
      {{5, 3, 3, 2, 2}, 0, "more queued than free lines"},
      {{10, 0, 0, 0.1, 2}, 1, "a slow pacer still claims one"},
      {{1, 0, 0, 0.1, 2}, 1, "one line"},
  };
  for (const auto& c : cases) EXPECT_EQ(claim_size(c.in), c.expected) << c.why;
}

}  // namespace
}  // namespace robocall::dialer
