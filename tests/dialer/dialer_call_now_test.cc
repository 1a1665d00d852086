// «Позвонить сейчас» and «Снять с обзвона» inside a real `robocall serve`
// against SIPp (docs/BEHAVIOUR.md "Call now", "Taking a patient off
// calling"): a call-now task is dialled before older pending ones, and a
// withdrawn task is never dialled. The rules themselves are tested in
// src/store/task_actions_test.cc; this proves the wiring.
#include <gtest/gtest.h>

#include <thread>

#include "harness.h"
#include "store/attempts_repo.h"
#include "store/tasks_repo.h"

namespace robocall::dialer::testing {
namespace {

using domain::TaskState;
using std::chrono::seconds;

TEST(DialerCallNow, a_call_now_task_is_dialled_first_and_a_withdrawn_one_never) {
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
  // In queue order: withdrawn, older, asked. Were the marks ignored, the
  // withdrawn one would be called first and the asked one last.
  const auto day = start + std::chrono::days(1);
  const auto withdrawn = add_task(db, phone_of(Patient::kPresses1, 1), day, start);
  const auto older = add_task(db, phone_of(Patient::kPresses1, 2), day + seconds(60), start);
  const auto asked = add_task(db, phone_of(Patient::kPresses1, 3), day + seconds(120), start);
  store::TasksRepo tasks(db);
  ASSERT_TRUE(tasks.withdraw(withdrawn, "anna", start).ok());
  ASSERT_TRUE(tasks.call_now(asked, start).ok());

  ServeProcess serve(dir, db_path);
  store::AttemptsRepo attempts(db);
  const auto wait_confirmed = [&](std::int64_t id) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (tasks.get(id).value().state != TaskState::kConfirmed) {
      ASSERT_LT(std::chrono::steady_clock::now(), deadline) << serve.log();
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
  };
  wait_confirmed(asked);
  if (HasFatalFailure()) return;
  wait_confirmed(older);
  if (HasFatalFailure()) return;
  ASSERT_EQ(serve.terminate(seconds(30)), 0) << serve.log();
  EXPECT_TRUE(attempts.of_task(withdrawn).value().empty()) << "a withdrawn task was called";
  EXPECT_EQ(tasks.get(withdrawn).value().state, TaskState::kWithdrawn);
  const auto calls = peer.stop_and_read();
  ASSERT_EQ(calls.size(), 2u);
  EXPECT_EQ(calls[0].phone, phone_of(Patient::kPresses1, 3));
  EXPECT_EQ(calls[1].phone, phone_of(Patient::kPresses1, 2));
  if (!HasFailure()) std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace robocall::dialer::testing
