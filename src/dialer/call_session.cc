#include "dialer/call_session.h"

#include <spdlog/spdlog.h>

namespace robocall::dialer {

CallSession::CallSession(sip::Engine& engine, CallPhrases phrases,
                         std::chrono::milliseconds silence_timeout,
                         std::optional<std::chrono::year> verify_year, Done done)
    : engine_(engine),
      phrases_(std::move(phrases)),
      dialog_(silence_timeout, verify_year),
      done_(std::move(done)) {}

void CallSession::force_hangup() {
  forced_ = true;
  silence_.reset();
  call_.hangup();
}

void CallSession::on_answered() {
  answered_ = true;
  feed(dialog::Answered{});
}

void CallSession::on_digit(char digit) {
  if (!answered_ || dialog_.ended()) return;
  feed(dialog::Digit{digit});
}

void CallSession::on_playback_finished() {
  if (dialog_.ended()) return;
  feed(dialog::PhraseFinished{});
}

// Hold time is not silence (docs/BEHAVIOUR.md "Keys, hold and session
// refresh"): a running silence timer stops and starts afresh on resume.
void CallSession::on_hold(bool held) {
  if (held && silence_.pending()) {
    silence_.reset();
    silence_on_hold_ = true;
  } else if (!held && silence_on_hold_) {
    silence_on_hold_ = false;
    silence_ = engine_.start_timer(silence_after_, [this] { feed(dialog::SilenceTimeout{}); });
  }
}

void CallSession::feed(const dialog::Event& event) {
  auto actions = dialog_.on(event);
  if (!actions) {
    spdlog::debug("dialer: call {}: dialog ignored an event: {}", call_.id(),
                  actions.error().message);
    return;
  }
  for (const auto& action : *actions) perform(action);
}

void CallSession::perform(const dialog::Action& action) {
  if (const auto* play = std::get_if<dialog::PlayPhrase>(&action)) {
    const auto& pcm = phrases_.at(static_cast<std::size_t>(play->phrase - 1));
    if (auto st = call_.play(pcm); !st) {
      spdlog::warn("dialer: call {}: phrase {} not played: {}", call_.id(), play->phrase,
                   st.error().message);
      call_.hangup();
    }
  } else if (std::holds_alternative<dialog::StopPlayback>(action)) {
    call_.stop_playback();
  } else if (const auto* timer = std::get_if<dialog::StartSilenceTimer>(&action)) {
    silence_after_ = timer->after;
    silence_on_hold_ = false;
    silence_ = engine_.start_timer(timer->after, [this] { feed(dialog::SilenceTimeout{}); });
  } else if (std::holds_alternative<dialog::StopSilenceTimer>(action)) {
    silence_on_hold_ = false;
    silence_.reset();
  } else if (std::holds_alternative<dialog::HangUp>(action)) {
    call_.hangup();
  } else if (const auto* outcome = std::get_if<dialog::RecordOutcome>(&action)) {
    decided_ = *outcome;
  }
}

void CallSession::on_ended(const sip::CallEnd& end) {
  silence_.reset();
  // Our own shutdown ending the call is no answer from the patient.
  const bool ours = forced_ || end.cause == sip::EndCause::kEngineStopped;
  if (end.answered && !decided_ && !dialog_.ended() && !ours) feed(dialog::RemoteHangup{});
  SessionEnd e;
  e.sip_code = end.sip_code;
  e.answered = end.answered;
  e.trunk_overloaded = end.trunk_overloaded;
  e.started = end.started;
  e.answered_at = end.answered_at;
  e.ended = end.ended;
  e.reason = end.reason;
  e.digits = decided_ ? decided_->digits : dialog_.digits();
  e.outcome = settle_outcome(end.outcome, end.answered, ours,
                             decided_ ? std::optional(decided_->outcome) : std::nullopt);
  done_(*this, e);
}

}  // namespace robocall::dialer
