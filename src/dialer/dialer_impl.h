// Dialer::Impl: the dialer's state, grouped by the thread that owns it.
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

#include "dialer/call_pacer.h"
#include "dialer/call_session.h"
#include "dialer/config.h"
#include "dialer/dialer.h"
#include "dialer/phrase_book.h"
#include "dialer/worker.h"
#include "sip/engine.h"
#include "speech/phrase_cache.h"
#include "speech/phrase_renderer.h"
#include "speech/synthesizer.h"
#include "store/attempts_repo.h"
#include "store/connection.h"

namespace robocall::dialer {

// "916*****67": phone numbers never reach the log in full.
std::string mask_phone(std::string_view phone);

// A claimed task with its phrases rendered, waiting for the pacer.
struct PreparedCall {
  store::Claim claim;
  CallPhrases phrases;
  std::filesystem::path record_path;
};

// A call in progress: the session (its observer) and what to write after it.
struct LiveCall {
  std::unique_ptr<CallSession> session;
  std::optional<store::Claim> claim;  // nullopt for a test call
  std::filesystem::path record_path;
  std::shared_ptr<std::promise<TestCallResult>> test;  // set for a test call
};

struct Dialer::Impl {
  // Constant after start().
  DialerOptions options;
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
  std::optional<DialerConfig> config;
  std::string sip_error;  // non-empty: dialing paused by a configuration problem
  bool stopping = false;
  CallPacer pacer{1};
  bool claim_outstanding = false;
  std::chrono::steady_clock::time_point next_claim{};
  int preparing = 0;
  std::deque<PreparedCall> ready;
  std::map<CallSession*, LiveCall> calls;
  sip::Timer tick_timer;
  sip::Timer pace_timer;
  sip::Timer reload_timer;
  sip::Timer purge_timer;

  // Guarded by mu.
  mutable std::mutex mu;
  DialerLive snapshot;
  int busy = 0;  // calls + preparing + claims outstanding
  DialerStats counters;

  // Declared last: destroyed first, after stop() has drained them.
  std::unique_ptr<Worker> speech_worker;
  std::unique_ptr<Worker> store_worker;
  std::atomic<bool> stopped{false};

  // --- loop thread (dialer_loop.cc) ---
  void install(DialerConfig fresh, bool settings_changed);
  void pump();
  void arm_tick();
  void arm_reload();
  void arm_purge();
  void claim(int count);
  void on_claimed(Result<std::vector<store::Claim>> claims, int asked);
  void on_prepared(store::Claim claim, Result<CallPhrases> phrases,
                   std::filesystem::path record_path);
  void dial(PreparedCall call);
  void on_call_done(CallSession& session, const SessionEnd& end);
  // Gives a claimed task back without a call (not counted); `why` is logged.
  void release(const store::Claim& claim, std::string_view why);
  void finish(std::int64_t task_id, store::AttemptResult result);
  void pause(std::string message);
  void begin_shutdown();
  void hang_up_all();
  void refresh_state();
  bool may_dial(domain::Instant now) const;
  void place_test_call(sip::Account account, std::string phone, CallPhrases phrases,
                       std::shared_ptr<std::promise<TestCallResult>> result);

  // Any thread: runs fn on the loop and adds its time to the counters.
  void on_loop(std::function<void()> fn, bool store_work = false);
};

}  // namespace robocall::dialer
