// Dialer: the engine inside `robocall serve` that phones patients
// (docs/DESIGN.md "The scheduler"). It owns the SIP engine (whose loop thread
// executes the Scheduler's commands and runs every call and timer), a store
// thread with its own SQLite connection (claims, attempt results, settings)
// and a speech thread (phrases rendered before each call is
// dialled). It implements the web layer's DialerControl.
// THREADS: start(), stop(), stats() and the DialerControl methods from any
// thread except the SIP loop; the rest runs on the threads named above.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "common/result.h"
#include "dialer/control.h"
#include "domain/clock.h"
#include "domain/task.h"
#include "sip/engine.h"
#include "store/connection.h"

namespace robocall::speech {
class PhraseRenderer;
}

namespace robocall::dialer {

struct DialerOptions {
  std::filesystem::path db_path;   // an existing, migrated database
  std::filesystem::path data_dir;  // recordings/, phrases/ (cache and uploads)
  // This node's name, unique among the nodes sharing the database: its
  // claims are leased to it (docs/DESIGN.md "Several nodes").
  std::string node = "robocall";
  // The call recordings' folder (store::recordings_folder): empty is
  // <data_dir>/recordings.
  std::filesystem::path recordings_dir;
  std::string bind_ip = "127.0.0.1";
  std::string public_address;  // behind NAT, for Contact and SDP (sip/nat.h); empty: none
  std::uint16_t sip_port = 0;  // 0: any free port
  int max_lines = 1000;        // sizes the SIP engine; settings.max_calls applies below it
  int realtime_priority = 0;   // the call loop thread's SCHED_FIFO priority; 0: normal
  // SIGTERM: how long calls in progress may go on before they are hung up.
  std::chrono::milliseconds shutdown_grace{std::chrono::seconds(20)};
  std::chrono::milliseconds reload_every{std::chrono::seconds(60)};
  // Wall and steady time; nullptr: the system clock.
  const domain::Clock* clock = nullptr;
  // The process's phrase renderer (espeak-ng allows one synthesizer per
  // process, so `serve` shares its renderer with the HTTP layer's «Прослушать»).
  // Not owned; must outlive the Dialer. nullptr: the dialer starts its own.
  speech::PhraseRenderer* renderer = nullptr;
  // Called on the store thread, with its connection, after a task's final
  // state is committed (serve queues the hospital system's webhook here).
  // Errors are logged. Empty: nothing is called.
  std::function<Status(store::Connection& db, std::int64_t task_id, domain::Instant at)> on_final;
};

struct DialerStats {
  std::uint64_t calls_started = 0;
  std::uint64_t calls_finished = 0;
  int max_active = 0;
  std::chrono::nanoseconds store_thread_busy{0};   // time the store thread ran jobs
  std::chrono::nanoseconds speech_thread_busy{0};  // time the speech thread ran jobs
  std::chrono::nanoseconds loop_busy{0};           // loop time in the dialer's handlers
  std::chrono::nanoseconds loop_store_busy{0};     // ... of which handling store work
  sip::EngineStats engine;
};

class Dialer final : public DialerControl {
 public:
  // Recovers attempts left in flight by a crash (interrupted, then the retry
  // policy), loads the configuration, starts the speech synthesizer and the
  // SIP engine. Errors (Russian): database, espeak-ng, SIP port in use.
  static Result<std::unique_ptr<Dialer>> start(DialerOptions options);
  // stop() if it was not called.
  ~Dialer() override;
  Dialer(const Dialer&) = delete;
  Dialer& operator=(const Dialer&) = delete;

  // Stops starting calls at once, lets calls in progress finish up to the
  // shutdown grace, hangs up the rest, writes every result, joins the threads.
  // Idempotent.
  void stop();

  std::uint16_t sip_port() const;
  DialerStats stats() const;

  DialerLive live() override;
  DialerLive set_enabled(bool enabled) override;
  void reload_settings() override;
  Result<TestCallResult> test_call(std::int64_t account_id, const std::string& phone) override;
  void write_metrics(PrometheusText& out) override;
  Status check_health() override;
  AccountRegistration registration(std::int64_t account_id) override;

  struct Impl;

 private:
  explicit Dialer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace robocall::dialer
