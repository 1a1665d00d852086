// The engine's call lifecycle against SIPp: TCP, our own CANCEL, shutdown
// with a call in flight, the call limit, bad input and the loop-thread checks.
#include "sip_call_fixture.h"

namespace robocall::sip::testing {
namespace {

using domain::CallOutcome;
using namespace std::chrono_literals;

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
  EngineConfig config = test_engine_config();
  config.max_calls = 1;
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

#if !defined(NDEBUG) || defined(ROBOCALL_THREAD_CHECKS)
TEST_F(SipCall, a_loop_thread_only_method_called_on_another_thread_aborts) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_DEATH(engine_->assert_loop_thread(), "loop thread");
  EXPECT_DEATH((void)engine_->start_timer(1s, [] {}), "loop thread");
  EXPECT_DEATH(Call().hangup(), "loop thread");
  std::promise<void> checked;
  engine_->post([&] {
    engine_->assert_loop_thread();
    Call().hangup();
    checked.set_value();
  });
  EXPECT_EQ(checked.get_future().wait_for(5s), std::future_status::ready);
}
#endif

}  // namespace
}  // namespace robocall::sip::testing

namespace robocall::sip::testing {
namespace {

TEST_F(SipCall, the_ticker_lateness_histogram_counts_every_tick_once) {
  EngineStats s = engine_->stats();
  for (int i = 0; i < 500 && s.ticks < 5; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    s = engine_->stats();
  }
  ASSERT_GE(s.ticks, 5u);
  EXPECT_EQ(s.lateness.count(), s.ticks);
  ASSERT_EQ(s.lateness.counts.size(), s.lateness.bounds.size() + 1);
  EXPECT_TRUE(std::is_sorted(s.lateness.bounds.begin(), s.lateness.bounds.end()));
  EXPECT_GE(s.lateness.sum, 0.0);
}

}  // namespace
}  // namespace robocall::sip::testing
