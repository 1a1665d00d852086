// The dialer's executor on the SIP loop thread: it feeds the Scheduler and
// carries out its commands — store work on the store thread, phrases on the
// speech thread, calls on the SIP engine — and feeds the results back.
// Nothing here decides and nothing here blocks.
#include <spdlog/spdlog.h>

#include <algorithm>

#include "dialer/dialer_impl.h"
#include "dialer/recordings.h"
#include "domain/phone.h"
#include "store/recording_file.h"

namespace robocall::dialer {
SchedulerConfig scheduler_config(const DialerConfig& config, int max_lines) {
  std::optional<std::string> account;
  if (config.account_id) account = config.account.name;
  const auto& a = config.account;
  return SchedulerConfig{config.settings.enabled,
                         std::move(account),
                         a.server + '\n' + a.username + '\n' + a.password,
                         std::min(config.settings.max_calls, max_lines),
                         config.settings.max_calls_per_second,
                         config.retry(),
                         config.calendar};
}

Result<std::vector<std::int64_t>> recover_calls(store::Connection& db, const SchedulerConfig& rules,
                                                domain::Instant now,
                                                const store::RecoverScope& scope,
                                                std::size_t& closed) {
  std::vector<std::int64_t> finals;
  auto attempts = store::AttemptsRepo(db).recover_interrupted(
      now,
      [&](const domain::Task& task, const store::Attempt&) {
        auto next = Scheduler::after_crash(rules, task, now);
        if (domain::is_final(next.state)) finals.push_back(task.id);
        return next;
      },
      scope);
  if (!attempts) return attempts.error();
  closed = attempts->size();
  return finals;
}

void Dialer::Impl::on_loop(std::function<void()> fn, bool store_work) {
  engine->post([this, fn = std::move(fn), store_work] {
    const auto start = clock->steady();
    fn();
    const auto spent = clock->steady() - start;
    std::lock_guard lock(mu);
    counters.loop_busy += spent;
    if (store_work) counters.loop_store_busy += spent;
  });
}

void Dialer::Impl::feed(Input input) {
  engine->assert_loop_thread();
  inputs.push_back(std::move(input));
  if (feeding) return;
  feeding = true;
  while (!inputs.empty()) {
    Input next = std::move(inputs.front());
    inputs.pop_front();
    for (const auto& command : scheduler->on(next)) execute(command);
  }
  feeding = false;
  update_shared();
}

void Dialer::Impl::update_shared() {
  engine->assert_loop_thread();
  std::lock_guard lock(mu);
  snapshot.active_calls = static_cast<int>(calls.size() + test_calls.size());
  idle = scheduler->idle() && test_calls.empty();
  counters.max_active = std::max(counters.max_active, snapshot.active_calls);
}

void Dialer::Impl::execute(const Command& command) {
  std::visit([this](const auto& c) { execute(c); }, command);
}

void Dialer::Impl::execute(const ClaimDue& c) {
  // The account's limits hold for every node together (docs/DESIGN.md
  // "Several nodes"): the store caps the claim and gives the start slots.
  store::ClaimRequest request{
      c.now,
      c.now_ms,
      c.count,
      config->account_id,
      options.node,
      store::AccountLimits{config->settings.max_calls, config->settings.max_calls_per_second}};
  store_worker->post([this, request = std::move(request)] {
    auto claims = store::AttemptsRepo(db).claim_due(request);
    on_loop(
        [this, claims = std::move(claims)]() mutable {
          if (!claims) {
            spdlog::error("dialer: claiming tasks failed: {}", claims.error().message);
            metrics.claim_failures.add();
            feed(ClaimFailed{claims.error().message});
          } else {
            metrics.claims.add(claims->size());
            feed(Claimed{std::move(*claims)});
          }
        },
        true);
  });
}

void Dialer::Impl::execute(const Prepare& c) {
  auto record = recording_path(store::recordings_folder(options.data_dir, options.recordings_dir),
                               c.claim.attempt.started, c.claim.attempt.id);
  const bool verification = config->settings.verify_identity;
  speech_worker->post([this, task = c.claim.task, phrases = config->phrases,
                       record = std::move(record), verification]() mutable {
    auto audio = book->prepare(phrases, task, clock->now(), verification);
    std::error_code ec;
    std::filesystem::create_directories(record.parent_path(), ec);
    if (ec && audio)
      audio = Error::io("Не удалось создать каталог записей " + record.parent_path().string() +
                        ": " + ec.message());
    on_loop(
        [this, id = task.id, a = std::move(audio), r = std::move(record), verification]() mutable {
          if (!a) {
            spdlog::error("dialer: task {}: phrases not ready: {}", id, a.error().message);
            feed(Prepared{id, a.error().message});
            return;
          }
          prepared[id] = PreparedCall{std::move(*a), std::move(r), verification};
          feed(Prepared{id, std::nullopt});
        });
  });
}

void Dialer::Impl::execute(const Dial& c) {
  const auto& claim = c.claim;
  const auto task_id = claim.task.id;
  auto node = prepared.extract(task_id);
  const auto verify_year =
      node.mapped().verification ? std::optional(claim.task.birth_date.year()) : std::nullopt;
  auto session = std::make_unique<CallSession>(
      *engine, std::move(node.mapped().phrases), dialog::Dialog::kDefaultSilenceTimeout,
      verify_year,
      [this, id = task_id](CallSession& s, const SessionEnd& e) { on_call_done(id, s, e); });
  sip::CallOptions o;
  o.answer_timeout = config->settings.answer_timeout;
  o.record_path = node.mapped().record_path;
  auto call = engine->place_call(config->account, claim.task.phone, o, *session);
  if (!call) {
    spdlog::warn("dialer: task {} ({}): call not placed: {}", task_id,
                 domain::mask_phone(claim.task.phone), call.error().message);
    metrics.dial_failures.add();
    inputs.push_back(
        DialFailed{task_id, call.error().code == Errc::kInvalidArgument, call.error().message});
    return;
  }
  session->attach(*call);
  spdlog::info("dialer: task {} attempt {}: calling {}", task_id, claim.attempt.id,
               domain::mask_phone(claim.task.phone));
  calls.emplace(task_id, LiveCall{std::move(session), std::move(node.mapped().record_path)});
  metrics.calls_started.add();
  std::lock_guard lock(mu);
  ++counters.calls_started;
}

void Dialer::Impl::on_call_done(std::int64_t task_id, CallSession&, const SessionEnd& end) {
  engine->assert_loop_thread();
  auto node = calls.extract(task_id);
  if (node.empty()) return;
  {
    std::lock_guard lock(mu);
    ++counters.calls_finished;
  }
  // The session is the observer still returning from on_ended: free it later.
  engine->post([s = std::shared_ptr<CallSession>(std::move(node.mapped().session))] {});
  // Stored relative to the recordings folder: any node serves it
  // (docs/DESIGN.md "Recordings on several nodes").
  const auto folder = store::recordings_folder(options.data_dir, options.recordings_dir);
  feed(CallEnded{task_id, end, store::stored_recording(folder, node.mapped().record_path)});
}

void Dialer::Impl::write_final(std::string_view what,
                               const std::function<Result<std::vector<std::int64_t>>()>& write,
                               domain::Instant at) {
  auto tx = store::Transaction::begin(db);
  if (!tx) {
    spdlog::error("dialer: {} not recorded: {}", what, tx.error().message);
    return;
  }
  auto finals = write();
  if (!finals) {
    spdlog::error("dialer: {} not recorded: {}", what, finals.error().message);
    return;
  }
  if (options.on_final) {
    for (const auto task_id : *finals) {
      if (auto st = options.on_final(db, task_id, at); !st)
        spdlog::error("dialer: task {} final status not passed on: {}", task_id,
                      st.error().message);
    }
  }
  if (auto st = tx->commit(); !st)
    spdlog::error("dialer: {} not recorded: {}", what, st.error().message);
}

void Dialer::Impl::execute(const Release& c) {
  spdlog::info("dialer: task {}: given back without a call: {}", c.claim.task.id, c.why);
  prepared.erase(c.claim.task.id);
  store_worker->post([this, c, now = clock->now()] {
    write_final(
        "release of task " + std::to_string(c.claim.task.id),
        [&]() -> Result<std::vector<std::int64_t>> {
          if (auto st =
                  store::AttemptsRepo(db).release(c.claim.attempt.id, c.task, now, options.node);
              !st)
            return st.error();
          if (domain::is_final(c.task.state)) return std::vector<std::int64_t>{c.claim.task.id};
          return std::vector<std::int64_t>{};
        },
        now);
  });
}

void Dialer::Impl::execute(const Record& c) {
  spdlog::info("dialer: {}", c.log);
  metrics.call_ended(c.result.outcome, c.result.sip_code);
  store_worker->post([this, c] {
    write_final(
        "attempt " + std::to_string(c.result.attempt_id),
        [&]() -> Result<std::vector<std::int64_t>> {
          if (auto st = store::AttemptsRepo(db).finish(c.result, options.node); !st)
            return st.error();
          if (domain::is_final(c.result.task.state)) return std::vector<std::int64_t>{c.task_id};
          return std::vector<std::int64_t>{};
        },
        c.result.ended);
  });
}

void Dialer::Impl::execute(const Expire& c) {
  store_worker->post([this, c] {
    write_final(
        "expiry", [&] { return store::AttemptsRepo(db).expire_due(c.now); }, c.now);
  });
}

void Dialer::Impl::execute(const Renew& c) {
  store_worker->post([this, c] {
    auto held = store::AttemptsRepo(db).renew_leases(options.node, c.now_ms);
    if (!held) {
      spdlog::error("dialer: leases not renewed: {}", held.error().message);
      return;
    }
    on_loop([this, ids = std::move(*held)]() mutable { feed(Renewed{std::move(ids)}); }, true);
  });
}

void Dialer::Impl::execute(const RecoverExpired& c) {
  const auto rules = scheduler_config(*config, options.max_lines);
  store_worker->post([this, c, rules] {
    std::size_t closed = 0;
    write_final(
        "recovery of expired leases",
        [&] {
          return recover_calls(db, rules, c.now, {false, c.now_ms, std::nullopt}, closed);
        },
        c.now);
    if (closed > 0)
      spdlog::warn(
          "dialer: {} calls of a node that stopped renewing its leases recorded as"
          " interrupted",
          closed);
  });
}

void Dialer::Impl::execute(const Drop& c) {
  prepared.erase(c.task_id);
  if (auto it = calls.find(c.task_id); it != calls.end()) {
    spdlog::warn("dialer: task {}: its lease was taken over by another node: hanging up",
                 c.task_id);
    it->second.session->force_hangup();
  }
}

void Dialer::Impl::execute(const WakeAt& c) {
  const auto wait = std::chrono::ceil<std::chrono::milliseconds>(c.at - clock->steady());
  wake_timer = engine->start_timer(std::max(wait, std::chrono::milliseconds(1)), [this] {
    watch_registration();
    feed(Tick{});
  });
}

void Dialer::Impl::execute(const Publish& c) {
  // Only this thread writes the snapshot: reading it here needs no lock.
  if (c.live.state == DialerState::kSipError && c.live.error != snapshot.error)
    spdlog::error("dialer: paused: {}", c.live.error);
  std::lock_guard lock(mu);
  snapshot = c.live;
}

void Dialer::Impl::install(DialerConfig fresh, bool by_admin) {
  engine->assert_loop_thread();
  for (const auto& p : fresh.problems) spdlog::warn("dialer: settings: {}", p);
  config = std::move(fresh);
  {
    std::lock_guard lock(mu);
    account_name = config->account_id ? config->account.name : std::string();
  }
  feed(ConfigChanged{scheduler_config(*config, options.max_lines), by_admin});
  keep_registration();
}

// docs/BEHAVIOUR.md "Trunk problems": no call through an account whose
// registration is on until the registrar accepted it.
void Dialer::Impl::keep_registration() {
  engine->assert_loop_thread();
  if (registered_account && registered_account != config->account_id)
    engine->clear_registration(*registered_account);
  registered_account = config->account_id;
  if (registered_account) engine->set_registration(*registered_account, config->account);
  watch_registration();
}

void Dialer::Impl::watch_registration() {
  engine->assert_loop_thread();
  RegistrationChanged now;
  if (config && config->account_id && config->account.register_enabled) {
    const auto st = engine->registration(*config->account_id);
    now.blocks = st.state != sip::RegistrationState::kRegistered;
    now.failed = st.state == sip::RegistrationState::kFailed;
    now.sip_code = st.sip_code;
    now.error = st.sip_code ? std::to_string(*st.sip_code) + " " + st.error : st.error;
  }
  if (now == registration) return;
  registration = now;
  feed(std::move(now));
}

void Dialer::Impl::arm_reload() {
  engine->assert_loop_thread();
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

void Dialer::Impl::place_test_call(sip::Account account, std::string phone, CallPhrases phrases,
                                   std::shared_ptr<std::promise<TestCallResult>> result) {
  engine->assert_loop_thread();
  auto session = std::make_unique<CallSession>(
      *engine, std::move(phrases), dialog::Dialog::kDefaultSilenceTimeout, std::nullopt,
      [this, result](CallSession& s, const SessionEnd& end) {
        TestCallResult r;
        r.outcome = end.outcome;
        if (end.sip_code) r.sip_code = end.sip_code;
        r.digits = end.digits;
        r.duration_s = std::chrono::duration<double>(end.ended - end.started).count();
        result->set_value(r);
        auto node = test_calls.extract(&s);
        engine->post([owned = std::shared_ptr<CallSession>(std::move(node.mapped()))] {});
        update_shared();
      });
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
  spdlog::info("dialer: test call to {}", domain::mask_phone(phone));
  CallSession* key = session.get();
  test_calls.emplace(key, std::move(session));
  update_shared();
}

}  // namespace robocall::dialer
