// Engine: the SIP user agent (libre/librem underneath). It owns one event-loop
// thread that runs every call's signalling and media: one 20 ms ticker sends
// a G.711 frame for every answered call; recordings are written on a separate
// writer thread.
// THREADS: start(), post(), stats() and the destructor from any thread other
// than the loop thread; place_call(), start_timer() and everything in call.h
// only on the loop thread (inside post() or a callback), which they check
// with assert_loop_thread().
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "common/metrics.h"
#include "common/result.h"
#include "sip/account.h"
#include "sip/call.h"
#include "sip/registration.h"

namespace robocall::sip {

// Caps on inbound SIP TCP connections (docs/SECURITY.md "SIP").
struct TcpLimits {
  std::size_t total = 64;       // inbound connections at once
  std::size_t per_address = 8;  // of them from one IP address
  // An inbound connection that carries no request for one of our calls for
  // this long is closed (keep-alive CRLFs do not count).
  std::chrono::milliseconds idle{std::chrono::seconds(30)};
};

struct EngineConfig {
  std::string bind_ip = "127.0.0.1";   // numeric; SIP, RTP and the SDP address
  std::uint16_t sip_port = 0;          // UDP and TCP; 0: any free port
  int max_calls = 100;                 // sizes the poll table and RLIMIT_NOFILE
  std::uint16_t rtp_port_min = 10000;  // the usual RTP range (as Asterisk), below the
                                       // kernel's ephemeral ports (32768-60999)
  std::uint16_t rtp_port_max = 20000;
  // When > 0, the loop thread asks for SCHED_FIFO at this priority (1..99) so
  // a busy machine cannot delay the 20 ms ticker; refused (no privilege):
  // logged, and the engine runs at normal priority.
  int realtime_priority = 0;
  // How long shutdown waits for BYE/CANCEL transactions to finish.
  std::chrono::milliseconds shutdown_grace{std::chrono::seconds(2)};
  TcpLimits tcp;
  // Behind NAT: the address announced in Contact and SDP instead of bind_ip
  // unless the account has its own (sip/nat.h); empty: none.
  std::string public_address;
};

struct EngineStats {
  std::uint64_t ticks = 0;
  std::chrono::microseconds lateness_p50{0};  // ticker lateness behind its 20 ms grid
  std::chrono::microseconds lateness_p99{0};
  std::chrono::microseconds lateness_max{0};
  HistogramSnapshot lateness;  // seconds, from the same counts
  std::uint64_t frames_sent = 0;
  std::uint64_t frames_received = 0;
  std::uint64_t digits_received = 0;
  std::uint64_t calls_placed = 0;
  std::uint64_t calls_active = 0;
  std::uint64_t recording_failures = 0;
  std::uint64_t rtp_dropped = 0;  // RTP from other sources or SSRCs (docs/SECURITY.md "RTP")
  std::uint64_t sip_dropped = 0;  // requests outside our calls, never answered
  std::uint64_t tcp_refused = 0;  // inbound TCP connections closed at the caps
};

// A one-shot loop timer. Destroying or reset() cancels it. Loop thread only.
class Timer {
 public:
  Timer();
  Timer(Timer&&) noexcept;
  Timer& operator=(Timer&&) noexcept;
  ~Timer();
  void reset();
  bool pending() const;

 private:
  friend class Engine;
  struct State;
  std::unique_ptr<State> state_;
};

class Engine {
 public:
  // Binds SIP (UDP and TCP) and starts the loop thread. A port in use or a
  // bad address: kUnavailable/kInvalidArgument with a Russian message.
  static Result<std::unique_ptr<Engine>> start(const EngineConfig& config);
  // Ends every call still in flight (EndCause::kEngineStopped, observers
  // told), waits up to shutdown_grace for their BYE/CANCEL, joins the thread.
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // Runs fn on the loop thread, in posting order. Any thread. Closures still
  // queued at shutdown are dropped without running.
  void post(std::function<void()> fn);

  // Loop thread only. A full engine: kLimitExceeded; bad account or number:
  // kInvalidArgument; socket failures: kUnavailable. The observer hears
  // nothing for a call that failed to start.
  Result<Call> place_call(const Account& account, std::string_view to_digits,
                          const CallOptions& options, CallObserver& observer);

  // Loop thread only: runs fn once after delay unless the Timer is dropped.
  Timer start_timer(std::chrono::milliseconds delay, std::function<void()> fn);

  // Any thread. In builds that check threads (no NDEBUG, or the CMake option
  // ROBOCALL_THREAD_CHECKS, on in the sanitizer build) it aborts with a
  // message unless called on this engine's loop thread; otherwise it does
  // nothing. Loop-thread-only methods, here and in their users (the dialer),
  // call it first.
  void assert_loop_thread() const;

  // Registration of an account under the caller's key (sip/registration.cc):
  // any thread; the work runs on the loop thread. set_registration with
  // register_enabled off, or an account that cannot register, clears it (the
  // latter reports kFailed with the reason). Setting the same account again
  // keeps the binding.
  void set_registration(std::int64_t key, const Account& account);
  void clear_registration(std::int64_t key);
  RegistrationStatus registration(std::int64_t key) const;

  std::uint16_t sip_port() const;  // the bound port (useful with sip_port = 0)
  EngineStats stats() const;       // any thread

  struct Impl;

 private:
  explicit Engine(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace robocall::sip
