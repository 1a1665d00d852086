// The fixture shared by the SIPp call tests: a running Engine, per-test
// ports, a scripted observer (the dialog in miniature) and recording checks.
// Used from the gtest thread; callbacks run on the engine's loop thread.
#pragma once

#include <gtest/gtest.h>

#include <cmath>
#include <future>
#include <numbers>

#include "audio/wav.h"
#include "sip/engine.h"
#include "sipp_peer.h"

namespace robocall::sip::testing {

inline constexpr const char* kDtmf1 = "/usr/share/sip-tester/dtmf_2833_1.pcap";
inline constexpr const char* kDtmf2 = "/usr/share/sip-tester/dtmf_2833_2.pcap";

// The port plan of the SIPp tests, which run in parallel with each other and
// with the dialer's tests: every test owns a slot, SIP port 21000 + 4n and
// SIPp's media ports from 22000 + 20n (audio, video and their RTCP: 4 ports);
// the engine under test takes its RTP ports from 30000-32767, between the
// slots and the kernel's ephemeral range (32768 and up), so an engine can
// never hold a port another test's SIPp is about to bind. Serve and the
// dialer use the product's range, 10000-20000.
struct Ports {
  std::uint16_t sip;
  std::uint16_t media;
};
inline Ports slot(int n) {
  return {static_cast<std::uint16_t>(21000 + 4 * n), static_cast<std::uint16_t>(22000 + 20 * n)};
}

inline EngineConfig test_engine_config() {
  EngineConfig config;
  config.rtp_port_min = 30000;
  config.rtp_port_max = 32767;
  config.shutdown_grace = std::chrono::milliseconds(500);
  return config;
}

inline std::vector<std::int16_t> sine(double f1, double f2, int ms, double amplitude) {
  std::vector<std::int16_t> out(static_cast<std::size_t>(8 * ms));
  for (std::size_t i = 0; i < out.size(); ++i) {
    const double t = static_cast<double>(i) / 8000.0;
    double v = std::sin(2 * std::numbers::pi * f1 * t);
    if (f2 > 0) v += std::sin(2 * std::numbers::pi * f2 * t);
    out[i] = static_cast<std::int16_t>(amplitude * v);
  }
  return out;
}

inline std::shared_ptr<const audio::Pcm> phrase(int ms) {
  audio::Pcm pcm;
  pcm.samples = sine(440, 0, ms, 8000);
  return std::make_shared<const audio::Pcm>(std::move(pcm));
}

inline Account account(Ports p, std::string password = "secret") {
  Account a;
  a.name = "test";
  a.username = "clinic";
  a.password = std::move(password);
  a.server = "127.0.0.1:" + std::to_string(p.sip);
  return a;
}

struct Result {
  CallEnd end;
  std::string digits;
  std::vector<std::uint16_t> progress;
  int finished = 0;
};

// The dialog in miniature: play the phrase once answered; a key stops it and
// 1 or 2 hangs up; after the phrase, one second of silence hangs up.
class ScriptedCall : public CallObserver {
 public:
  ScriptedCall(Engine& engine, std::shared_ptr<const audio::Pcm> phrase)
      : engine_(engine), phrase_(std::move(phrase)) {}
  sip::Call call;

  void on_progress(std::uint16_t code) override { result_.progress.push_back(code); }
  void on_answered() override { EXPECT_TRUE(call.play(phrase_).ok()); }
  void on_digit(char d) override {
    result_.digits += d;
    call.stop_playback();
    if (d == '1' || d == '2') call.hangup();
  }
  void on_playback_finished() override {
    ++result_.finished;
    silence_ = engine_.start_timer(std::chrono::seconds(1), [this] { call.hangup(); });
  }
  void on_ended(const CallEnd& end) override {
    silence_.reset();
    result_.end = end;
    done_.set_value(result_);
  }
  std::future<Result> result() { return done_.get_future(); }

 private:
  Engine& engine_;
  std::shared_ptr<const audio::Pcm> phrase_;
  sip::Timer silence_;
  Result result_;
  std::promise<Result> done_;
};

class SipCall : public ::testing::Test {
 protected:
  void SetUp() override {
    auto e = Engine::start(test_engine_config());
    ASSERT_TRUE(e.ok()) << e.error().message;
    engine_ = std::move(*e);
    dir_ = testing::make_temp_dir("robocall-sip-test");
  }
  void TearDown() override {
    engine_.reset();
    std::filesystem::remove_all(dir_);
  }

  Result call(const Account& acc, CallOptions options, std::shared_ptr<const audio::Pcm> audio) {
    ScriptedCall script(*engine_, std::move(audio));
    auto result = script.result();
    std::promise<Status> placed;
    engine_->post([&] {
      auto c = engine_->place_call(acc, "9161234567", options, script);
      if (c) script.call = *c;
      placed.set_value(c ? Status{} : Status(c.error()));
    });
    const Status st = placed.get_future().get();
    EXPECT_TRUE(st.ok()) << (st.ok() ? "" : st.error().message);
    if (!st.ok()) return {};
    if (result.wait_for(std::chrono::seconds(40)) != std::future_status::ready) {
      ADD_FAILURE() << "the call never ended";
      std::abort();
    }
    return result.get();
  }

  CallOptions recorded() {
    CallOptions o;
    o.record_path = dir_ / "call.wav";
    return o;
  }

  // Root mean square of one channel (0 left, 1 right) of the recording.
  std::pair<double, double> recording_levels() {
    auto pcm = audio::read_wav(dir_ / "call.wav");
    EXPECT_TRUE(pcm.ok()) << (pcm.ok() ? "" : pcm.error().message);
    if (!pcm.ok()) return {0, 0};
    EXPECT_EQ(pcm->channels, 2);
    EXPECT_EQ(pcm->sample_rate, 8000);
    EXPECT_GT(pcm->frames(), 0u);
    double sum[2] = {0, 0};
    for (std::size_t i = 0; i < pcm->samples.size(); ++i)
      sum[i % 2] += static_cast<double>(pcm->samples[i]) * pcm->samples[i];
    const double n = static_cast<double>(std::max<std::size_t>(pcm->frames(), 1));
    return {std::sqrt(sum[0] / n), std::sqrt(sum[1] / n)};
  }

  static void expect_peer_done(SippPeer& peer) {
    EXPECT_EQ(peer.wait_exit(std::chrono::seconds(10)), 0) << peer.log();
  }

  std::unique_ptr<Engine> engine_;
  std::filesystem::path dir_;
};

}  // namespace robocall::sip::testing
