#include "domain/lease_plan.h"

#include <gtest/gtest.h>

namespace robocall::domain {
namespace {

using std::chrono::milliseconds;

const WallMs kNow = WallMs(milliseconds(1'764'000'000'000));

TEST(Leases, a_lease_lasts_thirty_seconds_from_its_claim) {
  EXPECT_EQ(lease_end(kNow), kNow + milliseconds(30'000));
}

TEST(Leases, a_lease_is_live_until_the_millisecond_before_its_end) {
  const auto until = lease_end(kNow);
  EXPECT_FALSE(lease_expired(until, until - milliseconds(1)));
  EXPECT_TRUE(lease_expired(until, until));
  EXPECT_TRUE(lease_expired(until, until + milliseconds(1)));
}

TEST(Leases, renewal_is_due_ten_seconds_after_the_last_one) {
  EXPECT_FALSE(renewal_due(kNow, kNow + milliseconds(9'999)));
  EXPECT_TRUE(renewal_due(kNow, kNow + milliseconds(10'000)));
  EXPECT_EQ(next_renewal(kNow), kNow + milliseconds(10'000));
}

TEST(Leases, two_renewals_may_be_missed_before_the_lease_ends) {
  // Renewed at kNow; the next two renewals fail: the lease still holds at the
  // third renewal's time minus one millisecond.
  const auto until = lease_end(kNow);
  EXPECT_FALSE(lease_expired(until, next_renewal(next_renewal(kNow))));
  EXPECT_TRUE(lease_expired(until, next_renewal(next_renewal(next_renewal(kNow)))));
}

TEST(AccountLimits, the_interval_is_rounded_up_so_the_rate_is_never_exceeded) {
  EXPECT_EQ(start_interval(1), milliseconds(1000));
  EXPECT_EQ(start_interval(3), milliseconds(334));
  EXPECT_EQ(start_interval(100), milliseconds(10));
  EXPECT_EQ(start_interval(0.1), milliseconds(10'000));
}

struct GrantCase {
  const char* what;
  AccountLoad load;
  int wanted;
  int count;
  std::vector<milliseconds> slots;  // after kNow
  std::optional<milliseconds> cursor;
};

TEST(AccountLimits, a_claimer_takes_what_the_lines_and_the_cursor_allow) {
  const std::vector<GrantCase> cases = {
      {"idle account, cursor never set",
       {10, 1, 0, std::nullopt},
       3,
       3,
       {milliseconds(0), milliseconds(1000), milliseconds(2000)},
       milliseconds(3000)},
      {"the limit already reached", {5, 1, 5, std::nullopt}, 3, 0, {}, std::nullopt},
      {"more calling than the limit (lowered meanwhile)",
       {2, 1, 4, std::nullopt},
       1,
       0,
       {},
       std::nullopt},
      {"capped by the free lines",
       {5, 1, 3, std::nullopt},
       4,
       2,
       {milliseconds(0), milliseconds(1000)},
       milliseconds(2000)},
      {"nothing wanted", {5, 1, 0, std::nullopt}, 0, 0, {}, std::nullopt},
      {"a cursor in the past starts now",
       {5, 2, 0, kNow - milliseconds(5000)},
       2,
       2,
       {milliseconds(0), milliseconds(500)},
       milliseconds(1000)},
      {"a cursor in the future is kept",
       {5, 2, 0, kNow + milliseconds(700)},
       2,
       2,
       {milliseconds(700), milliseconds(1200)},
       milliseconds(1700)},
      {"the cursor exactly now", {5, 1, 0, kNow}, 1, 1, {milliseconds(0)}, milliseconds(1000)},
  };
  for (const auto& c : cases) {
    const auto g = grant_claims(c.load, c.wanted, kNow);
    EXPECT_EQ(g.count, c.count) << c.what;
    std::vector<milliseconds> slots;
    for (const auto s : g.slots) slots.push_back(s - kNow);
    EXPECT_EQ(slots, c.slots) << c.what;
    std::optional<milliseconds> cursor;
    if (g.next_slot) cursor = *g.next_slot - kNow;
    EXPECT_EQ(cursor, c.cursor) << c.what;
  }
}

TEST(AccountLimits, slots_at_the_one_second_edge_never_put_two_starts_in_a_second) {
  // Rate 1: a claim one millisecond before the cursor's second waits for it;
  // a claim at the cursor starts at once; one a millisecond after it too.
  const AccountLoad at_edge{10, 1, 0, kNow + milliseconds(1000)};
  EXPECT_EQ(grant_claims(at_edge, 1, kNow + milliseconds(999)).slots.front(),
            kNow + milliseconds(1000));
  EXPECT_EQ(grant_claims(at_edge, 1, kNow + milliseconds(1000)).slots.front(),
            kNow + milliseconds(1000));
  EXPECT_EQ(grant_claims(at_edge, 1, kNow + milliseconds(1001)).slots.front(),
            kNow + milliseconds(1001));
  // Any half-open second holds one slot of a rate-1 account at most.
  const auto g = grant_claims({10, 1, 0, std::nullopt}, 5, kNow);
  for (std::size_t i = 1; i < g.slots.size(); ++i)
    EXPECT_GE(g.slots[i] - g.slots[i - 1], milliseconds(1000));
}

TEST(AccountLimits, the_third_claimer_gets_what_the_first_two_left) {
  // Three nodes claim one after another under the account's lock: limit 5
  // lines, 2 starts a second. Each sees the calling tasks and the cursor the
  // one before it stored.
  AccountLoad load{5, 2, 0, std::nullopt};
  std::vector<WallMs> starts;
  const int wanted[] = {2, 2, 2};
  const int expect[] = {2, 2, 1};
  for (int i = 0; i < 3; ++i) {
    const auto g = grant_claims(load, wanted[i], kNow + milliseconds(10 * i));
    EXPECT_EQ(g.count, expect[i]) << "claimer " << i + 1;
    load.calling += g.count;
    if (g.next_slot) load.next_slot = g.next_slot;
    starts.insert(starts.end(), g.slots.begin(), g.slots.end());
  }
  EXPECT_EQ(load.calling, 5);
  ASSERT_EQ(starts.size(), 5u);
  for (std::size_t i = 1; i < starts.size(); ++i)
    EXPECT_EQ(starts[i] - starts[i - 1], milliseconds(500)) << "start " << i;
  EXPECT_EQ(grant_claims(load, 1, kNow + milliseconds(100)).count, 0);
}

}  // namespace
}  // namespace robocall::domain
