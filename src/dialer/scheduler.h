// Scheduler: every decision of the dialer as one sans-I/O state machine
// (docs/DESIGN.md "The scheduler"): which claimed task is dialled when, what
// an ended call means for its task, pacing, pauses and shutdown. The loop
// thread feeds it inputs and executes the commands it returns, in order;
// the store, speech and SIP work happens there, never here. Time comes from
// the Clock it is given (tests pass a ManualClock).
// THREADS: one thread (the SIP loop in serve); not thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "dialer/call_pacer.h"
#include "dialer/call_report.h"
#include "dialer/control.h"
#include "domain/calendar.h"
#include "domain/clock.h"
#include "domain/retry_policy.h"
#include "store/attempts_repo.h"

namespace robocall::dialer {

// What the scheduler needs of the configuration.
struct SchedulerConfig {
  bool enabled = false;                // «Обзвон включён»
  std::optional<std::string> account;  // the default SIP account's name; nullopt: none
  std::string account_identity;        // changes when its server or credentials change
  int max_calls = 1;  // lines: «Одновременных звонков», capped by the engine
  double calls_per_second = 1;  // «Новых звонков в секунду»
  domain::RetrySettings retry;
  domain::WorkingCalendar calendar;
};

// --- Inputs ---
struct Tick {};  // time has passed (the loop's timer, see WakeAt)
struct ConfigChanged {
  SchedulerConfig config;
  bool by_admin = false;  // saved by an administrator (clears a pause), not a periodic reload
};
struct Enabled {
  bool on = false;  // switching on clears a pause
};
struct Claimed {
  std::vector<store::Claim> claims;  // the answer to the last ClaimDue
};
struct ClaimFailed {
  std::string message;
};
struct Prepared {
  std::int64_t task_id = 0;
  std::optional<std::string> error;  // Russian; set when the phrases could not be made
};
struct DialFailed {  // the SIP engine refused to place the call
  std::int64_t task_id = 0;
  bool account_error = false;  // the account cannot place calls at all
  std::string message;         // Russian
};
struct CallEnded {
  std::int64_t task_id = 0;
  CallReport report;
  std::optional<std::string> recording;  // the WAV file, when the call was answered
};
struct Stop {};
// The default account's registration (sip/registration.h), when it has one.
struct RegistrationChanged {
  bool blocks = false;  // registration is on and not accepted (yet): no dialing
  bool failed = false;  // the last REGISTER failed
  std::optional<int> sip_code;
  std::string error;  // Russian, when failed
  bool operator==(const RegistrationChanged&) const = default;
};
// The answer to Renew: the tasks whose leases this node still holds.
struct Renewed {
  std::vector<std::int64_t> task_ids;
};
using Input = std::variant<Tick, ConfigChanged, Enabled, Claimed, ClaimFailed, Prepared, DialFailed,
                           CallEnded, Stop, RegistrationChanged, Renewed>;

// --- Commands ---
struct ClaimDue {  // claim up to `count` due tasks at `now` (answer: Claimed or ClaimFailed)
  int count = 0;
  domain::Instant now{};
  domain::WallMs now_ms{};  // the leases' start and the account's pacing clock
};
struct Prepare {  // render the task's phrases (answer: Prepared)
  store::Claim claim;
};
struct Dial {  // place the prepared call (answer: CallEnded, or DialFailed)
  store::Claim claim;
};
struct Release {  // no call was made: drop the open attempt, move the task on
  store::Claim claim;
  store::TaskTransition task;
  std::string why;  // for the log
};
struct Record {  // a call ended: write the attempt and the task's next state
  std::int64_t task_id = 0;
  store::AttemptResult result;
  std::string log;  // one line for the log
};
struct Expire {  // pending tasks whose appointment has begun become expired
  domain::Instant now{};
};
// docs/DESIGN.md "Several nodes": extend the leases of this node's calling
// tasks (answer: Renewed, nothing when it failed).
struct Renew {
  domain::WallMs now_ms{};
};
// Take back the tasks of expired leases (any node's): interrupted attempts,
// the retry policy as after a crash.
struct RecoverExpired {
  domain::Instant now{};
  domain::WallMs now_ms{};
};
// The task's lease was lost to another node: hang up its call at once, or
// forget its rendered phrases when it was not dialled.
struct Drop {
  std::int64_t task_id = 0;
};
struct WakeAt {  // feed a Tick at this instant (replaces the previous WakeAt)
  domain::SteadyTime at{};
};
struct Publish {  // the state the web UI shows changed
  DialerLive live;
};
using Command = std::variant<ClaimDue, Prepare, Dial, Release, Record, Expire, WakeAt, Publish,
                             Renew, RecoverExpired, Drop>;

class Scheduler {
 public:
  // Claims run ahead of the pacer by this much, so rendering never delays a start.
  static constexpr double kLookaheadSeconds = 2.0;
  // When a claim came back short, the next is asked after this.
  static constexpr std::chrono::seconds kIdlePoll{1};
  // The longest the loop sleeps between Ticks.
  static constexpr std::chrono::milliseconds kTick{250};
  // How often pending tasks are checked for an appointment that has begun.
  static constexpr std::chrono::seconds kExpireEvery{60};
  // A task the trunk refused as overloaded (503) is retried after this.
  static constexpr std::chrono::minutes kOverloadRetry{1};
  // Dialing pauses when at least kTrunkFailures calls ended within
  // kTrunkWindow and every one of them failed on the trunk.
  static constexpr int kTrunkFailures = 5;
  static constexpr std::chrono::minutes kTrunkWindow{5};

  explicit Scheduler(const domain::Clock& clock);

  // Crash recovery: a call still in flight when the process died is recorded
  // as interrupted at the next start, and counts (the patient may have been
  // called); its task moves on as after any such call.
  static store::TaskTransition after_crash(const SchedulerConfig& config, const domain::Task& task,
                                           domain::Instant now);

  std::vector<Command> on(const Input& input);

  // No claim, preparation or call is outstanding (stop() waits for this).
  bool idle() const { return !claiming_ && preparing_.empty() && ready_.empty() && live_.empty(); }
  DialerLive live() const { return published_.value_or(DialerLive{}); }

 private:
  using Out = std::vector<Command>;
  struct TrunkCall {
    domain::SteadyTime at;
    bool failed;
  };

  void handle(const Tick&, Out&) {}
  void handle(const ConfigChanged& in, Out& out);
  void handle(const Enabled& in, Out& out);
  void handle(const Claimed& in, Out& out);
  void handle(const ClaimFailed& in, Out& out);
  void handle(const Prepared& in, Out& out);
  void handle(const DialFailed& in, Out& out);
  void handle(const CallEnded& in, Out& out);
  void handle(const Stop& in, Out& out);
  void handle(const RegistrationChanged& in, Out&) { registration_ = in; }
  void handle(const Renewed& in, Out& out);

  // Starts what may start now, claims what is needed, expires, publishes.
  void pump(Out& out);
  // Renews the leases and looks for expired ones when their time has come.
  void keep_leases(Out& out);
  bool may_dial(domain::Instant now) const;
  // A claimed task goes back without a call: due again as it was, unless
  // its appointment has begun or its attempts are used up.
  void give_back(const store::Claim& claim, std::string why, Out& out);
  // Records the end of the attempt with `outcome` and decides the task's next state.
  void record(const store::Claim& claim, const CallReport& report,
              std::optional<std::string> recording, Out& out);
  void pause(std::string reason, std::optional<int> sip_code = std::nullopt);
  // `sip_code`: the call's final SIP response (0: none), named by a pause.
  void note_trunk(bool failed, domain::SteadyTime now, int sip_code = 0);
  DialerLive state(domain::Instant now) const;

  const domain::Clock& clock_;
  std::optional<SchedulerConfig> config_;
  std::string pause_;              // non-empty: dialing paused, the reason (Russian)
  std::optional<int> pause_code_;  // the SIP code behind the pause, when one
  bool stopping_ = false;
  RegistrationChanged registration_;
  CallPacer pacer_{1};
  bool claiming_ = false;
  int asked_ = 0;  // the count of the outstanding ClaimDue
  domain::SteadyTime next_claim_{};
  domain::Instant next_expire_{};
  domain::WallMs next_renew_{};
  domain::WallMs next_sweep_{};
  std::map<std::int64_t, store::Claim> preparing_;  // phrases being rendered
  std::deque<store::Claim> ready_;                  // waiting for a line and the pacer
  std::map<std::int64_t, store::Claim> live_;       // dialled, not yet ended
  std::deque<TrunkCall> trunk_;                     // call ends within kTrunkWindow
  std::optional<DialerLive> published_;             // nullopt until the first Publish
};

}  // namespace robocall::dialer
