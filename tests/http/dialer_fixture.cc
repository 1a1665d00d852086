#include "dialer_fixture.h"

#include <thread>

#include "speech/phrase_cache.h"
#include "speech/phrase_renderer.h"
#include "speech/synthesizer.h"
#include "store/settings_repo.h"

namespace robocall::http::testing {
namespace {

// The speech synthesizer of the test process, shared by the dialers of its
// tests as `serve` shares its one between the dialer and the HTTP layer:
// espeak-ng allows one synthesizer per process, and a second one started in
// the same process after the first has stopped hangs in its first synthesis.
// Phrases are cached in memory.
struct SharedSpeech {
  SharedSpeech() {
    auto started = speech::Synthesizer::start();
    if (!started.ok()) {
      error = started.error().message;
      return;
    }
    synth = std::move(started).value();
    renderer = std::make_unique<speech::PhraseRenderer>(*synth, cache);
  }

  std::unique_ptr<speech::Synthesizer> synth;
  speech::PhraseCache cache;
  std::unique_ptr<speech::PhraseRenderer> renderer;
  std::string error;
};

SharedSpeech& shared_speech() {
  static SharedSpeech speech;
  return speech;
}

}  // namespace

void DialerApiTest::configure(ServerOptions& o) {
  const auto now =
      std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
  const auto robocall = R"({"answer_timeout_s":)" + std::to_string(answer_timeout().count()) + "}";
  auto stored = store::SettingsRepo(db()).put("robocall", robocall, "test", now);
  ASSERT_TRUE(stored.ok()) << stored.error().message;

  auto& speech = shared_speech();
  ASSERT_TRUE(speech.renderer) << speech.error;
  dialer::DialerOptions d;
  d.db_path = o.db_path;
  d.data_dir = o.data_dir;
  d.bind_ip = "127.0.0.1";
  d.sip_port = 0;
  d.max_lines = 20;
  d.shutdown_grace = std::chrono::seconds(2);
  d.renderer = speech.renderer.get();
  auto started = dialer::Dialer::start(std::move(d));
  ASSERT_TRUE(started.ok()) << started.error().message;
  dialer_ = std::move(started).value();
  o.dialer = dialer_.get();
}

void DialerApiTest::TearDown() {
  ApiTest::TearDown();
  if (dialer_) dialer_->stop();
  dialer_.reset();
}

std::uint16_t DialerApiTest::start_peer(const std::string& scenario,
                                        const std::map<std::string, std::string>& tokens,
                                        int calls) {
  const auto ports = sip::testing::free_peer_ports();
  sip::testing::SippOptions o(scenario, tokens, ports.sip, ports.media);
  o.calls = calls;
  // Quits by itself even when fewer calls come, and then fails.
  o.extra_args = {"-timeout", std::to_string(kPeerLifetime.count()) + "s", "-timeout_error"};
  peers_.push_back(std::make_unique<sip::testing::SippPeer>(std::move(o)));
  return ports.sip;
}

std::uint16_t DialerApiTest::ringing_peer(int calls) {
  return start_peer("ring_no_answer.xml", {}, calls);
}

std::uint16_t DialerApiTest::busy_peer(int calls) {
  return start_peer("reject.xml", {{"CODE", "486"}, {"REASON", "Busy Here"}}, calls);
}

void DialerApiTest::expect_peers_finished() {
  for (const auto& peer : peers_) {
    const auto status = peer->wait_exit(std::chrono::seconds(15));
    EXPECT_EQ(status, 0) << "SIPp did not take all its calls through its scenario:\n"
                         << peer->log();
  }
}

std::int64_t DialerApiTest::add_account(const Browser& b, int n, std::uint16_t peer_port) {
  auto res = post_json(b, "/api/sip/accounts",
                       {{"name", "линия " + std::to_string(n)},
                        {"username", "u" + std::to_string(n)},
                        {"server", "127.0.0.1:" + std::to_string(peer_port)}});
  EXPECT_TRUE(res && res->status == 201) << (res ? res->body : res.error());
  return res && res->status == 201 ? body(res)["id"].get<std::int64_t>() : 0;
}

httpc::Result DialerApiTest::test_call(const Browser& b, std::int64_t account) const {
  return post_json(b, "/api/sip/accounts/" + std::to_string(account) + "/test-call",
                   {{"phone", "9161234567"}});
}

std::future<httpc::Result> DialerApiTest::test_call_async(const Browser& b,
                                                          std::int64_t account) const {
  return std::async(std::launch::async, [this, b, account] { return test_call(b, account); });
}

int DialerApiTest::wait_for_active_calls(int n, std::chrono::milliseconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  for (;;) {
    const int active = dialer_ ? dialer_->live().active_calls : 0;
    if (active >= n || std::chrono::steady_clock::now() >= deadline) return active;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

std::uint64_t DialerApiTest::calls_placed() const {
  return dialer_ ? dialer_->stats().engine.calls_placed : 0;
}

}  // namespace robocall::http::testing
