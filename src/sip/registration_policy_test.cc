#include "sip/registration_policy.h"

#include <gtest/gtest.h>

namespace robocall::sip {
namespace {

TEST(RegistrationPolicy, a_binding_is_refreshed_at_90_percent_or_30_s_before_its_end) {
  const struct {
    int granted;
    int refresh;
  } rows[] = {
      {3600, 3240}, {600, 540}, {300, 270}, {200, 170}, {120, 90}, {60, 30}, {40, 20}, {1, 0},
  };
  for (const auto& row : rows)
    EXPECT_EQ(refresh_after(row.granted).count(), row.refresh) << row.granted;
}

TEST(RegistrationPolicy, a_failed_registration_is_retried_after_a_doubling_wait_up_to_10_minutes) {
  const struct {
    int failures;
    int wait;
  } rows[] = {
      {0, 30}, {1, 30}, {2, 60}, {3, 120}, {4, 240}, {5, 480}, {6, 600}, {7, 600}, {1000, 600},
  };
  for (const auto& row : rows)
    EXPECT_EQ(retry_after(row.failures).count(), row.wait) << row.failures;
}

}  // namespace
}  // namespace robocall::sip
