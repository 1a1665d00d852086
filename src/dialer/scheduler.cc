#include "dialer/scheduler.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "dialer/claim_plan.h"
#include "domain/lease_plan.h"

namespace robocall::dialer {
namespace {

using domain::CallOutcome;
using domain::Instant;

Instant to_instant(CallReport::Clock::time_point t) {
  return std::chrono::floor<std::chrono::seconds>(t);
}

store::TaskTransition transition(const domain::RetryDecision& d) {
  return {d.state, d.attempts, d.next_attempt};
}

std::string auth_pause(const std::string& account, int sip_code) {
  return "Ошибка авторизации SIP (код " + std::to_string(sip_code) +
         "): проверьте имя пользователя и пароль учётной записи «" + account +
         "». Обзвон приостановлен.";
}

}  // namespace

Scheduler::Scheduler(const domain::Clock& clock) : clock_(clock) {}

store::TaskTransition Scheduler::after_crash(const SchedulerConfig& config,
                                             const domain::Task& task, Instant now) {
  return transition(
      domain::decide_retry(config.retry, config.calendar,
                           {task.attempts, CallOutcome::kInterrupted, task.appointment, now}));
}

std::vector<Command> Scheduler::on(const Input& input) {
  Out out;
  std::visit([&](const auto& in) { handle(in, out); }, input);
  pump(out);
  return out;
}

void Scheduler::handle(const ConfigChanged& in, Out&) {
  const bool account_changed = config_ && config_->account_identity != in.config.account_identity;
  if (in.by_admin || account_changed) {
    pause_.clear();
    trunk_.clear();
  }
  pacer_.set_limit(in.config.calls_per_second);
  config_ = in.config;
}

void Scheduler::handle(const Enabled& in, Out&) {
  if (!config_) return;
  config_->enabled = in.on;
  if (in.on) {
    pause_.clear();
    trunk_.clear();
  }
}

void Scheduler::handle(const Claimed& in, Out& out) {
  claiming_ = false;
  if (static_cast<int>(in.claims.size()) < asked_) next_claim_ = clock_.steady() + kIdlePoll;
  const auto now = clock_.now();
  for (const auto& c : in.claims) {
    if (!may_dial(now)) {
      give_back(c, "dialing stopped while the task was being claimed", out);
    } else if (c.task.appointment <= now || c.task.attempts >= config_->retry.max_attempts) {
      give_back(c, "it may no longer be called", out);
    } else {
      preparing_.emplace(c.task.id, c);
      out.push_back(Prepare{c});
    }
  }
}

void Scheduler::handle(const ClaimFailed&, Out&) {
  claiming_ = false;
  next_claim_ = clock_.steady() + kIdlePoll;
}

void Scheduler::handle(const Prepared& in, Out& out) {
  auto node = preparing_.extract(in.task_id);
  if (node.empty()) {
    out.push_back(Drop{in.task_id});  // its lease was lost meanwhile
    return;
  }
  const auto& claim = node.mapped();
  if (in.error) {
    pause("Не удалось подготовить фразы звонка: " + *in.error + ". Обзвон приостановлен.");
    give_back(claim, "its phrases could not be prepared", out);
  } else if (!may_dial(clock_.now())) {
    give_back(claim, "dialing stopped before the call started", out);
  } else {
    ready_.push_back(std::move(claim));
  }
}

void Scheduler::handle(const DialFailed& in, Out& out) {
  auto node = live_.extract(in.task_id);
  if (node.empty()) return;
  if (in.account_error && config_)
    pause("Ошибка учётной записи SIP «" + config_->account.value_or("") + "»: " + in.message);
  CallReport report;
  report.outcome = CallOutcome::kFailed;
  report.started = report.ended = CallReport::Clock::time_point(clock_.now());
  report.reason = in.message;
  record(node.mapped(), report, std::nullopt, out);
}

void Scheduler::handle(const CallEnded& in, Out& out) {
  auto node = live_.extract(in.task_id);
  if (node.empty()) return;
  const auto& r = in.report;
  if (r.trunk_overloaded) pacer_.overloaded(clock_.steady());
  if (r.outcome == CallOutcome::kConfigError && config_)
    pause(auth_pause(config_->account.value_or(""), r.sip_code), r.sip_code);
  note_trunk(r.outcome == CallOutcome::kFailed, clock_.steady(), r.sip_code);
  record(node.mapped(), r, r.answered ? in.recording : std::nullopt, out);
}

void Scheduler::handle(const Renewed& in, Out& out) {
  const std::set<std::int64_t> held(in.task_ids.begin(), in.task_ids.end());
  const auto lost = [&](const store::Claim& c) {
    if (held.contains(c.task.id)) return false;
    out.push_back(Drop{c.task.id});
    return true;
  };
  // Another node took these back: never dial them, hang up their calls (the
  // store refuses what this node would record for them).
  std::erase_if(preparing_, [&](const auto& p) { return lost(p.second); });
  std::erase_if(ready_, lost);
  for (const auto& [id, c] : live_) lost(c);
}

void Scheduler::keep_leases(Out& out) {
  const auto now_ms = clock_.now_ms();
  const bool holding = !preparing_.empty() || !ready_.empty() || !live_.empty();
  if (holding && now_ms >= next_renew_) {
    next_renew_ = domain::next_renewal(now_ms);
    out.push_back(Renew{now_ms});
  }
  if (!holding) next_renew_ = domain::next_renewal(now_ms);
  if (config_ && !stopping_ && now_ms >= next_sweep_) {
    next_sweep_ = now_ms + domain::kLeaseSweepEvery;
    out.push_back(RecoverExpired{clock_.now(), now_ms});
  }
}

void Scheduler::handle(const Stop&, Out&) {
  stopping_ = true;
}

bool Scheduler::may_dial(Instant now) const {
  return config_ && config_->enabled && config_->account && pause_.empty() &&
         !registration_.blocks && !stopping_ && config_->calendar.is_open(now);
}

void Scheduler::give_back(const store::Claim& claim, std::string why, Out& out) {
  const auto now = clock_.now();
  store::TaskTransition next{domain::TaskState::kPending, claim.task.attempts,
                             claim.task.next_attempt.value_or(now)};
  if (claim.task.appointment <= now) {
    next = {domain::TaskState::kExpired, claim.task.attempts, std::nullopt};
  } else if (config_ && claim.task.attempts >= config_->retry.max_attempts) {
    next = {domain::TaskState::kExhausted, claim.task.attempts, std::nullopt};
  }
  out.push_back(Release{claim, next, std::move(why)});
}

void Scheduler::record(const store::Claim& claim, const CallReport& report,
                       std::optional<std::string> recording, Out& out) {
  const auto ended = to_instant(report.ended);
  domain::RetrySettings retry = config_->retry;
  if (report.trunk_overloaded) retry.retry_after = kOverloadRetry;
  const auto decision = domain::decide_retry(
      retry, config_->calendar,
      {claim.task.attempts, report.outcome, claim.task.appointment, ended, claim.failures});
  store::AttemptResult r;
  r.attempt_id = claim.attempt.id;
  r.outcome = report.outcome;
  if (report.sip_code) r.sip_code = report.sip_code;
  r.digits = report.digits;
  if (report.answered_at) r.answered = to_instant(*report.answered_at);
  r.ended = ended;
  r.ring_ms = report.ringing().count();
  if (report.answered) r.talk_ms = report.talk().count();
  r.recording = std::move(recording);
  r.task = transition(decision);
  std::string log =
      "task " + std::to_string(claim.task.id) + " attempt " + std::to_string(claim.attempt.id) +
      ": " + std::string(domain::to_string(report.outcome)) + " (SIP " +
      std::to_string(report.sip_code) + "), task " + std::string(domain::to_string(decision.state));
  out.push_back(Record{claim.task.id, std::move(r), std::move(log)});
}

void Scheduler::pause(std::string reason, std::optional<int> sip_code) {
  if (!pause_.empty()) return;
  pause_ = std::move(reason);
  pause_code_ = sip_code;
}

void Scheduler::note_trunk(bool failed, domain::SteadyTime now, int sip_code) {
  trunk_.push_back({now, failed});
  while (!trunk_.empty() && trunk_.front().at + kTrunkWindow < now) trunk_.pop_front();
  if (static_cast<int>(trunk_.size()) < kTrunkFailures) return;
  if (std::all_of(trunk_.begin(), trunk_.end(), [](const TrunkCall& c) { return c.failed; })) {
    pause("Все звонки за последние " + std::to_string(kTrunkWindow.count()) +
              " минут завершились ошибкой на стороне оператора связи или сервера. Обзвон "
              "приостановлен: проверьте подключение к оператору и включите обзвон снова.",
          sip_code != 0 ? std::optional<int>(sip_code) : std::nullopt);
  }
}

DialerLive Scheduler::state(Instant now) const {
  DialerLive s;
  s.active_calls = static_cast<int>(live_.size());
  // Switched off by the administrator reads as stopped, whatever else is
  // wrong (docs/BEHAVIOUR.md "The status strip").
  if (!config_ || stopping_ || !config_->enabled) {
    s.state = DialerState::kStopped;
  } else if (!config_->account) {
    s.state = DialerState::kSipError;
    s.error = "Не задана учётная запись SIP по умолчанию: добавьте её в настройках SIP";
  } else if (registration_.failed) {
    s.state = DialerState::kSipError;
    s.error = "Регистрация учётной записи SIP «" + config_->account.value_or("") +
              "» не удалась: " + registration_.error +
              ". Обзвон приостановлен до успешной регистрации";
    s.paused = true;
    s.sip_code = registration_.sip_code;
    s.registration_failed = true;
  } else if (!pause_.empty()) {
    s.state = DialerState::kSipError;
    s.error = pause_;
    s.paused = true;
    s.sip_code = pause_code_;
  } else if (!config_->calendar.is_open(now)) {
    s.state = DialerState::kOutsideHours;
  } else {
    s.state = DialerState::kRunning;
  }
  return s;
}

void Scheduler::pump(Out& out) {
  const auto now = clock_.now();
  const auto steady = clock_.steady();
  std::optional<domain::SteadyTime> wake;
  if (!may_dial(now)) {
    while (!ready_.empty()) {
      give_back(ready_.front(), "dialing stopped before the call started", out);
      ready_.pop_front();
    }
  } else {
    const int lines = config_->max_calls;
    const auto now_ms = clock_.now_ms();
    // A claim's start slot (the account's pacing across nodes) comes first.
    const auto slot_due = [&] {
      const auto& slot = ready_.front().start_at;
      if (!slot || *slot <= now_ms) return true;
      wake = steady + (*slot - now_ms);
      return false;
    };
    while (!ready_.empty() && static_cast<int>(live_.size()) < lines && slot_due() &&
           pacer_.may_start(steady)) {
      store::Claim next = std::move(ready_.front());
      ready_.pop_front();
      if (next.task.appointment <= now) {
        give_back(next, "the appointment has begun", out);
        continue;
      }
      pacer_.started(steady);
      out.push_back(Dial{next});
      live_.emplace(next.task.id, std::move(next));
    }
    if (!ready_.empty() && static_cast<int>(live_.size()) < lines && !wake)
      wake = pacer_.next_start(steady);
    const int want = claim_size({lines, static_cast<int>(live_.size()),
                                 static_cast<int>(preparing_.size() + ready_.size()),
                                 pacer_.rate(steady), kLookaheadSeconds});
    if (want > 0 && !claiming_ && steady >= next_claim_) {
      claiming_ = true;
      asked_ = want;
      out.push_back(ClaimDue{want, now, now_ms});
    }
  }
  keep_leases(out);
  if (config_ && !stopping_ && now >= next_expire_) {
    next_expire_ = now + kExpireEvery;
    out.push_back(Expire{now});
  }
  const auto live = state(now);
  if (published_ != live) {
    published_ = live;
    out.push_back(Publish{live});
  }
  out.push_back(WakeAt{std::min(wake.value_or(steady + kTick), steady + kTick)});
}

}  // namespace robocall::dialer
