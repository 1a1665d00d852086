// A trunk set to TLS is refused, never called over UDP instead (README
// "Connecting a real SIP provider", TLS): by the engine and by `robocall call`.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>

#include "peer_sockets.h"
#include "sip_call_fixture.h"

namespace robocall::sip::testing {
namespace {

// The observer of a call that must never start.
struct NeverCalled : CallObserver {
  void on_progress(std::uint16_t) override { ADD_FAILURE() << "progress"; }
  void on_answered() override { ADD_FAILURE() << "answered"; }
  void on_digit(char) override { ADD_FAILURE() << "digit"; }
  void on_playback_finished() override {}
  void on_ended(const CallEnd&) override { ADD_FAILURE() << "ended"; }
};

TEST_F(SipCall, a_tls_account_is_refused_before_anything_is_sent) {
  const Ports p = slot(55);
  const int listener = socket(AF_INET, SOCK_DGRAM, 0);  // the "provider": must hear nothing
  sockaddr_in a = loopback(p.sip);
  ASSERT_EQ(bind(listener, reinterpret_cast<sockaddr*>(&a), sizeof a), 0);
  Account acc = account(p);
  acc.transport = Transport::kTls;
  NeverCalled observer;
  std::promise<Status> placed;
  engine_->post([&] {
    auto c = engine_->place_call(acc, "9161234567", CallOptions{}, observer);
    placed.set_value(c ? Status{} : Status(c.error()));
  });
  const Status st = placed.get_future().get();
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().code, Errc::kInvalidArgument);
  EXPECT_NE(st.error().message.find("TLS не поддерживается"), std::string::npos);
  EXPECT_EQ(engine_->stats().calls_placed, 0u);
  char buf[2048];
  EXPECT_LT(recv(listener, buf, sizeof buf, MSG_DONTWAIT), 0);  // no INVITE over UDP
  close(listener);
}

TEST(RobocallCallTls, refuses_transport_tls_with_a_clear_message) {
  const std::string cmd = "printf 'secret\\n' | " + std::string(ROBOCALL_BINARY_PATH) +
                          " call --server 127.0.0.1:5061 --user clinic --password-stdin "
                          "--to 9161234567 --transport tls --json 2>/dev/null";
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  char buf[4096];
  for (std::size_t n; (n = fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
  const int st = pclose(p);
  ASSERT_TRUE(WIFEXITED(st));
  EXPECT_EQ(WEXITSTATUS(st), 2) << out;
  const auto j = nlohmann::json::parse(out, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << out;
  EXPECT_NE(j.value("error", "").find("TLS не поддерживается"), std::string::npos) << out;
}

}  // namespace
}  // namespace robocall::sip::testing
