// SIP answers no one but our calls' peers (docs/SECURITY.md "SIP"): an
// unsolicited INVITE used to get a 603 retransmitted for 32 s (a reflection
// amplifier), OPTIONS named robocall in a Server header, inbound TCP
// connections were held without a cap, and credentials went to any realm.
#include "peer_sockets.h"
#include "sip_call_fixture.h"

namespace robocall::sip::testing {
namespace {

using domain::CallOutcome;
using namespace std::chrono_literals;

// A request from outside any of our calls, as a scanner sends it.
std::string stray_request(const std::string& method, std::uint16_t to_port, std::uint16_t from_port,
                          const char* transport) {
  const std::string uri = "sip:9161234567@127.0.0.1:" + std::to_string(to_port);
  return method + " " + uri + " SIP/2.0\r\n" + "Via: SIP/2.0/" + transport +
         " 127.0.0.1:" + std::to_string(from_port) + ";branch=z9hG4bK-scan-" + method + "\r\n" +
         "Max-Forwards: 70\r\n"
         "From: <sip:scanner@127.0.0.1>;tag=scan1\r\n"
         "To: <" +
         uri + ">\r\n" + "Call-ID: scan-" + method + "@127.0.0.1\r\n" + "CSeq: 1 " + method +
         "\r\n" + "Contact: <sip:scanner@127.0.0.1:" + std::to_string(from_port) + ">\r\n" +
         "Content-Length: 0\r\n\r\n";
}

// Sends `method` over UDP from a socket of its own; what came back in `wait`.
std::string udp_request(const std::string& method, std::uint16_t sip_port,
                        std::chrono::milliseconds wait) {
  const Fd fd(socket(AF_INET, SOCK_DGRAM, 0));
  sockaddr_in self = loopback(0);
  bind(fd.get(), reinterpret_cast<const sockaddr*>(&self), sizeof self);
  socklen_t len = sizeof self;
  getsockname(fd.get(), reinterpret_cast<sockaddr*>(&self), &len);
  const std::string msg = stray_request(method, sip_port, ntohs(self.sin_port), "UDP");
  const sockaddr_in to = loopback(sip_port);
  sendto(fd.get(), msg.data(), msg.size(), 0, reinterpret_cast<const sockaddr*>(&to), sizeof to);
  return receive_for(fd.get(), wait);
}

std::unique_ptr<Engine> engine_with(TcpLimits limits) {
  EngineConfig config = test_engine_config();
  config.tcp = limits;
  auto e = Engine::start(config);
  EXPECT_TRUE(e.ok()) << e.error().message;
  return e.ok() ? std::move(*e) : nullptr;
}

TEST_F(SipCall, an_invite_from_outside_our_calls_gets_no_answer_at_all) {
  EXPECT_EQ(udp_request("INVITE", engine_->sip_port(), 2s), "");  // nor a retransmission
  EXPECT_EQ(engine_->stats().sip_dropped, 1u);
}

TEST_F(SipCall, an_options_from_outside_gets_no_answer_so_no_server_header) {
  EXPECT_EQ(udp_request("OPTIONS", engine_->sip_port(), 2s), "");
  EXPECT_EQ(udp_request("BYE", engine_->sip_port(), 500ms), "");
  EXPECT_EQ(engine_->stats().sip_dropped, 2u);
}

TEST_F(SipCall, a_request_from_outside_over_tcp_closes_its_connection_unanswered) {
  const Fd conn = tcp_connect(engine_->sip_port());
  ASSERT_GE(conn.get(), 0);
  const std::string msg = stray_request("OPTIONS", engine_->sip_port(), 5060, "TCP");
  ASSERT_EQ(send(conn.get(), msg.data(), msg.size(), MSG_NOSIGNAL),
            static_cast<ssize_t>(msg.size()));
  EXPECT_EQ(receive_for(conn.get(), 2s), "");
  EXPECT_TRUE(closed_within(conn.get(), 0ms));
}

TEST_F(SipCall, tcp_connections_past_eight_from_one_address_are_closed_and_a_call_still_works) {
  std::vector<Fd> held;
  for (int i = 0; i < 8; ++i) {
    held.push_back(tcp_connect(engine_->sip_port()));
    ASSERT_GE(held.back().get(), 0);
  }
  for (int i = 0; i < 3; ++i) {
    const Fd extra = tcp_connect(engine_->sip_port());
    EXPECT_TRUE(extra.get() < 0 || closed_within(extra.get(), 2s)) << "extra connection " << i;
  }
  for (const auto& fd : held) EXPECT_FALSE(closed_within(fd.get(), 50ms));

  const Ports p = slot(26);
  SippOptions o{"answer_silent.xml", {}, p.sip, p.media};
  o.extra_args = {"-t", "t1"};
  SippPeer peer(o);
  Account acc = account(p);
  acc.transport = Transport::kTcp;
  const Result r = call(acc, recorded(), phrase(500));
  EXPECT_TRUE(r.end.answered);
  EXPECT_EQ(r.end.outcome, CallOutcome::kNoInput);
  expect_peer_done(peer);
  EXPECT_EQ(engine_->stats().tcp_refused, 3u);
}

TEST(SipTcpCaps, connections_past_the_total_cap_are_closed_whatever_their_address) {
  auto engine = engine_with({.total = 3, .per_address = 8, .idle = 30s});
  ASSERT_TRUE(engine);
  std::vector<Fd> held;
  for (const char* ip : {"127.0.0.2", "127.0.0.3", "127.0.0.4"}) {
    held.push_back(tcp_connect(engine->sip_port(), ip));
    ASSERT_GE(held.back().get(), 0) << ip;
  }
  const Fd extra = tcp_connect(engine->sip_port(), "127.0.0.5");
  EXPECT_TRUE(extra.get() < 0 || closed_within(extra.get(), 2s));
  for (const auto& fd : held) EXPECT_FALSE(closed_within(fd.get(), 50ms));
  held.clear();  // once the engine has seen them go, a new one is admitted
  bool admitted = false;
  for (int i = 0; i < 20 && !admitted; ++i) {
    const Fd again = tcp_connect(engine->sip_port(), "127.0.0.5");
    admitted = again.get() >= 0 && !closed_within(again.get(), 300ms);
  }
  EXPECT_TRUE(admitted);
}

TEST(SipTcpCaps, an_idle_inbound_connection_is_closed_however_many_keepalives_it_sends) {
  auto engine = engine_with({.total = 64, .per_address = 8, .idle = 500ms});
  ASSERT_TRUE(engine);
  const Fd conn = tcp_connect(engine->sip_port());
  ASSERT_GE(conn.get(), 0);
  bool closed = false;
  for (int i = 0; i < 50 && !closed; ++i) {  // at most 5 s
    send(conn.get(), "\r\n\r\n", 4, MSG_NOSIGNAL);
    closed = closed_within(conn.get(), 100ms);
  }
  EXPECT_TRUE(closed);
}

TEST_F(SipCall, a_challenge_for_a_foreign_realm_gets_no_credentials_and_names_the_realm) {
  const Ports p = slot(27);
  SippPeer peer({"auth_foreign_realm.xml", {{"REALM", "evil"}}, p.sip, p.media});
  Account acc = account(p);
  acc.realm = "robocall.test";
  const Result r = call(acc, recorded(), phrase(500));
  EXPECT_FALSE(r.end.answered);
  EXPECT_EQ(r.end.sip_code, 401);
  EXPECT_EQ(r.end.outcome, CallOutcome::kConfigError);
  EXPECT_EQ(r.end.reason,
            "Провайдер запросил пароль для области «evil», а для учётной записи указана "
            "«robocall.test»");
  expect_peer_done(peer);  // no second INVITE came
}

TEST_F(SipCall, an_empty_realm_means_the_servers_host) {
  const Ports p = slot(28);
  SippPeer peer({"auth_foreign_realm.xml", {{"REALM", "robocall.test"}}, p.sip, p.media});
  const Result r = call(account(p), recorded(), phrase(500));
  EXPECT_EQ(r.end.outcome, CallOutcome::kConfigError);
  EXPECT_NE(r.end.reason.find("«127.0.0.1»"), std::string::npos) << r.end.reason;
  expect_peer_done(peer);
}

}  // namespace
}  // namespace robocall::sip::testing
