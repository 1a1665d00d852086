// The scheduler on several nodes (docs/DESIGN.md "Several nodes"): a claim
// waits for its start slot, leases are renewed while the node holds claims,
// expired leases are looked for periodically, and a claim whose lease
// another node took back is never dialled (its call is hung up).
#include <gtest/gtest.h>

#include "dialer/scheduler.h"
#include "domain/lease_plan.h"
#include "domain/scoped_tz.h"

namespace robocall::dialer {
namespace {

using namespace std::chrono_literals;

// 2026-12-07 10:00 UTC, a Monday inside the window.
const domain::Instant kTen{std::chrono::sys_days{std::chrono::year{2026} / 12 / 7} + 10h};
const domain::WallMs kTenMs{kTen};

SchedulerConfig config() {
  domain::CalendarSettings c;
  c.weekdays.fill(domain::DayMode::kWorking);
  c.working = {9h, 20h};
  c.shortened = {9h, 17h};
  return SchedulerConfig{true,
                         std::string("Провайдер"),
                         "id",
                         4,
                         1000,
                         {3, 30min},
                         domain::WorkingCalendar::create(c).value()};
}

store::Claim claim(std::int64_t id, std::optional<domain::WallMs> slot = std::nullopt) {
  store::Claim c;
  c.task.id = id;
  c.task.phone = "9161234567";
  c.task.appointment = kTen + 24h;
  c.task.state = domain::TaskState::kCalling;
  c.attempt.id = 100 + id;
  c.attempt.task_id = id;
  c.start_at = slot;
  return c;
}

template <class C>
std::vector<C> all(const std::vector<Command>& out) {
  std::vector<C> found;
  for (const auto& c : out)
    if (const auto* x = std::get_if<C>(&c)) found.push_back(*x);
  return found;
}

struct Harness {
  domain::ScopedTz utc{"UTC"};
  domain::ManualClock clock{kTen, domain::SteadyTime{} + 1000h};
  Scheduler s{clock};
  std::vector<Command> last = s.on(ConfigChanged{config(), true});
  std::vector<Command> on(Input in) { return last = s.on(std::move(in)); }
};

TEST(SchedulerLeases, a_claim_is_dialled_at_its_start_slot_and_not_before) {
  Harness h;
  ASSERT_EQ(all<ClaimDue>(h.last).front().now_ms, kTenMs);
  h.on(Claimed{{claim(1, kTenMs + 1500ms)}});
  h.on(Prepared{1, std::nullopt});
  EXPECT_TRUE(all<Dial>(h.last).empty());
  const auto wake = all<WakeAt>(h.last).back().at;
  EXPECT_LE(wake, h.clock.steady() + 1500ms);
  h.clock.advance(1499ms);
  EXPECT_TRUE(all<Dial>(h.on(Tick{})).empty());
  h.clock.advance(1ms);
  EXPECT_EQ(all<Dial>(h.on(Tick{})).size(), 1u);
}

TEST(SchedulerLeases, a_claim_whose_slot_has_passed_is_dialled_at_once) {
  Harness h;
  h.on(Claimed{{claim(1, kTenMs - 1ms)}});
  EXPECT_EQ(all<Dial>(h.on(Prepared{1, std::nullopt})).size(), 1u);
}

TEST(SchedulerLeases, leases_are_renewed_every_ten_seconds_while_the_node_holds_claims) {
  Harness h;
  EXPECT_TRUE(all<Renew>(h.last).empty()) << "nothing held yet";
  h.on(Claimed{{claim(1)}});
  h.on(Prepared{1, std::nullopt});
  ASSERT_EQ(all<Dial>(h.last).size(), 1u);
  h.clock.advance(domain::kLeaseRenewEvery - 1ms);
  EXPECT_TRUE(all<Renew>(h.on(Tick{})).empty());
  h.clock.advance(1ms);
  const auto renew = all<Renew>(h.on(Tick{}));
  ASSERT_EQ(renew.size(), 1u);
  EXPECT_EQ(renew.front().now_ms, kTenMs + domain::kLeaseRenewEvery);
  h.clock.advance(1s);
  EXPECT_TRUE(all<Renew>(h.on(Tick{})).empty()) << "once per period";
}

TEST(SchedulerLeases, expired_leases_are_looked_for_at_start_and_every_ten_seconds) {
  Harness h;
  ASSERT_EQ(all<RecoverExpired>(h.last).size(), 1u);
  h.clock.advance(domain::kLeaseSweepEvery - 1ms);
  EXPECT_TRUE(all<RecoverExpired>(h.on(Tick{})).empty());
  h.clock.advance(1ms);
  const auto sweep = all<RecoverExpired>(h.on(Tick{}));
  ASSERT_EQ(sweep.size(), 1u);
  EXPECT_EQ(sweep.front().now_ms, kTenMs + domain::kLeaseSweepEvery);
}

TEST(SchedulerLeases, a_lost_lease_drops_the_claim_and_hangs_up_its_call) {
  Harness h;
  h.on(Claimed{{claim(1), claim(2), claim(3, kTenMs + 1h)}});
  h.on(Prepared{1, std::nullopt});
  h.on(Prepared{3, std::nullopt});
  ASSERT_EQ(all<Dial>(h.last).size(), 0u);  // 3 waits for its slot
  // Another node took 1 (calling) and 3 (waiting) back; 2 is still rendering.
  const auto dropped = all<Drop>(h.on(Renewed{{2}}));
  ASSERT_EQ(dropped.size(), 2u);
  EXPECT_EQ(dropped[0].task_id + dropped[1].task_id, 4);
  // 2 goes on.
  h.clock.advance(1ms);
  EXPECT_EQ(all<Dial>(h.on(Prepared{2, std::nullopt})).size(), 1u);
  // The hung-up call ends: its Record goes to the store, which refuses it.
  CallReport r;
  r.outcome = domain::CallOutcome::kInterrupted;
  EXPECT_EQ(all<Record>(h.on(CallEnded{1, r, std::nullopt})).size(), 1u);
  EXPECT_EQ(all<Drop>(h.on(Renewed{{2}})).size(), 0u);
}

}  // namespace
}  // namespace robocall::dialer
