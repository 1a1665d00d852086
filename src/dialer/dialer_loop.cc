// The dialer's scheduling on the SIP loop thread: claim → render → pace →
// dial → write the result. Nothing here blocks: store and speech work is
// posted to their threads and the results come back through Engine::post.
#include <spdlog/spdlog.h>

#include <algorithm>

#include "dialer/claim_plan.h"
#include "dialer/dialer_impl.h"
#include "dialer/recordings.h"
#include "domain/retry_policy.h"

namespace robocall::dialer {
namespace {

using Steady = std::chrono::steady_clock;

constexpr std::chrono::milliseconds kTick{250};
constexpr std::chrono::hours kPurgeEvery{24};
// Claims run ahead of the pacer by this much, so rendering never delays a start.
constexpr double kLookaheadSeconds = 2.0;
// A call refused by an overloaded trunk is retried after this, not retry_after.
constexpr std::chrono::minutes kOverloadRetry{1};

domain::Instant wall_now() {
  return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
}

domain::Instant to_instant(sip::CallEnd::Clock::time_point t) {
  return std::chrono::time_point_cast<std::chrono::seconds>(t);
}

store::TaskTransition transition(const domain::RetryDecision& d) {
  return {d.state, d.attempts, d.next_attempt};
}

}  // namespace

std::string mask_phone(std::string_view phone) {
  if (phone.size() < 6) return std::string(phone.size(), '*');
  return std::string(phone.substr(0, 3)) + std::string(phone.size() - 5, '*') +
         std::string(phone.substr(phone.size() - 2));
}

void Dialer::Impl::on_loop(std::function<void()> fn, bool store_work) {
  engine->post([this, fn = std::move(fn), store_work] {
    const auto start = Steady::now();
    fn();
    const auto spent = Steady::now() - start;
    std::lock_guard lock(mu);
    counters.loop_busy += spent;
    if (store_work) counters.loop_store_busy += spent;
  });
}

void Dialer::Impl::install(DialerConfig fresh, bool settings_changed) {
  for (const auto& p : fresh.problems) spdlog::warn("dialer: settings: {}", p);
  const bool account_changed = config && (config->account_id != fresh.account_id ||
                                          config->account.server != fresh.account.server ||
                                          config->account.username != fresh.account.username ||
                                          config->account.password != fresh.account.password);
  if (settings_changed || account_changed) sip_error.clear();
  pacer.set_limit(fresh.settings.max_calls_per_second);
  config = std::move(fresh);
  if (!config->account_id) {
    sip_error = "Не задана учётная запись SIP по умолчанию: добавьте её в настройках SIP";
  }
  refresh_state();
  pump();
}

bool Dialer::Impl::may_dial(domain::Instant now) const {
  return config && config->account_id && config->settings.enabled && sip_error.empty() &&
         !stopping && config->calendar.is_open(now);
}

void Dialer::Impl::refresh_state() {
  DialerLive s;
  const auto now = wall_now();
  if (!config || stopping || stopped) {
    s.state = DialerState::kStopped;
  } else if (!sip_error.empty()) {
    s.state = DialerState::kSipError;
    s.error = sip_error;
  } else if (!config->settings.enabled) {
    s.state = DialerState::kStopped;
  } else if (!config->calendar.is_open(now)) {
    s.state = DialerState::kOutsideHours;
  } else {
    s.state = DialerState::kRunning;
  }
  s.active_calls = static_cast<int>(calls.size());
  std::lock_guard lock(mu);
  snapshot = s;
  busy = static_cast<int>(calls.size()) + preparing + (claim_outstanding ? 1 : 0);
  counters.max_active = std::max(counters.max_active, s.active_calls);
}

void Dialer::Impl::arm_tick() {
  tick_timer = engine->start_timer(kTick, [this] {
    refresh_state();
    pump();
    arm_tick();
  });
}

void Dialer::Impl::arm_reload() {
  reload_timer = engine->start_timer(options.reload_every, [this] {
    store_worker->post([this] {
      auto fresh = load_config(db, nullptr);
      if (!fresh) {
        spdlog::error("dialer: settings not reloaded: {}", fresh.error().message);
        return;
      }
      on_loop([this, c = std::move(*fresh)]() mutable { install(std::move(c), false); }, true);
    });
    arm_reload();
  });
}

void Dialer::Impl::arm_purge() {
  if (config && config->settings.retention_days) {
    const auto before = wall_now() - std::chrono::days(*config->settings.retention_days);
    store_worker->post([this, before] {
      store::AttemptsRepo attempts(db);
      auto report = purge_recordings(attempts, options.data_dir, before);
      if (!report)
        spdlog::error("dialer: retention purge failed: {}", report.error().message);
      else if (report->deleted || report->failed)
        spdlog::info("dialer: retention purge deleted {} recordings, {} failed", report->deleted,
                     report->failed);
    });
  }
  purge_timer = engine->start_timer(kPurgeEvery, [this] { arm_purge(); });
}

void Dialer::Impl::pump() {
  const auto now = wall_now();
  if (!may_dial(now)) {
    while (!ready.empty()) {
      release(ready.front().claim, "dialing stopped before the call started");
      ready.pop_front();
    }
    refresh_state();
    return;
  }
  const int max_calls = std::min(config->settings.max_calls, options.max_lines);
  const auto steady = Steady::now();
  while (!ready.empty() && static_cast<int>(calls.size()) < max_calls && pacer.may_start(steady)) {
    PreparedCall next = std::move(ready.front());
    ready.pop_front();
    dial(std::move(next));
    if (!may_dial(now)) return pump();
  }
  if (!ready.empty() && static_cast<int>(calls.size()) < max_calls) {
    const auto wait =
        std::chrono::ceil<std::chrono::milliseconds>(pacer.next_start(steady) - steady);
    pace_timer =
        engine->start_timer(std::max(wait, std::chrono::milliseconds(1)), [this] { pump(); });
  }
  const int want = claim_size({max_calls, static_cast<int>(calls.size()),
                               preparing + static_cast<int>(ready.size()), pacer.rate(steady),
                               kLookaheadSeconds});
  if (want > 0 && !claim_outstanding && steady >= next_claim) claim(want);
  refresh_state();
}

void Dialer::Impl::claim(int count) {
  claim_outstanding = true;
  const auto now = wall_now();
  const auto account_id = config->account_id;
  store_worker->post([this, count, now, account_id] {
    auto claims = store::AttemptsRepo(db).claim_due(now, count, account_id);
    on_loop([this, c = std::move(claims), count]() mutable { on_claimed(std::move(c), count); },
            true);
  });
}

void Dialer::Impl::on_claimed(Result<std::vector<store::Claim>> claims, int asked) {
  claim_outstanding = false;
  if (!claims) {
    spdlog::error("dialer: claiming tasks failed: {}", claims.error().message);
    next_claim = Steady::now() + options.idle_poll;
    refresh_state();
    return;
  }
  if (static_cast<int>(claims->size()) < asked) next_claim = Steady::now() + options.idle_poll;
  const auto now = wall_now();
  for (auto& c : *claims) {
    if (!may_dial(now)) {
      release(c, "dialing stopped while the task was being claimed");
      continue;
    }
    if (c.task.attempts >= config->settings.attempts) {
      store::AttemptResult r;
      r.attempt_id = c.attempt.id;
      r.outcome = domain::CallOutcome::kFailed;
      r.ended = now;
      r.task = {domain::TaskState::kExhausted, c.task.attempts, std::nullopt};
      finish(c.task.id, std::move(r));
      continue;
    }
    ++preparing;
    auto record = recording_path(options.data_dir, c.attempt.started, c.attempt.id);
    speech_worker->post([this, c = std::move(c), phrases = config->phrases, now,
                         record = std::move(record)]() mutable {
      auto audio = book->prepare(phrases, c.task, now);
      std::error_code ec;
      std::filesystem::create_directories(record.parent_path(), ec);
      if (ec && audio)
        audio = Error::io("Не удалось создать каталог записей " + record.parent_path().string() +
                          ": " + ec.message());
      on_loop([this, c = std::move(c), a = std::move(audio), r = std::move(record)]() mutable {
        on_prepared(std::move(c), std::move(a), std::move(r));
      });
    });
  }
  pump();
}

void Dialer::Impl::on_prepared(store::Claim claim, Result<CallPhrases> phrases,
                               std::filesystem::path record_path) {
  --preparing;
  if (!phrases) {
    spdlog::error("dialer: task {}: phrases not ready: {}", claim.task.id, phrases.error().message);
    release(claim, "phrases could not be prepared");
  } else {
    ready.push_back({std::move(claim), std::move(*phrases), std::move(record_path)});
  }
  pump();
}

void Dialer::Impl::dial(PreparedCall p) {
  const auto now = wall_now();
  if (p.claim.task.appointment <= now) {
    release(p.claim, "the appointment has begun");
    return;
  }
  auto session = std::make_unique<CallSession>(
      *engine, std::move(p.phrases), dialog::Dialog::kDefaultSilenceTimeout,
      [this](CallSession& s, const SessionEnd& e) { on_call_done(s, e); });
  sip::CallOptions o;
  o.answer_timeout = config->settings.answer_timeout;
  o.record_path = p.record_path;
  auto call = engine->place_call(config->account, p.claim.task.phone, o, *session);
  if (!call) {
    spdlog::warn("dialer: task {} ({}): call not placed: {}", p.claim.task.id,
                 mask_phone(p.claim.task.phone), call.error().message);
    if (call.error().code == Errc::kInvalidArgument)
      pause("Ошибка учётной записи SIP «" + config->account.name + "»: " + call.error().message);
    release(p.claim, "the SIP engine refused the call");
    return;
  }
  pacer.started(Steady::now());
  session->attach(*call);
  spdlog::info("dialer: task {} attempt {}: calling {}", p.claim.task.id, p.claim.attempt.id,
               mask_phone(p.claim.task.phone));
  CallSession* key = session.get();
  calls.emplace(
      key, LiveCall{std::move(session), std::move(p.claim), std::move(p.record_path), nullptr});
  std::lock_guard lock(mu);
  ++counters.calls_started;
}

void Dialer::Impl::on_call_done(CallSession& session, const SessionEnd& end) {
  auto it = calls.find(&session);
  if (it == calls.end()) return;
  LiveCall& live = it->second;
  if (live.test) {
    TestCallResult r;
    r.outcome = end.outcome;
    if (end.sip_code) r.sip_code = end.sip_code;
    r.digits = end.digits;
    r.duration_s = std::chrono::duration<double>(end.ended - end.started).count();
    live.test->set_value(r);
  } else {
    const auto& claim = *live.claim;
    const auto now = to_instant(end.ended);
    domain::RetrySettings retry = config->retry();
    if (end.trunk_overloaded) {
      pacer.overloaded(Steady::now());
      retry.retry_after = kOverloadRetry;
      spdlog::warn("dialer: the trunk is overloaded (SIP {}): call rate lowered to {:.2f}/s",
                   end.sip_code, pacer.rate(Steady::now()));
    }
    if (end.outcome == domain::CallOutcome::kConfigError)
      pause("Ошибка авторизации SIP (код " + std::to_string(end.sip_code) +
            "): проверьте имя пользователя и пароль учётной записи «" + config->account.name +
            "». Обзвон приостановлен.");
    const auto decision = domain::decide_retry(
        retry, config->calendar, {claim.task.attempts, end.outcome, claim.task.appointment, now});
    store::AttemptResult r;
    r.attempt_id = claim.attempt.id;
    r.outcome = end.outcome;
    if (end.sip_code) r.sip_code = end.sip_code;
    r.digits = end.digits;
    if (end.answered_at) r.answered = to_instant(*end.answered_at);
    r.ended = now;
    r.duration_ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(end.ended - end.started).count();
    if (end.answered) r.recording = live.record_path.string();
    r.task = transition(decision);
    spdlog::info("dialer: task {} attempt {}: {} (SIP {}), task {}", claim.task.id,
                 claim.attempt.id, domain::to_string(end.outcome), end.sip_code,
                 domain::to_string(decision.state));
    finish(claim.task.id, std::move(r));
  }
  {
    std::lock_guard lock(mu);
    ++counters.calls_finished;
  }
  // The session is the observer still returning from on_ended: free it later.
  auto owned = std::move(live.session);
  calls.erase(it);
  engine->post([s = std::shared_ptr<CallSession>(std::move(owned))] {});
  refresh_state();
  pump();
}

void Dialer::Impl::release(const store::Claim& claim, std::string_view why) {
  const auto now = wall_now();
  spdlog::info("dialer: task {} attempt {}: given back without a call: {}", claim.task.id,
               claim.attempt.id, why);
  domain::RetrySettings retry = config ? config->retry() : domain::RetrySettings{};
  retry.retry_after = std::chrono::minutes(0);
  const auto calendar =
      config ? config->calendar
             : domain::WorkingCalendar::create(domain::default_calendar_settings()).value();
  const auto decision = domain::decide_retry(
      retry, calendar,
      {claim.task.attempts, domain::CallOutcome::kFailed, claim.task.appointment, now});
  store::AttemptResult r;
  r.attempt_id = claim.attempt.id;
  r.outcome = domain::CallOutcome::kFailed;
  r.ended = now;
  r.task = transition(decision);
  finish(claim.task.id, std::move(r));
}

void Dialer::Impl::finish(std::int64_t task_id, store::AttemptResult result) {
  store_worker->post([this, task_id, r = std::move(result)] {
    // The result and what on_final writes (the webhook's queue entry) commit
    // together: a crash between them could otherwise lose the notification.
    auto tx = store::Transaction::begin(db);
    if (!tx) {
      spdlog::error("dialer: attempt {} not recorded: {}", r.attempt_id, tx.error().message);
      return;
    }
    if (auto st = store::AttemptsRepo(db).finish(r); !st) {
      spdlog::error("dialer: attempt {} not recorded: {}", r.attempt_id, st.error().message);
      return;
    }
    if (domain::is_final(r.task.state) && options.on_final) {
      if (auto st = options.on_final(db, task_id, r.ended); !st)
        spdlog::error("dialer: task {} final status not passed on: {}", task_id,
                      st.error().message);
    }
    if (auto st = tx->commit(); !st)
      spdlog::error("dialer: attempt {} not recorded: {}", r.attempt_id, st.error().message);
  });
}

void Dialer::Impl::pause(std::string message) {
  if (sip_error.empty()) spdlog::error("dialer: paused: {}", message);
  sip_error = std::move(message);
  refresh_state();
}

void Dialer::Impl::begin_shutdown() {
  stopping = true;
  reload_timer.reset();
  purge_timer.reset();
  pump();
}

void Dialer::Impl::hang_up_all() {
  for (auto& [session, live] : calls) session->force_hangup();
}

void Dialer::Impl::place_test_call(sip::Account account, std::string phone, CallPhrases phrases,
                                   std::shared_ptr<std::promise<TestCallResult>> result) {
  auto session = std::make_unique<CallSession>(
      *engine, std::move(phrases), dialog::Dialog::kDefaultSilenceTimeout,
      [this](CallSession& s, const SessionEnd& e) { on_call_done(s, e); });
  sip::CallOptions o;
  if (config) o.answer_timeout = config->settings.answer_timeout;
  auto call = engine->place_call(account, phone, o, *session);
  if (!call) {
    TestCallResult r;
    r.outcome = call.error().code == Errc::kInvalidArgument ? domain::CallOutcome::kConfigError
                                                            : domain::CallOutcome::kFailed;
    result->set_value(r);
    return;
  }
  session->attach(*call);
  spdlog::info("dialer: test call to {}", mask_phone(phone));
  CallSession* key = session.get();
  calls.emplace(key, LiveCall{std::move(session), std::nullopt, {}, std::move(result)});
  refresh_state();
}

}  // namespace robocall::dialer
