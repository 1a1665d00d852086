// The verification step (docs/BEHAVIOUR.md "Call script") through the real
// dialer and a SIPp peer sending RFC 4733 keys (scenarios/verify_peer.xml):
// the right birth year and then 1 confirms; a wrong year twice ends
// not_verified with no retry; silence ends no_input after three asks and is
// retried like any unanswered call.
#include <gtest/gtest.h>

#include <thread>

#include "harness.h"
#include "store/attempts_repo.h"
#include "store/settings_repo.h"
#include "store/tasks_repo.h"

namespace robocall::dialer::testing {
namespace {

using domain::CallOutcome;
using domain::TaskState;

TEST(DialerVerification, the_right_year_confirms_a_wrong_year_twice_is_final_silence_is_no_input) {
  const auto dir = make_temp_dir();
  const auto db_path = dir / "robocall.db";
  SippPeer peer(dir, sip::testing::free_peer_ports(), std::chrono::milliseconds(2000),
                "verify_peer.xml");

  pin_local_time_to_midday();
  const auto start = now();
  auto db = open_db(db_path);
  add_account(db, peer.port());
  set_schedule_until(db, start + std::chrono::hours(2));
  store::SettingsRepo settings(db);
  ASSERT_TRUE(settings.put_phrase({7, "Год.", std::nullopt, start}).ok());
  ASSERT_TRUE(settings.put_phrase({8, "Нет.", std::nullopt, start}).ok());
  set_robocall(db, R"({"enabled":true,"attempts":2,"retry_after_min":0,"answer_timeout_s":5,)"
                   R"("max_calls":3,"max_calls_per_second":3,"verify_identity":true})");

  // add_task gives every patient the birth year 1970.
  const auto far = start + std::chrono::days(3);
  const auto right = add_task(db, phone_of(Patient::kPresses1, 1), far, start);
  const auto wrong = add_task(db, phone_of(Patient::kPresses2, 2), far, start);
  const auto silent = add_task(db, phone_of(Patient::kSilent, 3), far, start);

  ServeProcess serve(dir, db_path);
  store::TasksRepo tasks(db);
  const auto settled = [&] {
    for (auto id : {right, wrong, silent})
      if (!domain::is_final(tasks.get(id).value().state)) return false;
    return true;
  };
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(3);
  while (!settled() && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
  ASSERT_EQ(serve.terminate(std::chrono::seconds(30)), 0) << serve.log();
  peer.stop_and_read();

  store::AttemptsRepo attempts(db);
  {
    SCOPED_TRACE("the right year, then 1");
    EXPECT_EQ(tasks.get(right).value().state, TaskState::kConfirmed);
    const auto tries = attempts.of_task(right).value();
    ASSERT_EQ(tries.size(), 1u);
    EXPECT_EQ(tries[0].outcome, CallOutcome::kConfirmed);
    EXPECT_EQ(tries[0].digits, "19701");
  }
  {
    SCOPED_TRACE("a wrong year twice: 1971, then 2010");
    const auto task = tasks.get(wrong).value();
    EXPECT_EQ(task.state, TaskState::kNotVerified);
    EXPECT_EQ(domain::list_status(task.state), domain::ListStatus::kUnknown);
    EXPECT_FALSE(task.next_attempt.has_value());
    const auto tries = attempts.of_task(wrong).value();
    ASSERT_EQ(tries.size(), 1u) << "retried after a failed verification";
    EXPECT_EQ(tries[0].outcome, CallOutcome::kNotVerified);
    EXPECT_EQ(tries[0].digits, "19712010");
  }
  {
    SCOPED_TRACE("silence");
    EXPECT_EQ(tasks.get(silent).value().state, TaskState::kExhausted);
    const auto tries = attempts.of_task(silent).value();
    ASSERT_EQ(tries.size(), 2u);
    for (const auto& a : tries) {
      EXPECT_EQ(a.outcome, CallOutcome::kNoInput);
      EXPECT_TRUE(a.answered.has_value());
      EXPECT_EQ(a.digits, "");
    }
  }
  if (!HasFailure()) std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace robocall::dialer::testing
