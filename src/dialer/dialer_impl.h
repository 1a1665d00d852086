// Dialer::Impl: the dialer's state, grouped by the thread that owns it. The
// loop thread executes the Scheduler's commands (dialer_loop.cc) and keeps
// only what the scheduler must not hold: the phrases, the sessions, timers.
// Internal to src/dialer.
#pragma once

#include <atomic>
#include <deque>
#include <filesystem>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "dialer/call_session.h"
#include "dialer/config.h"
#include "dialer/dialer.h"
#include "dialer/dialer_metrics.h"
#include "dialer/phrase_book.h"
#include "dialer/scheduler.h"
#include "dialer/worker.h"
#include "sip/engine.h"
#include "speech/phrase_cache.h"
#include "speech/phrase_renderer.h"
#include "speech/synthesizer.h"
#include "store/connection.h"

namespace robocall::dialer {

// What the scheduler needs of a loaded configuration.
SchedulerConfig scheduler_config(const DialerConfig& config, int max_lines);

// Takes back the calls in flight of `scope` (docs/DESIGN.md "Several
// nodes"), at a start and for expired leases alike: their attempts become
// interrupted and their tasks move on as after a crash. Returns the tasks it
// made final; `closed` gets the number of attempts closed.
Result<std::vector<std::int64_t>> recover_calls(store::Connection& db, const SchedulerConfig& rules,
                                                domain::Instant now,
                                                const store::RecoverScope& scope,
                                                std::size_t& closed);

// A claimed task's phrases, rendered, until it is dialled.
struct PreparedCall {
  CallPhrases phrases;
  std::filesystem::path record_path;
  bool verification = false;  // the verification step, as set when prepared
};

// A call in progress: the session (its observer) and its recording's path.
struct LiveCall {
  std::unique_ptr<CallSession> session;
  std::filesystem::path record_path;
};

struct Dialer::Impl {
  // Constant after start().
  DialerOptions options;
  const domain::Clock* clock = nullptr;
  // The dialer's own speech, when DialerOptions::renderer was not given.
  std::unique_ptr<speech::Synthesizer> synth;
  std::unique_ptr<speech::PhraseCache> cache;
  std::unique_ptr<speech::PhraseRenderer> renderer;
  std::unique_ptr<sip::Engine> engine;

  // Store thread only (after start()).
  store::Connection db;
  // Speech thread only.
  std::unique_ptr<PhraseBook> book;

  // Loop thread only.
  std::unique_ptr<Scheduler> scheduler;
  std::optional<DialerConfig> config;
  std::deque<Input> inputs;  // fed to the scheduler in order (see feed())
  bool feeding = false;
  std::map<std::int64_t, PreparedCall> prepared;  // by task id
  std::map<std::int64_t, LiveCall> calls;         // by task id
  std::map<CallSession*, std::unique_ptr<CallSession>> test_calls;
  sip::Timer wake_timer;
  sip::Timer reload_timer;
  std::optional<std::int64_t> registered_account;  // whose registration the engine keeps
  RegistrationChanged registration;                // as last fed to the scheduler

  // Guarded by mu.
  mutable std::mutex mu;
  DialerLive snapshot;  // the scheduler's last Publish; active_calls with test calls
  bool idle = true;     // nothing claimed, prepared or calling; no test call
  DialerStats counters;
  std::string account_name;  // the account in use, for the metrics
  DialerMetrics metrics;     // lock-free: any thread

  // Declared last: destroyed first, after stop() has drained them.
  std::unique_ptr<Worker> speech_worker;
  std::unique_ptr<Worker> store_worker;
  std::atomic<bool> stopped{false};

  // --- loop thread (dialer_loop.cc); the entry points assert it ---
  // Gives the scheduler `input`, then executes the commands it returns; an
  // input arising while commands run is fed after them.
  void feed(Input input);
  void execute(const Command& command);
  void execute(const ClaimDue& c);
  void execute(const Prepare& c);
  void execute(const Dial& c);
  void execute(const Release& c);
  void execute(const Record& c);
  void execute(const Expire& c);
  void execute(const WakeAt& c);
  void execute(const Publish& c);
  void execute(const Renew& c);
  void execute(const RecoverExpired& c);
  void execute(const Drop& c);
  void install(DialerConfig fresh, bool by_admin);
  void on_call_done(std::int64_t task_id, CallSession& session, const SessionEnd& end);
  void arm_reload();
  // Asks the engine to (un)register the default account and feeds its
  // registration's state to the scheduler when it changed.
  void keep_registration();
  void watch_registration();
  // The shared view after a change: active calls (test calls included), idle.
  void update_shared();
  void place_test_call(sip::Account account, std::string phone, CallPhrases phrases,
                       std::shared_ptr<std::promise<TestCallResult>> result);

  // --- store thread ---
  // Runs `write` and, for every task it made final, on_final, in one
  // transaction: a crash between them could otherwise lose a notification.
  void write_final(std::string_view what,
                   const std::function<Result<std::vector<std::int64_t>>()>& write,
                   domain::Instant at);

  // Any thread: runs fn on the loop and adds its time to the counters.
  void on_loop(std::function<void()> fn, bool store_work = false);
};

}  // namespace robocall::dialer
