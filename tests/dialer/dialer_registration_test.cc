// docs/BEHAVIOUR.md "Trunk problems": an account whose registrar refuses it
// (403) is never dialled through; dialing pauses naming the registration.
#include <gtest/gtest.h>

#include <thread>

#include "harness.h"
#include "sipp_peer.h"
#include "store/accounts_repo.h"
#include "store/attempts_repo.h"
#include "store/tasks_repo.h"

namespace robocall::dialer::testing {
namespace {

TEST(DialerRegistration, a_refused_registration_pauses_dialing_before_any_invite) {
  const auto dir = make_temp_dir();
  const auto db_path = dir / "robocall.db";
  const auto ports = sip::testing::free_peer_ports();
  sip::testing::SippPeer registrar({"register_forbidden.xml", {}, ports.sip, ports.media});
  pin_local_time_to_midday();
  const auto start = now();
  auto db = open_db(db_path);
  add_account(db, ports.sip);
  auto account = store::AccountsRepo(db).get_default().value().value();
  account.register_enabled = true;
  ASSERT_TRUE(store::AccountsRepo(db).update(account, start).ok());
  set_schedule_until(db, start + std::chrono::hours(1));
  set_robocall(db, R"({"enabled":true,"attempts":2,"retry_after_min":30,"answer_timeout_s":5,)"
                   R"("max_calls":1,"max_calls_per_second":2,"retention_days":7})");
  const auto task =
      add_task(db, phone_of(Patient::kPresses1, 1), start + std::chrono::days(1), start);

  ServeProcess serve(dir, db_path);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (serve.log().find("не удалась: 403 Forbidden") == std::string::npos) {
    ASSERT_LT(std::chrono::steady_clock::now(), deadline) << serve.log();
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  EXPECT_EQ(registrar.wait_exit(std::chrono::seconds(10)), 0) << registrar.log();
  ASSERT_EQ(serve.terminate(std::chrono::seconds(30)), 0) << serve.log();
  EXPECT_TRUE(store::AttemptsRepo(db).of_task(task).value().empty()) << "dialled while refused";
  EXPECT_EQ(store::TasksRepo(db).get(task).value().attempts, 0);
  if (!HasFailure()) std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace robocall::dialer::testing
