// Calls from the engine to a real SIPp peer on 127.0.0.1, one SIPp per test
// on ports of its own (ctest -j2 runs two at once). Each test pins what the
// dialer relies on: outcome, SIP code, digits, and the recording's channels.
#include <gtest/gtest.h>

#include <cmath>
#include <future>
#include <numbers>

#include "audio/wav.h"
#include "sip/engine.h"
#include "sipp_peer.h"

namespace robocall::sip {
namespace {

using domain::CallOutcome;
using testing::SippOptions;
using testing::SippPeer;
using namespace std::chrono_literals;

constexpr const char* kDtmf1 = "/usr/share/sip-tester/dtmf_2833_1.pcap";
constexpr const char* kDtmf2 = "/usr/share/sip-tester/dtmf_2833_2.pcap";

// Every test owns a slot: SIP port 31000 + 4n, media ports from 41000 + 20n.
struct Ports {
  std::uint16_t sip;
  std::uint16_t media;
};
Ports slot(int n) {
  return {static_cast<std::uint16_t>(31000 + 4 * n), static_cast<std::uint16_t>(41000 + 20 * n)};
}

std::vector<std::int16_t> sine(double f1, double f2, int ms, double amplitude) {
  std::vector<std::int16_t> out(static_cast<std::size_t>(8 * ms));
  for (std::size_t i = 0; i < out.size(); ++i) {
    const double t = static_cast<double>(i) / 8000.0;
    double v = std::sin(2 * std::numbers::pi * f1 * t);
    if (f2 > 0) v += std::sin(2 * std::numbers::pi * f2 * t);
    out[i] = static_cast<std::int16_t>(amplitude * v);
  }
  return out;
}

std::shared_ptr<const audio::Pcm> phrase(int ms) {
  audio::Pcm pcm;
  pcm.samples = sine(440, 0, ms, 8000);
  return std::make_shared<const audio::Pcm>(std::move(pcm));
}

Account account(Ports p, std::string password = "secret") {
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
    silence_ = engine_.start_timer(1s, [this] { call.hangup(); });
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
    EngineConfig config;
    config.rtp_port_min = 20000;
    config.rtp_port_max = 29999;
    config.shutdown_grace = 500ms;
    auto e = Engine::start(config);
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
    if (result.wait_for(40s) != std::future_status::ready) {
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

  static void expect_peer_done(SippPeer& peer) { EXPECT_EQ(peer.wait_exit(10s), 0) << peer.log(); }

  std::unique_ptr<Engine> engine_;
  std::filesystem::path dir_;
};

TEST_F(SipCall, answered_call_hears_key_1_sent_as_telephone_event) {
  const Ports p = slot(0);
  SippPeer peer({"answer_key.xml", {{"PCAP", kDtmf1}}, p.sip, p.media});
  const Result r = call(account(p), recorded(), phrase(2000));
  EXPECT_TRUE(r.end.answered);
  EXPECT_EQ(r.end.sip_code, 200);
  EXPECT_EQ(r.digits, "1");
  EXPECT_EQ(r.end.cause, EndCause::kLocalHangup);
  EXPECT_EQ(r.end.outcome, CallOutcome::kNoInput);  // the dialog turns "1" into confirmed
  expect_peer_done(peer);
  const auto [patient, system] = recording_levels();
  EXPECT_GT(system, 1000.0);
}

TEST_F(SipCall, answered_call_hears_key_2_sent_as_telephone_event) {
  const Ports p = slot(1);
  SippPeer peer({"answer_key.xml", {{"PCAP", kDtmf2}}, p.sip, p.media});
  const Result r = call(account(p), recorded(), phrase(2000));
  EXPECT_TRUE(r.end.answered);
  EXPECT_EQ(r.digits, "2");
  expect_peer_done(peer);
  EXPECT_GT(recording_levels().second, 1000.0);
}

TEST_F(SipCall, answered_call_without_a_key_plays_the_phrase_to_its_end) {
  const Ports p = slot(2);
  SippPeer peer({"answer_silent.xml", {}, p.sip, p.media});
  const Result r = call(account(p), recorded(), phrase(600));
  EXPECT_TRUE(r.end.answered);
  EXPECT_EQ(r.digits, "");
  EXPECT_EQ(r.finished, 1);
  EXPECT_EQ(r.end.outcome, CallOutcome::kNoInput);
  expect_peer_done(peer);
  const auto [patient, system] = recording_levels();
  EXPECT_GT(system, 1000.0);
  EXPECT_LT(patient, 50.0);
}

TEST_F(SipCall, answered_call_hears_key_1_played_in_band) {
  const Ports p = slot(3);
  std::vector<std::int16_t> audio(8 * 200, 0);
  const auto tone = sine(697, 1209, 240, 5000);
  audio.insert(audio.end(), tone.begin(), tone.end());
  audio.insert(audio.end(), 8 * 400, 0);
  const auto pcap = dir_ / "inband_1.pcap";
  testing::write_g711_pcap(pcap, audio, 8);
  SippPeer peer({"answer_key.xml", {{"PCAP", pcap.string()}}, p.sip, p.media});
  const Result r = call(account(p), recorded(), phrase(2000));
  EXPECT_TRUE(r.end.answered);
  EXPECT_EQ(r.digits, "1");
  expect_peer_done(peer);
  const auto [patient, system] = recording_levels();
  EXPECT_GT(patient, 100.0);
  EXPECT_GT(system, 1000.0);
}

struct Rejection {
  int slot;
  const char* code;
  const char* reason;
  CallOutcome outcome;
  bool overloaded;
};

class SipRejection : public SipCall, public ::testing::WithParamInterface<Rejection> {};

TEST_P(SipRejection, final_response_is_classified_with_its_code_kept) {
  const Rejection& row = GetParam();
  const Ports p = slot(row.slot);
  SippPeer peer({"reject.xml", {{"CODE", row.code}, {"REASON", row.reason}}, p.sip, p.media});
  const Result r = call(account(p), recorded(), phrase(500));
  EXPECT_FALSE(r.end.answered);
  EXPECT_EQ(r.end.cause, EndCause::kFinalResponse);
  EXPECT_EQ(r.end.sip_code, std::stoi(row.code));
  EXPECT_EQ(r.end.outcome, row.outcome);
  EXPECT_EQ(r.end.trunk_overloaded, row.overloaded);
  EXPECT_EQ(r.end.reason, row.reason);
  expect_peer_done(peer);
  EXPECT_FALSE(std::filesystem::exists(dir_ / "call.wav"));
}

INSTANTIATE_TEST_SUITE_P(
    Codes, SipRejection,
    ::testing::Values(Rejection{4, "486", "Busy Here", CallOutcome::kBusy, false},
                      Rejection{5, "480", "Temporarily Unavailable", CallOutcome::kUnavailable,
                                false},
                      Rejection{6, "404", "Not Found", CallOutcome::kUnavailable, false},
                      Rejection{7, "503", "Service Unavailable", CallOutcome::kFailed, true}),
    [](const auto& info) { return std::string("sip_") + info.param.code; });

TEST_F(SipCall, ringing_past_the_answer_timeout_is_cancelled_as_no_answer) {
  const Ports p = slot(8);
  SippPeer peer({"ring_no_answer.xml", {}, p.sip, p.media});
  CallOptions o = recorded();
  o.answer_timeout = 1s;
  const Result r = call(account(p), o, phrase(500));
  EXPECT_FALSE(r.end.answered);
  EXPECT_EQ(r.progress, std::vector<std::uint16_t>{180});
  EXPECT_EQ(r.end.cause, EndCause::kAnswerTimeout);
  EXPECT_EQ(r.end.outcome, CallOutcome::kNoAnswer);
  EXPECT_EQ(r.end.sip_code, 487);
  expect_peer_done(peer);  // it saw our CANCEL and the ACK of its 487
}

TEST_F(SipCall, a_trunk_that_never_responds_fails_after_the_response_timeout) {
  const Ports p = slot(9);
  SippPeer peer({"no_response.xml", {}, p.sip, p.media});
  CallOptions o = recorded();
  o.no_response_timeout = 1s;
  const Result r = call(account(p), o, phrase(500));
  EXPECT_FALSE(r.end.answered);
  EXPECT_EQ(r.end.cause, EndCause::kNoResponse);
  EXPECT_EQ(r.end.outcome, CallOutcome::kFailed);
  EXPECT_EQ(r.end.sip_code, 0);
}

TEST_F(SipCall, a_401_challenge_is_answered_with_the_account_credentials) {
  const Ports p = slot(10);
  SippPeer peer({"auth.xml", {{"PCAP", kDtmf1}}, p.sip, p.media});
  const Result r = call(account(p, "secret"), recorded(), phrase(2000));
  EXPECT_TRUE(r.end.answered);
  EXPECT_EQ(r.digits, "1");
  expect_peer_done(peer);
}

TEST_F(SipCall, a_wrong_password_is_a_configuration_error) {
  const Ports p = slot(11);
  SippPeer peer({"auth.xml", {{"PCAP", kDtmf1}}, p.sip, p.media});
  const Result r = call(account(p, "wrong"), recorded(), phrase(500));
  EXPECT_FALSE(r.end.answered);
  EXPECT_EQ(r.end.sip_code, 403);
  EXPECT_EQ(r.end.outcome, CallOutcome::kConfigError);
  expect_peer_done(peer);
}

TEST_F(SipCall, the_patient_hanging_up_mid_phrase_ends_the_call) {
  const Ports p = slot(12);
  SippPeer peer({"remote_bye.xml", {}, p.sip, p.media});
  const Result r = call(account(p), recorded(), phrase(5000));
  EXPECT_TRUE(r.end.answered);
  EXPECT_EQ(r.end.cause, EndCause::kRemoteBye);
  EXPECT_EQ(r.finished, 0);
  EXPECT_LT(r.end.ended - *r.end.answered_at, 4s);
  expect_peer_done(peer);
  EXPECT_GT(recording_levels().second, 1000.0);
}

TEST_F(SipCall, a_pcma_only_answer_gets_pcma) {
  const Ports p = slot(13);
  SippOptions o{"answer_pcma_only.xml", {{"PCAP", kDtmf1}}, p.sip, p.media};
  o.rtp_echo = true;
  SippPeer peer(o);
  const Result r = call(account(p), recorded(), phrase(2000));
  EXPECT_EQ(r.end.codec, "PCMA");
  EXPECT_EQ(r.digits, "1");
  expect_peer_done(peer);
  const auto [patient, system] = recording_levels();
  EXPECT_GT(patient, 1000.0);  // our phrase echoed back through the codec
  EXPECT_GT(system, 1000.0);
}

TEST_F(SipCall, a_pcmu_only_answer_gets_pcmu) {
  const Ports p = slot(14);
  SippOptions o{"answer_pcmu_only.xml", {{"PCAP", kDtmf1}}, p.sip, p.media};
  o.rtp_echo = true;
  SippPeer peer(o);
  const Result r = call(account(p), recorded(), phrase(2000));
  EXPECT_EQ(r.end.codec, "PCMU");
  EXPECT_EQ(r.digits, "1");
  expect_peer_done(peer);
  const auto [patient, system] = recording_levels();
  EXPECT_GT(patient, 1000.0);
  EXPECT_GT(system, 1000.0);
}

TEST_F(SipCall, sdp_in_a_183_carries_the_media_when_the_200_has_none) {
  const Ports p = slot(15);
  SippPeer peer({"early_media.xml", {{"PCAP", kDtmf1}}, p.sip, p.media});
  const Result r = call(account(p), recorded(), phrase(2000));
  EXPECT_EQ(r.progress, std::vector<std::uint16_t>{183});
  EXPECT_TRUE(r.end.answered);
  EXPECT_EQ(r.end.codec, "PCMU");
  EXPECT_EQ(r.digits, "1");
  expect_peer_done(peer);
  EXPECT_GT(recording_levels().second, 1000.0);
}

TEST_F(SipCall, tcp_accounts_call_over_tcp) {
  const Ports p = slot(18);
  SippOptions o{"answer_key.xml", {{"PCAP", kDtmf1}}, p.sip, p.media};
  o.extra_args = {"-t", "t1"};
  SippPeer peer(o);
  Account acc = account(p);
  acc.transport = Transport::kTcp;
  const Result r = call(acc, recorded(), phrase(2000));
  EXPECT_TRUE(r.end.answered);
  EXPECT_EQ(r.digits, "1");
  expect_peer_done(peer);
}

// Hangs up from on_progress: our CANCEL while ringing.
class HangUpWhileRinging : public CallObserver {
 public:
  sip::Call call;
  std::promise<CallEnd> ended;
  void on_progress(std::uint16_t) override { call.hangup(); }
  void on_ended(const CallEnd& end) override { ended.set_value(end); }
};

TEST_F(SipCall, hanging_up_while_ringing_cancels_the_call_as_interrupted) {
  const Ports p = slot(19);
  SippPeer peer({"ring_no_answer.xml", {}, p.sip, p.media});
  HangUpWhileRinging observer;
  auto ended = observer.ended.get_future();
  engine_->post([&] {
    auto c = engine_->place_call(account(p), "9161234567", CallOptions{}, observer);
    ASSERT_TRUE(c.ok());
    observer.call = *c;
  });
  ASSERT_EQ(ended.wait_for(20s), std::future_status::ready);
  const CallEnd end = ended.get();
  EXPECT_EQ(end.cause, EndCause::kLocalHangup);
  EXPECT_EQ(end.outcome, CallOutcome::kInterrupted);
  EXPECT_FALSE(end.answered);
  expect_peer_done(peer);  // it saw our CANCEL and the ACK of its 487
}

class Recording : public CallObserver {
 public:
  std::promise<void> answered;
  std::promise<CallEnd> ended;
  void on_answered() override { answered.set_value(); }
  void on_ended(const CallEnd& end) override { ended.set_value(end); }
};

TEST_F(SipCall, stopping_the_engine_ends_live_calls_with_a_bye_and_tells_their_observers) {
  const Ports p = slot(20);
  SippPeer peer({"answer_silent.xml", {}, p.sip, p.media});
  Recording observer;
  auto answered = observer.answered.get_future();
  auto ended = observer.ended.get_future();
  engine_->post([&] {
    ASSERT_TRUE(engine_->place_call(account(p), "9161234567", recorded(), observer).ok());
  });
  ASSERT_EQ(answered.wait_for(20s), std::future_status::ready);
  engine_.reset();
  ASSERT_EQ(ended.wait_for(0s), std::future_status::ready);
  const CallEnd end = ended.get();
  EXPECT_EQ(end.cause, EndCause::kEngineStopped);
  EXPECT_EQ(end.outcome, CallOutcome::kInterrupted);
  EXPECT_TRUE(end.answered);
  expect_peer_done(peer);
  auto pcm = audio::read_wav(dir_ / "call.wav");
  EXPECT_TRUE(pcm.ok());
}

TEST_F(SipCall, a_full_engine_refuses_another_call_and_says_why) {
  TearDown();
  EngineConfig config;
  config.max_calls = 1;
  config.rtp_port_min = 20000;
  config.rtp_port_max = 29999;
  config.shutdown_grace = 500ms;
  auto e = Engine::start(config);
  ASSERT_TRUE(e.ok());
  engine_ = std::move(*e);
  dir_ = testing::make_temp_dir("robocall-sip-test");
  const Ports p = slot(21);
  SippPeer peer({"ring_no_answer.xml", {}, p.sip, p.media});
  HangUpWhileRinging first;
  HangUpWhileRinging second;
  std::promise<robocall::Result<Call>> refused;
  engine_->post([&] {
    auto c = engine_->place_call(account(p), "9161234567", CallOptions{}, first);
    ASSERT_TRUE(c.ok());
    first.call = *c;
    refused.set_value(engine_->place_call(account(p), "9161234567", CallOptions{}, second));
  });
  auto r = refused.get_future().get();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, Errc::kLimitExceeded);
  EXPECT_EQ(first.ended.get_future().wait_for(20s), std::future_status::ready);
}

TEST_F(SipCall, a_bad_number_is_refused_before_anything_is_sent) {
  HangUpWhileRinging observer;
  std::promise<robocall::Result<Call>> placed;
  engine_->post([&] {
    placed.set_value(engine_->place_call(account(slot(22)), "12345", CallOptions{}, observer));
  });
  auto r = placed.get_future().get();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, Errc::kInvalidArgument);
}

}  // namespace
}  // namespace robocall::sip
