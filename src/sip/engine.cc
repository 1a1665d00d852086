#include "sip/engine.h"

#include <pthread.h>
#include <sched.h>
#include <spdlog/spdlog.h>
#include <sys/resource.h>
#include <sys/timerfd.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <future>
#include <utility>

#include "sip/engine_impl.h"

namespace robocall::sip {
namespace {

using Clock = std::chrono::steady_clock;
constexpr std::chrono::milliseconds kTick{20};

std::string errno_text(int err) {
  return std::strerror(err);
}

// Raises the soft open-file limit to at least want (never above the hard one).
void raise_nofile(rlim_t want) {
  rlimit lim{};
  if (getrlimit(RLIMIT_NOFILE, &lim) != 0 || lim.rlim_cur >= want) return;
  lim.rlim_cur = std::min(want, lim.rlim_max);
  setrlimit(RLIMIT_NOFILE, &lim);
}

void trace_sip(bool tx, enum sip_transp, const sa* src, const sa* dst, const uint8_t* pkt,
               size_t len, void*) {
  re_fprintf(stderr, "\n--- %s %J -> %J\n%b\n", tx ? "sent" : "received", src, dst, pkt, len);
}

// The engine whose loop runs on this thread, if any.
thread_local const Engine::Impl* current_loop = nullptr;

uint32_t hash_size(int max_calls) {
  uint32_t size = 32;
  while (size < static_cast<uint32_t>(max_calls) && size < 16384) size <<= 1;
  return size;
}

}  // namespace

void assert_on_loop_thread([[maybe_unused]] const Engine::Impl* engine) {
#if !defined(NDEBUG) || defined(ROBOCALL_THREAD_CHECKS)
  if (current_loop != nullptr && (engine == nullptr || current_loop == engine)) return;
  std::fputs(engine ? "robocall: called off its SIP engine's loop thread\n"
                    : "robocall: called off the SIP loop thread\n",
             stderr);
  std::abort();
#endif
}

// ---- Timer ----

Timer::Timer() = default;
Timer::Timer(Timer&&) noexcept = default;
Timer& Timer::operator=(Timer&& other) noexcept {
  if (this != &other) {
    reset();
    state_ = std::move(other.state_);
  }
  return *this;
}
Timer::~Timer() {
  reset();
}

void Timer::reset() {
  if (!state_) return;
  // Only a running timer is in the loop's timer list: a fired one may be
  // dropped anywhere (a session destroyed after its engine).
  if (tmr_isrunning(&state_->timer)) assert_on_loop_thread(nullptr);
  tmr_cancel(&state_->timer);
  state_.reset();
}

bool Timer::pending() const {
  if (state_) assert_on_loop_thread(nullptr);
  return state_ && tmr_isrunning(&state_->timer);
}

Timer Engine::start_timer(std::chrono::milliseconds delay, std::function<void()> fn) {
  assert_loop_thread();
  Timer timer;
  timer.state_ = std::make_unique<Timer::State>();
  timer.state_->fn = std::move(fn);
  tmr_init(&timer.state_->timer);
  tmr_start(
      &timer.state_->timer, static_cast<uint64_t>(std::max<std::int64_t>(delay.count(), 0)),
      [](void* arg) {
        // The callback may destroy the Timer (and this State): run a moved copy.
        auto fn = std::move(static_cast<Timer::State*>(arg)->fn);
        fn();
      },
      timer.state_.get());
  return timer;
}

// ---- Engine ----

Engine::Engine(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Result<std::unique_ptr<Engine>> Engine::start(const EngineConfig& config) {
  if (config.max_calls < 1) return Error::invalid("max_calls должен быть не меньше 1");
  if (config.rtp_port_min == 0 || config.rtp_port_min >= config.rtp_port_max)
    return Error::invalid("неверный диапазон RTP-портов");
  raise_nofile(static_cast<rlim_t>(config.max_calls) * 3 + 256);

  auto impl = std::make_unique<Impl>(config);
  std::promise<Status> started;
  auto ready = started.get_future();
  Impl* raw = impl.get();
  impl->thread = std::thread(
      [raw, &started] { raw->run([&started](Status st) { started.set_value(std::move(st)); }); });
  Status st = ready.get();
  if (!st) {
    impl->thread.join();
    return st.error();
  }
  return std::unique_ptr<Engine>(new Engine(std::move(impl)));
}

Engine::~Engine() {
  post([impl = impl_.get()] { impl->begin_stop(); });
  impl_->thread.join();
}

void Engine::post(std::function<void()> fn) {
  impl_->post_internal(std::move(fn));
}

void Engine::assert_loop_thread() const {
  assert_on_loop_thread(impl_.get());
}

std::uint16_t Engine::sip_port() const {
  return impl_->port.load();
}

EngineStats Engine::stats() const {
  EngineStats s;
  {
    std::lock_guard lock(impl_->stats_mu);
    s.ticks = impl_->ticks;
    const auto percentile = [&](double q) {
      const auto target = static_cast<std::uint64_t>(q * static_cast<double>(impl_->ticks));
      std::uint64_t seen = 0;
      for (std::size_t i = 0; i < Impl::kBuckets; ++i) {
        seen += impl_->lateness[i];
        if (seen > target) return std::chrono::microseconds(i * Impl::kBucketMicros);
      }
      return std::chrono::microseconds(Impl::kBuckets * Impl::kBucketMicros);
    };
    if (s.ticks > 0) {
      s.lateness_p50 = percentile(0.50);
      s.lateness_p99 = percentile(0.99);
    }
    s.lateness_max = std::chrono::duration_cast<std::chrono::microseconds>(impl_->lateness_max);
    static constexpr double kBounds[] = {0.0001, 0.0005, 0.001, 0.002, 0.005,
                                         0.01,   0.02,   0.05,  0.1};
    s.lateness = histogram_from_fine(impl_->lateness, Impl::kBucketMicros * 1e-6, kBounds,
                                     std::chrono::duration<double>(impl_->lateness_sum).count());
  }
  s.frames_sent = impl_->frames_sent.load();
  s.frames_received = impl_->frames_received.load();
  s.digits_received = impl_->digits_received.load();
  s.calls_placed = impl_->calls_placed.load();
  s.calls_active = impl_->calls_active.load();
  s.recording_failures = impl_->recorder ? impl_->recorder->failures() : 0;
  s.rtp_dropped = impl_->rtp_dropped.load();
  s.sip_dropped = impl_->sip_dropped.load();
  s.tcp_refused = impl_->tcp_refused.load();
  return s;
}

// ---- Impl: thread, setup, shutdown ----

void Engine::Impl::run(std::function<void(Status)> started) {
  current_loop = this;
  if (int err = libre_init()) {
    started(Error::internal("libre_init: " + errno_text(err)));
    return;
  }
  Status st = setup();
  if (!st) {
    teardown();
    libre_close();
    started(st);
    return;
  }
  // After setup: a thread started there (the recorder's) would inherit
  // SCHED_FIFO, and only this loop thread is to run in real time.
  if (config.realtime_priority > 0) {
    sched_param param{};
    param.sched_priority = std::clamp(config.realtime_priority, 1, 99);
    if (int err = pthread_setschedparam(pthread_self(), SCHED_FIFO, &param))
      spdlog::warn("SIP loop thread stays at normal priority: {}", errno_text(err));
  }
  {
    std::lock_guard lock(post_mu);
    accepting = true;
  }
  started(Status{});
  re_main(nullptr);
  {
    std::lock_guard lock(post_mu);
    accepting = false;
    posted.clear();
  }
  teardown();
  libre_close();
}

Status Engine::Impl::setup() {
  // Every call holds two sockets (RTP, RTCP) and its recording a file: the
  // poll table indexes by fd number, so it must cover them all.
  if (int err = fd_setsize(config.max_calls * 3 + 256))
    return Error::internal("fd_setsize: " + errno_text(err));
  if (sa_set_str(&laddr, config.bind_ip.c_str(), config.sip_port) != 0)
    return Error::invalid("неверный IP-адрес для SIP: " + config.bind_ip);
  local_ip = config.bind_ip;
  if (sa_is_any(&laddr)) {
    sa def{};
    if (net_default_source_addr_get(AF_INET, &def) == 0) {
      std::array<char, 64> ip{};
      sa_ntop(&def, ip.data(), static_cast<int>(ip.size()));
      local_ip = ip.data();
    }
  }

  std::array<sa, 4> servers{};
  uint32_t server_count = static_cast<uint32_t>(servers.size());
  std::array<char, 64> domain{};
  if (dns_srv_get(domain.data(), domain.size(), servers.data(), &server_count) == 0 &&
      server_count > 0)
    dnsc_alloc(out(dns), nullptr, servers.data(), server_count);

  const uint32_t hsize = hash_size(config.max_calls);
  // No software name: libre would send it as User-Agent and Server and in
  // STUN answers, telling scanners what answers (docs/SECURITY.md "SIP").
  if (int err = sip_alloc(out(sip), dns.get(), hsize, hsize, hsize, nullptr, &Impl::on_exit, this))
    return Error::internal("sip_alloc: " + errno_text(err));
  if (std::getenv("ROBOCALL_SIP_TRACE")) sip_set_trace_handler(sip.get(), trace_sip);
  // UDP and TCP share one port: with any port asked for, a number whose TCP
  // side is taken is given back and another one tried.
  sa tcp_addr = laddr;
  for (int attempt = 0;; ++attempt) {
    if (int err = sip_transp_add(sip.get(), SIP_TRANSP_UDP, &laddr))
      return Error{Errc::kUnavailable, "не удалось открыть SIP UDP " + config.bind_ip + ":" +
                                           std::to_string(config.sip_port) + ": " +
                                           errno_text(err)};
    sa bound{};
    sip_transp_laddr(sip.get(), &bound, SIP_TRANSP_UDP, nullptr);
    port = sa_port(&bound);
    sa_set_port(&tcp_addr, port);
    const int err = sip_transp_add(sip.get(), SIP_TRANSP_TCP, &tcp_addr);
    if (!err) break;
    if (err != EADDRINUSE || config.sip_port != 0 || attempt == 9)
      return Error{Errc::kUnavailable, "не удалось открыть SIP TCP " + config.bind_ip + ":" +
                                           std::to_string(port.load()) + ": " + errno_text(err)};
    sip_transp_flush(sip.get());
  }
  tcp_guard = TcpGuard::install(tcp_addr, config.tcp);
  // Before the session layer: requests outside our calls never reach it.
  if (int err = sip_listen(&gate, sip.get(), true, &Impl::on_request, this))
    return Error::internal("sip_listen: " + errno_text(err));
  if (int err = sip_listen(&refresh, sip.get(), true, &Impl::on_refresh, this))
    return Error::internal("sip_listen: " + errno_text(err));
  if (int err = sip_listen(&responses, sip.get(), false, &Impl::on_response, this))
    return Error::internal("sip_listen: " + errno_text(err));
  if (int err = sipsess_listen(
          out(sock), sip.get(), static_cast<int>(hsize),
          [](const sip_msg* msg, void* arg) { Impl::on_incoming(msg, arg); }, this))
    return Error::internal("sipsess_listen: " + errno_text(err));
  if (int err = mqueue_alloc(out(mq), &Impl::on_mqueue, this))
    return Error::internal("mqueue_alloc: " + errno_text(err));

  recorder = std::make_unique<Recorder>();
  tick_fd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
  if (tick_fd < 0) return Error::internal("timerfd_create: " + errno_text(errno));
  if (int err = fd_listen(tick_fd, FD_READ, &Impl::on_tick, this))
    return Error::internal("fd_listen: " + errno_text(err));
  tmr_init(&stop_timer);
  tmr_init(&sweep_timer);
  on_sweep(this);
  next_tick = Clock::now() + kTick;
  schedule_tick();
  return {};
}

void Engine::Impl::teardown() {
  // First: the writer's last close callbacks may hold calls; they are
  // dropped (the loop no longer accepts posts) while this thread waits.
  recorder.reset();
  lookups.clear();  // waits for the system resolver's lookups still running
  if (tick_fd >= 0) {
    fd_close(tick_fd);
    ::close(std::exchange(tick_fd, -1));
  }
  tmr_cancel(&stop_timer);
  tmr_cancel(&sweep_timer);
  media_calls.clear();
  calls.clear();
  stop_registrations(*this);
  sock.reset();
  gate = static_cast<sip_lsnr*>(mem_deref(gate));
  refresh = static_cast<sip_lsnr*>(mem_deref(refresh));
  responses = static_cast<sip_lsnr*>(mem_deref(responses));
  if (sip && !exited) {
    sip_close(sip.get(), true);  // ends its transactions: on_exit may run now
    if (!exited) sip_close(sip.get(), false);
    // Still closing: libre holds the stack's last reference, not us.
    if (!exited) (void)sip.release();
  }
  sip.reset();  // after on_exit the last reference is ours again
  tcp_guard.reset();
  mq.reset();
  dns.reset();
}

void Engine::Impl::begin_stop() {
  assert_on_loop_thread(this);
  if (stopping) return;
  stopping = true;
  stop_registrations(*this);
  tmr_start(&stop_timer, static_cast<uint64_t>(config.shutdown_grace.count()),
            &Impl::on_stop_timeout, this);
  if (calls.empty()) {
    close_sip();
    return;
  }
  std::vector<std::shared_ptr<LiveCall>> live;
  for (auto& [id, call] : calls) live.push_back(call);
  // The last finalize() calls close_sip().
  for (auto& call : live) call->finish(EndCause::kEngineStopped, 0, "engine stopped");
}

// Once no call is left: lets BYE/CANCEL transactions finish, then on_exit
// ends the loop (or on_stop_timeout does after the grace period).
void Engine::Impl::close_sip() {
  assert_on_loop_thread(this);
  sock.reset();
  sip_close(sip.get(), false);  // hands over our reference (see engine_impl.h)
}

void Engine::Impl::on_exit(void* arg) {
  static_cast<Impl*>(arg)->exited = true;
  re_cancel();
}

void Engine::Impl::on_stop_timeout(void*) {
  re_cancel();
}

// ---- posting ----

void Engine::Impl::post_internal(std::function<void()> fn) {
  {
    std::lock_guard lock(post_mu);
    if (!accepting) return;
    posted.push_back(std::move(fn));
    if (posted.size() > 1) return;  // a wake-up is already on its way
  }
  mqueue_push(mq.get(), 0, nullptr);
}

void Engine::Impl::on_mqueue(int, void*, void* arg) {
  auto* self = static_cast<Impl*>(arg);
  std::deque<std::function<void()>> batch;
  {
    std::lock_guard lock(self->post_mu);
    batch.swap(self->posted);
  }
  for (auto& fn : batch) fn();
}

// ---- the ticker ----

void Engine::Impl::schedule_tick() {
  // steady_clock is CLOCK_MONOTONIC: next_tick is the timer's absolute time.
  const auto ns =
      std::chrono::duration_cast<std::chrono::nanoseconds>(next_tick.time_since_epoch());
  itimerspec at{};
  at.it_value.tv_sec = static_cast<time_t>(ns.count() / 1'000'000'000);
  at.it_value.tv_nsec = static_cast<long>(ns.count() % 1'000'000'000);
  timerfd_settime(tick_fd, TFD_TIMER_ABSTIME, &at, nullptr);
}

void Engine::Impl::record_lateness(std::chrono::nanoseconds late) {
  const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(late).count();
  const auto bucket =
      std::min<std::size_t>(static_cast<std::size_t>(micros) / kBucketMicros, kBuckets - 1);
  std::lock_guard lock(stats_mu);
  ++lateness[bucket];
  ++ticks;
  lateness_max = std::max(lateness_max, late);
  lateness_sum += late;
}

void Engine::Impl::on_tick(int, void* arg) {
  auto* self = static_cast<Impl*>(arg);
  std::uint64_t expirations = 0;
  if (::read(self->tick_fd, &expirations, sizeof expirations) < 0) return;  // not due yet
  const auto now = Clock::now();
  self->record_lateness(std::max(now - self->next_tick, Clock::duration::zero()));

  const std::size_t count = self->media_calls.size();  // calls answered during the tick wait
  for (std::size_t i = 0; i < count; ++i) {
    LiveCall& call = *self->media_calls[i];
    if (!call.ending) call.on_tick();
  }
  std::erase_if(self->media_calls, [](const auto& c) { return c->ending; });

  self->next_tick += kTick;
  // Hopelessly behind (a stalled machine): restart the grid instead of bursting.
  if (Clock::now() - self->next_tick > std::chrono::milliseconds(200))
    self->next_tick = Clock::now() + kTick;
  self->schedule_tick();
}

}  // namespace robocall::sip
