// Registration and the outbound proxy against SIPp (docs/BEHAVIOUR.md "Trunk
// problems"): a registrar that challenges, grants and gets the refresh; one
// that refuses with 403; a proxy that must receive REGISTER and INVITE with a
// loose Route while the Request-URI stays the trunk's.
#include <thread>

#include "sip_call_fixture.h"

namespace robocall::sip::testing {
namespace {

using domain::CallOutcome;
using namespace std::chrono_literals;

// Polls the engine until the account's registration reaches `state` (or 10 s
// pass, which fails the test with the last state seen).
RegistrationStatus wait_for(Engine& engine, std::int64_t key, RegistrationState state) {
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  RegistrationStatus st = engine.registration(key);
  while (st.state != state && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(20ms);
    st = engine.registration(key);
  }
  EXPECT_EQ(static_cast<int>(st.state), static_cast<int>(state)) << st.error;
  return st;
}

Account registering(Ports p, int expiry_s) {
  Account a = account(p);
  a.register_enabled = true;
  a.register_expiry_s = expiry_s;
  return a;
}

TEST_F(SipCall, an_account_registers_with_its_digest_and_refreshes_before_expiry) {
  const Ports p = slot(50);
  SippPeer peer({"register.xml", {{"EXPIRES", "2"}}, p.sip, p.media});
  engine_->set_registration(1, registering(p, 2));
  const auto st = wait_for(*engine_, 1, RegistrationState::kRegistered);
  EXPECT_GT(st.until, std::chrono::system_clock::now() - 1s);
  EXPECT_EQ(st.failures, 0);
  expect_peer_done(peer);  // the refresh REGISTER came and was answered
  EXPECT_EQ(engine_->registration(1).state, RegistrationState::kRegistered);
}

TEST_F(SipCall, a_refused_registration_is_failed_with_its_code_and_a_retry_time) {
  const Ports p = slot(51);
  SippPeer peer({"register_forbidden.xml", {}, p.sip, p.media});
  engine_->set_registration(7, registering(p, 600));
  const auto st = wait_for(*engine_, 7, RegistrationState::kFailed);
  EXPECT_EQ(st.sip_code, 403);
  EXPECT_EQ(st.error, "Forbidden");
  EXPECT_EQ(st.failures, 1);
  EXPECT_GT(st.retry_at, std::chrono::system_clock::now() + 20s);  // the first back-off, 30 s
  expect_peer_done(peer);
  engine_->clear_registration(7);
  wait_for(*engine_, 7, RegistrationState::kOff);
}

TEST_F(SipCall, register_goes_to_the_outbound_proxy_with_a_loose_route) {
  const Ports p = slot(52);
  const std::string port = std::to_string(p.sip);
  SippPeer peer({"proxy.xml",
                 {{"METHOD", "REGISTER"},
                  {"TARGET", "sip:127\\.0\\.0\\.1:5"},
                  {"PORT", port},
                  {"CODE", "200"},
                  {"REASON", "OK"},
                  {"TAIL", ""}},
                 p.sip,
                 p.media});
  Account a = registering(p, 600);
  a.server = "127.0.0.1:5";  // nobody there: only the proxy may be reached
  a.outbound_proxy = "127.0.0.1:" + port;
  engine_->set_registration(3, a);
  wait_for(*engine_, 3, RegistrationState::kRegistered);
  expect_peer_done(peer);
}

TEST_F(SipCall, invite_goes_to_the_outbound_proxy_with_the_trunks_request_uri) {
  const Ports p = slot(53);
  const std::string port = std::to_string(p.sip);
  SippPeer peer({"proxy.xml",
                 {{"METHOD", "INVITE"},
                  {"TARGET", "sip:89161234567@127\\.0\\.0\\.1:5"},
                  {"PORT", port},
                  {"CODE", "486"},
                  {"REASON", "Busy Here"},
                  {"TAIL", "<recv request=\"ACK\"/>"}},
                 p.sip,
                 p.media});
  Account a = account(p);
  a.server = "127.0.0.1:5";
  a.prefix = "8";
  a.outbound_proxy = "127.0.0.1:" + port;
  const Result r = call(a, recorded(), phrase(500));
  EXPECT_EQ(r.end.sip_code, 486);
  EXPECT_EQ(r.end.outcome, CallOutcome::kBusy);
  expect_peer_done(peer);
}

}  // namespace
}  // namespace robocall::sip::testing
