#include "dialer/dialer.h"

#include <spdlog/spdlog.h>

#include <thread>
#include <tuple>

#include "dialer/dialer_impl.h"
#include "domain/local_time.h"
#include "sip/account.h"
#include "store/accounts_repo.h"
#include "store/schema.h"

namespace robocall::dialer {
namespace {

// Waits until `done` holds or `limit` has passed; true when it holds.
template <class Pred>
bool wait_until(Pred done, std::chrono::milliseconds limit) {
  const auto deadline = domain::system_clock().steady() + limit;
  while (!done()) {
    if (domain::system_clock().steady() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return true;
}

}  // namespace

Dialer::Dialer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Result<std::unique_ptr<Dialer>> Dialer::start(DialerOptions options) {
  auto impl = std::make_unique<Impl>();
  impl->options = std::move(options);
  const auto& o = impl->options;
  impl->clock = o.clock ? o.clock : &domain::system_clock();
  const domain::Clock& clock = *impl->clock;

  auto db = store::open_database(o.db_path);
  if (!db) return db.error();
  auto config = load_config(*db, nullptr);
  if (!config) return config.error();
  const auto rules = scheduler_config(*config, o.max_lines);
  // This node's calls from before its restart, and any expired lease
  // (docs/DESIGN.md "Several nodes"); on SQLite, one node, every call.
  const auto now = clock.now();
  store::RecoverScope scope{db->backend() == store::Backend::kSqlite, clock.now_ms(), o.node};
  std::size_t closed = 0;
  {
    auto tx = store::Transaction::begin(*db);
    if (!tx) return tx.error();
    auto finals = recover_calls(*db, rules, now, scope, closed);
    if (!finals) return finals.error();
    for (const auto task_id : *finals)
      if (o.on_final)
        if (auto st = o.on_final(*db, task_id, now); !st)
          spdlog::error("dialer: task {} final status not passed on: {}", task_id,
                        st.error().message);
    if (auto st = tx->commit(); !st) return st.error();
  }
  if (closed > 0)
    spdlog::warn("dialer: {} calls interrupted by the last stop recorded as interrupted", closed);

  speech::PhraseRenderer* renderer = o.renderer;
  if (renderer == nullptr) {
    auto synth = speech::Synthesizer::start();
    if (!synth) return synth.error();
    impl->synth = std::move(*synth);
    impl->cache = std::make_unique<speech::PhraseCache>(o.data_dir / "phrases");
    impl->renderer = std::make_unique<speech::PhraseRenderer>(*impl->synth, *impl->cache);
    renderer = impl->renderer.get();
  }
  impl->book = std::make_unique<PhraseBook>(*renderer, o.data_dir);

  sip::EngineConfig engine;
  engine.bind_ip = o.bind_ip;
  engine.public_address = o.public_address;
  engine.sip_port = o.sip_port;
  engine.max_calls = o.max_lines;
  engine.realtime_priority = o.realtime_priority;
  auto started = sip::Engine::start(engine);
  if (!started) return started.error();
  impl->engine = std::move(*started);
  impl->db = std::move(*db);
  impl->store_worker = std::make_unique<Worker>("dialer-store");
  impl->speech_worker = std::make_unique<Worker>("dialer-speech");
  spdlog::info("dialer: SIP on {}:{}", o.bind_ip, impl->engine->sip_port());

  impl->scheduler = std::make_unique<Scheduler>(clock);
  Impl* self = impl.get();
  self->on_loop([self, c = std::move(*config)]() mutable {
    self->install(std::move(c), false);
    self->arm_reload();
  });
  return std::unique_ptr<Dialer>(new Dialer(std::move(impl)));
}

Dialer::~Dialer() {
  stop();
}

void Dialer::stop() {
  Impl& d = *impl_;
  if (d.stopped.exchange(true)) return;
  const auto idle = [&d] {
    std::lock_guard lock(d.mu);
    return d.idle;
  };
  // Once the scheduler has taken Stop it claims nothing more: from then on
  // `idle` only goes from false to true.
  std::promise<void> stopping;
  d.on_loop([&d, &stopping] {
    d.reload_timer.reset();
    d.feed(Stop{});
    stopping.set_value();
  });
  stopping.get_future().wait();
  if (!wait_until(idle, d.options.shutdown_grace)) {
    spdlog::warn("dialer: calls still in progress after the grace period: hanging up");
    d.on_loop([&d] {
      for (auto& [id, call] : d.calls) call.session->force_hangup();
      for (auto& [key, session] : d.test_calls) session->force_hangup();
    });
    wait_until(idle, std::chrono::seconds(10));
  }
  std::promise<void> timers_gone;
  d.on_loop([&d, &timers_gone] {
    d.wake_timer.reset();
    d.calls.clear();
    d.test_calls.clear();
    timers_gone.set_value();
  });
  timers_gone.get_future().wait();
  d.speech_worker->stop();
  d.store_worker->stop();
  d.engine.reset();
  spdlog::info("dialer: stopped");
}

std::uint16_t Dialer::sip_port() const {
  return impl_->engine ? impl_->engine->sip_port() : 0;
}

DialerStats Dialer::stats() const {
  DialerStats s;
  {
    std::lock_guard lock(impl_->mu);
    s = impl_->counters;
  }
  s.store_thread_busy = impl_->store_worker->busy();
  s.speech_thread_busy = impl_->speech_worker->busy();
  if (impl_->engine) s.engine = impl_->engine->stats();
  return s;
}

DialerLive Dialer::live() {
  std::lock_guard lock(impl_->mu);
  return impl_->snapshot;
}

DialerLive Dialer::set_enabled(bool enabled) {
  if (impl_->stopped) return live();
  Impl* d = impl_.get();
  auto applied = std::make_shared<std::promise<void>>();
  auto done = applied->get_future();
  d->on_loop([d, enabled, applied] {
    spdlog::info("dialer: dialing switched {}", enabled ? "on" : "off");
    d->feed(Enabled{enabled});
    applied->set_value();
  });
  // The loop drops closures queued at shutdown: then the promise breaks.
  try {
    done.get();
  } catch (const std::future_error&) {
  }
  return live();
}

void Dialer::reload_settings() {
  if (impl_->stopped) return;
  Impl* d = impl_.get();
  d->store_worker->post([d] {
    auto fresh = load_config(d->db, nullptr);
    if (!fresh) {
      spdlog::error("dialer: settings not reloaded: {}", fresh.error().message);
      return;
    }
    d->on_loop([d, c = std::move(*fresh)]() mutable { d->install(std::move(c), true); }, true);
  });
}

void Dialer::write_metrics(PrometheusText& out) {
  const auto& d = *impl_;
  DialerLive now;
  std::string account;
  {
    std::lock_guard lock(d.mu);
    now = d.snapshot;
    account = d.account_name;
  }
  d.metrics.write(out);
  out.family("robocall_calls_active", "gauge", "Calls in progress, test calls included.");
  out.sample("robocall_calls_active", {}, static_cast<std::uint64_t>(now.active_calls));
  out.family("robocall_dialer_state", "gauge", "The dialer's state: 1 for the current one.");
  for (const auto state : {DialerState::kRunning, DialerState::kStopped, DialerState::kOutsideHours,
                           DialerState::kSipError})
    out.sample("robocall_dialer_state", {{"state", std::string(to_string(state))}},
               std::uint64_t{now.state == state ? 1u : 0u});
  // There is no SIP registration (calls are placed with digest credentials
  // each time): an account is up unless dialing paused on its error.
  out.family("robocall_sip_account_up", "gauge",
             "1 unless dialing is paused on the account's SIP error (no registration exists).");
  out.family("robocall_sip_account_error_info", "gauge",
             "The account's last SIP error that paused dialing.");
  if (!account.empty()) {
    const bool failing = now.state == DialerState::kSipError;
    out.sample("robocall_sip_account_up", {{"account", account}}, std::uint64_t{failing ? 0u : 1u});
    if (failing)
      out.sample("robocall_sip_account_error_info", {{"account", account}, {"error", now.error}},
                 std::uint64_t{1});
  }
  out.family("robocall_dialer_queue", "gauge", "Jobs waiting on the dialer's threads.");
  out.sample("robocall_dialer_queue", {{"queue", "store"}},
             static_cast<std::uint64_t>(d.store_worker->queued()));
  out.sample("robocall_dialer_queue", {{"queue", "speech"}},
             static_cast<std::uint64_t>(d.speech_worker->queued()));
  if (d.stopped || !d.engine) return;
  const auto engine = d.engine->stats();
  out.family("robocall_ticker_lateness_seconds", "histogram",
             "How late the 20 ms media ticker fired behind its grid.");
  out.histogram("robocall_ticker_lateness_seconds", {}, engine.lateness);
  const std::tuple<const char*, std::uint64_t, const char*> engine_counters[] = {
      {"robocall_rtp_dropped_total", engine.rtp_dropped,
       "RTP packets dropped: not from the patient's source or SSRC."},
      {"robocall_sip_dropped_total", engine.sip_dropped,
       "SIP requests outside our calls, dropped unanswered."},
      {"robocall_sip_tcp_refused_total", engine.tcp_refused,
       "Inbound SIP TCP connections closed at the caps."},
      {"robocall_recording_failures_total", engine.recording_failures,
       "Recordings that could not be written."}};
  for (const auto& [name, value, help] : engine_counters) {
    out.family(name, "counter", help);
    out.sample(name, {}, value);
  }
}

Status Dialer::check_health() {
  Impl* d = impl_.get();
  if (d->stopped || !d->engine)
    return Error{Errc::kUnavailable, "Обзвон остановлен: SIP не работает"};
  if (d->engine->sip_port() == 0) return Error{Errc::kUnavailable, "SIP-порт не открыт"};
  auto ran = std::make_shared<std::promise<void>>();
  auto done = ran->get_future();
  d->engine->post([ran] { ran->set_value(); });
  if (done.wait_for(std::chrono::seconds(2)) != std::future_status::ready)
    return Error{Errc::kUnavailable, "Поток SIP не отвечает больше 2 секунд"};
  return {};
}

AccountRegistration Dialer::registration(std::int64_t account_id) {
  Impl* d = impl_.get();
  AccountRegistration r;
  if (d->stopped || !d->engine) return r;
  const auto st = d->engine->registration(account_id);
  switch (st.state) {
    case sip::RegistrationState::kOff:
      break;
    case sip::RegistrationState::kRegistering:
      r.state = "registering";
      break;
    case sip::RegistrationState::kRegistered:
      r.state = "registered";
      r.until = std::chrono::floor<std::chrono::seconds>(st.until);
      break;
    case sip::RegistrationState::kFailed:
      r.state = "failed";
      r.sip_code = st.sip_code;
      r.error = st.error;
      break;
  }
  return r;
}

Result<TestCallResult> Dialer::test_call(std::int64_t account_id, const std::string& phone) {
  Impl* d = impl_.get();
  if (d->stopped) return Error{Errc::kUnavailable, "Обзвон остановлен: тестовый звонок невозможен"};
  if (!sip::is_ten_digits(phone))
    return Error::invalid("Номер телефона должен состоять ровно из 10 цифр");

  // Read the account and phrases on this thread with its own connection.
  auto db = store::Connection::open(d->options.db_path, false);
  if (!db) return db.error();
  auto record = store::AccountsRepo(*db).get(account_id);
  if (!record) return record.error();
  auto config = load_config(*db, nullptr);
  if (!config) return config.error();
  config->account = to_sip_account(*record);
  if (auto addr = sip::call_addresses(config->account, phone); !addr) return addr.error();

  auto rendered = std::make_shared<std::promise<Result<CallPhrases>>>();
  auto phrases_ready = rendered->get_future();
  d->speech_worker->post([d, rendered, sources = config->phrases] {
    const auto now = d->clock->now();
    rendered->set_value(d->book->prepare(sources, test_call_task(now), now));
  });
  Result<CallPhrases> phrases = Error{Errc::kUnavailable, "Обзвон остановлен"};
  try {
    phrases = phrases_ready.get();
  } catch (const std::future_error&) {
    return Error{Errc::kUnavailable, "Обзвон остановлен: тестовый звонок невозможен"};
  }
  if (!phrases) return phrases.error();

  auto result = std::make_shared<std::promise<TestCallResult>>();
  auto done = result->get_future();
  d->on_loop([d, account = config->account, phone, p = std::move(*phrases), result]() mutable {
    if (d->stopped) {
      result->set_value(TestCallResult{});
      return;
    }
    d->place_test_call(std::move(account), std::move(phone), std::move(p), std::move(result));
  });
  try {
    return done.get();
  } catch (const std::future_error&) {
    return Error{Errc::kUnavailable, "Обзвон остановлен во время тестового звонка"};
  }
}

}  // namespace robocall::dialer
