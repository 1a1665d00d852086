// A paused campaign's tasks are not called, inside a real `robocall serve`
// against SIPp, and are called once it resumes (docs/BEHAVIOUR.md
// "Campaigns"). The rule itself is table-tested in
// src/store/campaigns_repo_test.cc; this proves the wiring.
#include <gtest/gtest.h>

#include <thread>

#include "harness.h"
#include "store/attempts_repo.h"
#include "store/campaigns_repo.h"
#include "store/tasks_repo.h"

namespace robocall::dialer::testing {
namespace {

using domain::TaskState;
using std::chrono::seconds;

void join(store::Connection& db, std::int64_t task, std::int64_t campaign) {
  ASSERT_TRUE(db.exec("UPDATE tasks SET campaign_id = " + std::to_string(campaign) +
                      " WHERE id = " + std::to_string(task))
                  .ok());
}

TEST(DialerCampaigns, a_paused_campaigns_task_is_not_called_until_the_campaign_resumes) {
  const auto dir = make_temp_dir();
  const auto db_path = dir / "robocall.db";
  SippPeer peer(dir, sip::testing::free_peer_ports(), std::chrono::milliseconds(300));
  pin_local_time_to_midday();
  const auto start = now();
  auto db = open_db(db_path);
  add_account(db, peer.port());
  set_schedule_until(db, start + std::chrono::hours(1));
  set_robocall(db, R"({"enabled":true,"attempts":2,"retry_after_min":30,"answer_timeout_s":5,)"
                   R"("max_calls":1,"max_calls_per_second":2,"retention_days":7})");
  store::CampaignsRepo campaigns(db);
  const auto paused = campaigns.create("На паузе", "xlsx", start, "test").value().id;
  const auto running = campaigns.create("Идёт", "xlsx", start, "test").value().id;
  ASSERT_TRUE(campaigns.set_paused(paused, true, start).ok());
  // The paused campaign's task has the older appointment: were the pause
  // ignored, it would be called first.
  const auto day = start + std::chrono::days(1);
  const auto held = add_task(db, phone_of(Patient::kPresses1, 1), day, start);
  const auto called = add_task(db, phone_of(Patient::kPresses1, 2), day + seconds(60), start);
  join(db, held, paused);
  join(db, called, running);

  ServeProcess serve(dir, db_path);
  store::TasksRepo tasks(db);
  store::AttemptsRepo attempts(db);
  const auto wait_confirmed = [&](std::int64_t id) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (tasks.get(id).value().state != TaskState::kConfirmed) {
      ASSERT_LT(std::chrono::steady_clock::now(), deadline) << serve.log();
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
  };
  wait_confirmed(called);
  if (HasFatalFailure()) return;
  EXPECT_TRUE(attempts.of_task(held).value().empty()) << "a paused campaign's task was called";
  EXPECT_EQ(tasks.get(held).value().state, TaskState::kPending);

  ASSERT_TRUE(campaigns.set_paused(paused, false, now()).ok());
  wait_confirmed(held);
  if (HasFatalFailure()) return;
  ASSERT_EQ(serve.terminate(seconds(30)), 0) << serve.log();
  const auto calls = peer.stop_and_read();
  ASSERT_EQ(calls.size(), 2u);
  EXPECT_EQ(calls[0].phone, phone_of(Patient::kPresses1, 2));
  EXPECT_EQ(calls[1].phone, phone_of(Patient::kPresses1, 1));
  if (!HasFailure()) std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace robocall::dialer::testing
