// CallSession: one live call of the dialer. It feeds the call's events to the
// dialog (src/dialog), performs the actions the dialog returns (play, stop,
// silence timer, hang up) and reports how the call ended exactly once.
// THREADS: loop thread only (it is the call's sip::CallObserver).
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "audio/pcm.h"
#include "dialer/call_report.h"
#include "dialog/dialog.h"
#include "domain/outcome.h"
#include "domain/phrases.h"
#include "sip/call.h"
#include "sip/engine.h"

namespace robocall::dialer {

// The phrases of one call, phrase n at [n - 1] (7 and 8 empty when the
// verification step is off).
using CallPhrases = domain::PerPhrase<std::shared_ptr<const audio::Pcm>>;

// How the session ended; its outcome is settled by settle_outcome().
using SessionEnd = CallReport;

class CallSession : public sip::CallObserver {
 public:
  // Called once from on_ended. The session may be destroyed only after
  // on_ended has returned (post the deletion to the loop).
  using Done = std::function<void(CallSession&, const SessionEnd&)>;

  // With `verify_year`, the dialog runs the verification step (phrases 7 and
  // 8 must then be in `phrases`).
  CallSession(sip::Engine& engine, CallPhrases phrases, std::chrono::milliseconds silence_timeout,
              std::optional<std::chrono::year> verify_year, Done done);

  void attach(sip::Call call) { call_ = call; }
  // Ends the call now (shutdown past its grace): an undecided answered call
  // is recorded as interrupted.
  void force_hangup();
  bool answered() const { return answered_; }

  void on_answered() override;
  void on_digit(char digit) override;
  void on_playback_finished() override;
  void on_hold(bool held) override;
  void on_ended(const sip::CallEnd& end) override;

 private:
  void feed(const dialog::Event& event);
  void perform(const dialog::Action& action);

  sip::Engine& engine_;
  CallPhrases phrases_;
  dialog::Dialog dialog_;
  Done done_;
  sip::Call call_;
  sip::Timer silence_;
  std::chrono::milliseconds silence_after_{0};  // of the running silence timer
  bool silence_on_hold_ = false;                // the timer stopped by a hold, to restart on resume
  bool answered_ = false;
  bool forced_ = false;
  std::optional<dialog::RecordOutcome> decided_;
};

}  // namespace robocall::dialer
