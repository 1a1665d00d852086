// robocall against kamailio as the provider (docs/BEHAVIOUR.md "Trunk
// problems"): digest authentication by 401 and 407, with and without qop,
// a call sent over TCP, the route set its record-route makes, a number
// registered by two phones (a forked call answered twice) and a provider
// that takes calls only from registered accounts. The patient is linphonec.
#include <gtest/gtest.h>

#include "harness.h"
#include "peers.h"
#include "store/tasks_repo.h"

namespace robocall::interop {
namespace {

using namespace std::chrono_literals;

constexpr const char* kPatient = "9161234567";

class KamailioProvider : public ::testing::Test {
 protected:
  void TearDown() override {
    if (!HasFailure()) std::filesystem::remove_all(dir);
  }
  // Calls the patient, who presses 1 once connected; the call's result.
  CallResult call_and_press_1(const Kamailio& provider, Linphone& phone) {
    auto call = call_through(dir, provider, kPatient);
    if (phone.wait_output("connected.", 30s)) phone.type("1");
    return call.get();
  }
  const std::filesystem::path dir = dialer::testing::make_temp_dir();
};

std::string reports(const Kamailio& provider, const Linphone& phone, const CallResult& call) {
  return "robocall:\n" + call.output + "\n" + phone.report() + "\nkamailio:\n" + provider.log();
}

TEST_F(KamailioProvider, a_407_proxy_challenge_with_qop_is_answered_and_the_call_confirmed) {
  Kamailio provider(dir, {.proxy_challenge = true, .qop = true});
  Linphone phone(dir, "patient", provider, kPatient, KeyMode::kRfc4733);
  const CallResult r = call_and_press_1(provider, phone);
  EXPECT_EQ(r.json.value("outcome", ""), "confirmed") << reports(provider, phone, r);
  EXPECT_NE(provider.log().find("AUTHENTICATED INVITE"), std::string::npos);
  EXPECT_NE(provider.log().find("CHALLENGED 407 INVITE"), std::string::npos);
}

TEST_F(KamailioProvider, a_401_challenge_without_qop_is_answered_and_the_call_confirmed) {
  Kamailio provider(dir, {.proxy_challenge = false, .qop = false});
  Linphone phone(dir, "patient", provider, kPatient, KeyMode::kRfc4733);
  const CallResult r = call_and_press_1(provider, phone);
  EXPECT_EQ(r.json.value("outcome", ""), "confirmed") << reports(provider, phone, r);
  EXPECT_NE(provider.log().find("CHALLENGED 401 INVITE"), std::string::npos);
  EXPECT_NE(provider.log().find("AUTHENTICATED INVITE"), std::string::npos);
}

TEST_F(KamailioProvider, a_call_sent_over_tcp_reaches_a_phone_on_udp_and_is_confirmed) {
  Kamailio provider(dir, {});
  Linphone phone(dir, "patient", provider, kPatient, KeyMode::kRfc4733);
  auto call = call_through(dir, provider, kPatient, {"--transport", "tcp"});
  if (phone.wait_output("connected.", 30s)) phone.type("1");
  const CallResult r = call.get();
  EXPECT_EQ(r.json.value("outcome", ""), "confirmed") << reports(provider, phone, r);
}

TEST_F(KamailioProvider, the_bye_follows_the_route_set_of_its_record_route) {
  Kamailio provider(dir, {});
  Linphone phone(dir, "patient", provider, kPatient, KeyMode::kRfc4733);
  const CallResult r = call_and_press_1(provider, phone);
  ASSERT_EQ(r.json.value("outcome", ""), "confirmed") << reports(provider, phone, r);
  ASSERT_TRUE(phone.wait_received("BYE", 10s)) << reports(provider, phone, r);
  for (const auto& got : phone.received()) {
    if (got.method == "BYE" || got.method == "ACK") {
      EXPECT_EQ(got.from_port, provider.port()) << got.method << " bypassed the proxy\n"
                                                << reports(provider, phone, r);
    }
  }
  EXPECT_NE(provider.log().find("ROUTED BYE"), std::string::npos) << provider.log();
}

// Needs "ACK and BYE every extra answer" (docs/BEHAVIOUR.md "Keys, hold and
// session refresh"): without it the second phone is never acknowledged.
TEST_F(KamailioProvider,
       when_a_forked_call_is_answered_twice_the_extra_answer_is_acked_and_hung_up) {
  Kamailio provider(dir, {});
  Linphone first(dir, "first", provider, kPatient, KeyMode::kRfc4733);
  Linphone second(dir, "second", provider, kPatient, KeyMode::kRfc4733);
  auto call = call_through(dir, provider, kPatient, {"--silence", "2"});
  ASSERT_TRUE(first.wait_output("connected.", 30s)) << first.report() << provider.log();
  ASSERT_TRUE(second.wait_output("connected.", 30s)) << second.report() << provider.log();
  // The extra answer hung up, the patient kept on the line confirms.
  Linphone* kept = nullptr;
  eventually(
      [&] {
        if (first.wait_output(" ended ", 0s)) kept = &second;
        if (second.wait_output(" ended ", 0s)) kept = &first;
        return kept != nullptr;
      },
      15s);
  if (kept) kept->type("1");
  const CallResult r = call.get();
  EXPECT_EQ(r.json.value("outcome", ""), "confirmed") << reports(provider, first, r);
  // Within the 32 s a phone waits for its ACK before it gives up by itself.
  for (const Linphone* phone : {&first, &second}) {
    EXPECT_TRUE(phone->wait_received("ACK", 10s)) << reports(provider, *phone, r);
    EXPECT_TRUE(phone->wait_received("BYE", 10s)) << reports(provider, *phone, r);
  }
}

// Needs the account's registration (docs/BEHAVIOUR.md "Trunk problems"):
// kamailio refuses the account's calls with 403 until it has registered.
TEST_F(KamailioProvider, a_provider_taking_calls_only_from_registered_accounts_gets_them) {
  using namespace dialer::testing;
  Kamailio provider(dir, {.user = "robocall", .registered_only = true});
  Linphone phone(dir, "patient", provider, kPatient, KeyMode::kRfc4733);
  pin_local_time_to_midday();
  const auto start = now();
  const auto db_path = dir / "robocall.db";
  auto db = open_db(db_path);
  add_account(db, provider.port());
  ASSERT_TRUE(db.exec("UPDATE sip_accounts SET register_enabled = 1").ok());
  set_schedule_until(db, start + std::chrono::hours(1));
  set_robocall(db, R"({"enabled":true,"attempts":2,"retry_after_min":30,"answer_timeout_s":20,)"
                   R"("max_calls":1,"max_calls_per_second":2,"retention_days":7})");
  const auto task = add_task(db, kPatient, start + std::chrono::days(1), start);
  ServeProcess serve(dir, db_path);
  ASSERT_TRUE(provider.wait_log("REGISTERED robocall", 1, 30s)) << serve.log() << provider.log();
  ASSERT_TRUE(phone.wait_output("connected.", 60s))
      << serve.log() << phone.report() << provider.log();
  phone.type("1");
  store::TasksRepo tasks(db);
  EXPECT_TRUE(eventually(
      [&] { return tasks.get(task).value().state == domain::TaskState::kConfirmed; }, 60s))
      << serve.log() << phone.report() << provider.log();
  EXPECT_EQ(serve.terminate(30s), 0) << serve.log();
  EXPECT_EQ(provider.log().find("Not registered"), std::string::npos) << provider.log();
}

}  // namespace
}  // namespace robocall::interop
