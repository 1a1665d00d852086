// DialerApiTest: an ApiTest whose server has the real dialer
// (dialer::Dialer in-process, its SIP on a free 127.0.0.1 port, its phrases
// from the process's one espeak-ng synthesizer) and real SIPp peers for it
// to call (tests/sip/sipp_peer.h): a test call through the API is a real
// INVITE to a peer. Nothing stands in for the dialer. Every wait is bounded;
// every peer quits by itself once its calls are through (and at the latest
// after kPeerLifetime); every call ends by itself: a ringing one when the
// dialer cancels it at the answer timeout, a busy one at once.
#pragma once

#include <chrono>
#include <cstdint>
#include <future>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "api_fixture.h"
#include "dialer/dialer.h"
#include "sipp_peer.h"

namespace robocall::http::testing {

class DialerApiTest : public ApiTest {
 protected:
  static constexpr std::chrono::seconds kPeerLifetime{90};

  // Stores the answer timeout in the RoboCall settings, starts the dialer on
  // the test's database and hands it to the server. A subclass that
  // overrides it calls it first.
  void configure(ServerOptions& o) override;
  // Stops the server (its requests wait for their calls), then the dialer.
  void TearDown() override;

  // How long a test call rings before the dialer cancels it (the settings'
  // answer_timeout_s, 5..120 s).
  virtual std::chrono::seconds answer_timeout() const { return std::chrono::seconds(10); }

  // Peers on free 127.0.0.1 ports that take exactly `calls` INVITEs and then
  // quit; their SIP ports. A ringing peer answers 180 Ringing and nothing
  // more until the dialer's CANCEL (tests/sip/scenarios/ring_no_answer.xml);
  // a busy one answers 486 Busy Here at once (reject.xml).
  std::uint16_t ringing_peer(int calls);
  std::uint16_t busy_peer(int calls);
  // Waits (at most 15 s each) for every peer to quit by itself and expects
  // each to have taken all its calls through its scenario.
  void expect_peers_finished();

  // A SIP account at the peer on `peer_port`, made through the API; its id
  // (0 after a failure, which is reported).
  std::int64_t add_account(const Browser& b, int n, std::uint16_t peer_port);
  // POST /api/sip/accounts/<id>/test-call, at once or on a thread of its own.
  httpc::Result test_call(const Browser& b, std::int64_t account) const;
  std::future<httpc::Result> test_call_async(const Browser& b, std::int64_t account) const;

  // Waits (at most `limit`) until the dialer has `n` calls in progress; how
  // many it has then.
  int wait_for_active_calls(int n, std::chrono::milliseconds limit);

  dialer::Dialer& dialer() { return *dialer_; }
  // INVITEs the dialer's SIP engine has sent since it started.
  std::uint64_t calls_placed() const;

 private:
  std::uint16_t start_peer(const std::string& scenario,
                           const std::map<std::string, std::string>& tokens, int calls);

  std::unique_ptr<dialer::Dialer> dialer_;
  std::vector<std::unique_ptr<sip::testing::SippPeer>> peers_;
};

}  // namespace robocall::http::testing
