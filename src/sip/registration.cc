// The accounts' registrations on the engine's loop thread (docs/BEHAVIOUR.md
// "Trunk problems"): libre's sipreg sends the REGISTER with the calls' digest
// credentials and refreshes the binding (at refresh_after's share of it);
// after a failure the binding is dropped and made again after retry_after
// (registration_policy.h), never by libre's own jittered back-off.
#include <map>
#include <mutex>
#include <new>

#include "sip/engine_impl.h"
#include "sip/registration_policy.h"

namespace robocall::sip {
namespace {

using SystemClock = std::chrono::system_clock;

// The digest credentials, owned by libre's auth state (aref): an un-REGISTER
// sent while the binding goes may be challenged after the Binding is gone.
struct Credentials {
  std::string username;
  std::string password;
  std::string realm;

  static Credentials* make(const Account& account) {
    void* raw = mem_zalloc(sizeof(Credentials),
                           [](void* p) { static_cast<Credentials*>(p)->~Credentials(); });
    if (!raw) return nullptr;
    return new (raw) Credentials{account.username, account.password, expected_realm(account)};
  }

  static int on_auth(char** user, char** pass, const char* realm, void* arg) {
    const auto* c = static_cast<const Credentials*>(arg);
    if (!same_realm(realm ? realm : "", c->realm)) return EACCES;
    int err = str_dup(user, c->username.c_str());
    if (!err) err = str_dup(pass, c->password.c_str());
    return err;
  }
};

bool same_registration(const Account& a, const Account& b) {
  return a.register_enabled == b.register_enabled && a.username == b.username &&
         a.password == b.password && a.server == b.server && a.transport == b.transport &&
         a.from_user == b.from_user && a.from_host == b.from_host && a.realm == b.realm &&
         a.register_expiry_s == b.register_expiry_s && a.outbound_proxy == b.outbound_proxy;
}

}  // namespace

struct Registrations;

struct Binding {
  Binding(Engine::Impl& e, Registrations& o, std::int64_t k, Account a)
      : engine(e), owner(o), key(k), account(std::move(a)) {
    tmr_init(&timer);
  }
  ~Binding() { tmr_cancel(&timer); }
  Binding(const Binding&) = delete;
  Binding& operator=(const Binding&) = delete;

  void start();
  void on_response(int err, const sip_msg* msg);
  void fail(std::optional<int> code, std::string error);
  void publish(RegistrationStatus status);

  Engine::Impl& engine;
  Registrations& owner;
  const std::int64_t key;
  const Account account;
  int failures = 0;
  tmr timer{};           // drops a failed binding, then sends the retry
  ReHandle<sipreg> reg;  // last: released first (an un-REGISTER when bound)
};

struct Registrations {
  std::map<std::int64_t, std::unique_ptr<Binding>> bindings;  // loop thread
  mutable std::mutex mu;
  std::map<std::int64_t, RegistrationStatus> statuses;  // guarded by mu
};

void Binding::publish(RegistrationStatus status) {
  status.failures = failures;
  std::lock_guard lock(owner.mu);
  owner.statuses[key] = std::move(status);
}

void Binding::start() {
  auto addresses = register_addresses(account);
  if (!addresses) {
    fail(std::nullopt, addresses.error().message);
    return;
  }
  Credentials* credentials = Credentials::make(account);
  if (!credentials) {
    fail(std::nullopt, "нет памяти");
    return;
  }
  const char* routev[] = {addresses->route.c_str()};
  const int expiry = account.register_expiry_s;
  const int err = sipreg_register(
      out(reg), engine.sip.get(), addresses->registrar_uri.c_str(), addresses->aor.c_str(), nullptr,
      addresses->aor.c_str(), static_cast<uint32_t>(expiry), addresses->contact_user.c_str(),
      routev, addresses->route.empty() ? 0 : 1, 0, &Credentials::on_auth, credentials, true,
      [](int e, const sip_msg* msg, void* arg) { static_cast<Binding*>(arg)->on_response(e, msg); },
      this, nullptr, nullptr);
  mem_deref(credentials);  // libre's auth state holds its own reference
  if (err) {
    fail(std::nullopt, "не удалось отправить REGISTER на " + account.server);
    return;
  }
  const auto refresh = refresh_after(expiry).count();
  sipreg_set_rwait(reg.get(), static_cast<uint32_t>(refresh * 100 / std::max(expiry, 1)));
  if (failures == 0) {
    RegistrationStatus st;
    st.state = RegistrationState::kRegistering;
    publish(std::move(st));
  }
}

void Binding::on_response(int err, const sip_msg* msg) {
  if (!err && msg && msg->scode < 200) return;
  if (!err && msg && msg->scode < 300) {
    failures = 0;
    const auto granted = sipreg_proxy_expires(reg.get());
    RegistrationStatus st;
    st.state = RegistrationState::kRegistered;
    st.until =
        SystemClock::now() +
        std::chrono::seconds(granted ? granted : static_cast<unsigned>(account.register_expiry_s));
    publish(std::move(st));
    return;
  }
  if (msg && msg->scode >= 300)
    fail(msg->scode, std::string(msg->reason.p, msg->reason.l));
  else
    fail(std::nullopt, "регистратор не ответил");
}

// Not from inside libre's handler: the timer drops the binding, then waits.
void Binding::fail(std::optional<int> code, std::string error) {
  ++failures;
  const auto wait = retry_after(failures);
  RegistrationStatus st;
  st.state = RegistrationState::kFailed;
  st.sip_code = code;
  st.error = std::move(error);
  st.retry_at = SystemClock::now() + wait;
  publish(std::move(st));
  tmr_start(
      &timer, 0,
      [](void* arg) {
        auto* b = static_cast<Binding*>(arg);
        b->reg.reset();
        const auto ms = std::chrono::milliseconds(retry_after(b->failures)).count();
        tmr_start(
            &b->timer, static_cast<uint64_t>(ms),
            [](void* again) { static_cast<Binding*>(again)->start(); }, b);
      },
      this);
}

namespace {

// The engine's registrations, made once under post_mu by the first caller.
std::shared_ptr<Registrations> registrations_of(Engine::Impl& engine, bool make) {
  std::lock_guard lock(engine.post_mu);
  if (!engine.registrations && make) engine.registrations = std::make_shared<Registrations>();
  return engine.registrations;
}

}  // namespace

void stop_registrations(Engine::Impl& engine) {
  if (auto regs = registrations_of(engine, false)) regs->bindings.clear();
}

void Engine::set_registration(std::int64_t key, const Account& account) {
  post([e = impl_.get(), regs_ptr = registrations_of(*impl_, true), key, account] {
    if (e->stopping) return;
    auto& regs = *regs_ptr;
    auto it = regs.bindings.find(key);
    if (it != regs.bindings.end() && same_registration(it->second->account, account)) return;
    if (it != regs.bindings.end()) regs.bindings.erase(it);
    if (!account.register_enabled) {
      std::lock_guard lock(regs.mu);
      regs.statuses.erase(key);
      return;
    }
    auto binding = std::make_unique<Binding>(*e, regs, key, account);
    Binding& b = *binding;
    regs.bindings.emplace(key, std::move(binding));
    b.start();
  });
}

void Engine::clear_registration(std::int64_t key) {
  Account off;
  off.register_enabled = false;
  set_registration(key, off);
}

RegistrationStatus Engine::registration(std::int64_t key) const {
  auto regs = registrations_of(*impl_, false);
  if (!regs) return {};
  std::lock_guard lock(regs->mu);
  auto it = regs->statuses.find(key);
  return it == regs->statuses.end() ? RegistrationStatus{} : it->second;
}

}  // namespace robocall::sip
