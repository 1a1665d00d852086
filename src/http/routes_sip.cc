// Routes: SIP accounts CRUD (passwords write-only), the default flag, a test
// call through an account (rate-limited: docs/SECURITY.md "Test calls").
#include <memory>
#include <nlohmann/json.hpp>

#include "dialer/control.h"
#include "domain/phone.h"
#include "domain/public_address.h"
#include "domain/sip_transport.h"
#include "http/change_notice.h"
#include "http/json_input.h"
#include "http/rate_limiter.h"
#include "http/reply.h"
#include "http/routes.h"
#include "http/services.h"
#include "http/time_format.h"
#include "store/accounts_repo.h"

namespace robocall::http {
namespace {

nlohmann::json account_json(const store::SipAccountRecord& a) {
  return {{"id", a.id},
          {"name", a.name},
          {"username", a.username},
          {"server", a.server},
          {"prefix", a.prefix},
          {"caller_id", a.caller_id},
          {"from_user", a.from_user},
          {"from_host", a.from_host},
          {"realm", a.realm},
          {"transport", a.transport},
          {"register_enabled", a.register_enabled},
          {"register_expiry_s", a.register_expiry_s},
          {"outbound_proxy", a.outbound_proxy},
          {"public_address", a.public_address},
          {"is_default", a.is_default},
          {"has_password", !a.password.empty()}};
}

// The account as audited: never the password.
nlohmann::json audit_json(const store::SipAccountRecord& a, bool password_changed) {
  auto j = account_json(a);
  j.erase("has_password");
  j["password_changed"] = password_changed;
  return j;
}

bool printable(const std::string& s) {
  for (unsigned char c : s) {
    if (c < 0x20 || c == 0x7f) return false;
  }
  return true;
}

// host or host:port as typed in the form: no spaces, paths, users or parameters.
bool plain_host_port(const std::string& s) {
  return s.find_first_of(" /@;<>\"") == std::string::npos;
}

// The checks of the registration and network fields (docs/BEHAVIOUR.md
// "Trunk problems"); the caller ID must be a Russian number (domain/phone.h).
Status check_network(const store::SipAccountRecord& a) {
  if (!a.caller_id.empty()) {
    if (auto phone = domain::normalize_phone(a.caller_id); !phone)
      return Error::invalid("Номер для определителя «" + a.caller_id +
                            "» не похож на номер телефона: " +
                            std::string(domain::phone_error_message(phone.error())));
  }
  if (!plain_host_port(a.outbound_proxy))
    return Error::invalid("Исходящий прокси должен иметь вид хост или хост:порт");
  if (auto st = domain::check_public_address(a.public_address); !st) return st.error();
  return {};
}

Result<store::SipAccountRecord> read_account(const nlohmann::json& body) {
  FieldReader f(body);
  store::SipAccountRecord a;
  auto name = f.string("name", 100, false);
  auto username = f.string("username", 100, false);
  auto server = f.string("server", 255, false);
  if (!f.ok()) return f.error();
  a.name = *name;
  a.username = *username;
  a.server = *server;
  for (auto [key, target, max] :
       {std::tuple{"prefix", &a.prefix, 20}, std::tuple{"caller_id", &a.caller_id, 64},
        std::tuple{"from_user", &a.from_user, 100}, std::tuple{"from_host", &a.from_host, 255},
        std::tuple{"realm", &a.realm, 255}, std::tuple{"transport", &a.transport, 3}}) {
    if (f.has(key) && !f.is_null(key)) {
      if (auto v = f.string(key, static_cast<std::size_t>(max))) *target = *v;
    }
  }
  if (f.has("password") && !f.is_null("password")) {
    if (auto v = f.string("password", 200)) a.password = *v;
  }
  for (auto [key, target, max] : {std::tuple{"outbound_proxy", &a.outbound_proxy, 255},
                                  std::tuple{"public_address", &a.public_address, 255}}) {
    if (f.has(key) && !f.is_null(key)) {
      if (auto v = f.string(key, static_cast<std::size_t>(max))) *target = *v;
    }
  }
  if (f.has("is_default")) a.is_default = f.boolean("is_default").value_or(false);
  if (f.has("register_enabled")) a.register_enabled = f.boolean("register_enabled").value_or(false);
  if (f.has("register_expiry_s"))
    a.register_expiry_s = static_cast<int>(f.integer("register_expiry_s", 60, 86400).value_or(0));
  if (!f.ok()) return f.error();
  for (const auto* s :
       {&a.name, &a.username, &a.server, &a.prefix, &a.caller_id, &a.from_user, &a.from_host,
        &a.realm, &a.password, &a.outbound_proxy, &a.public_address}) {
    if (!printable(*s))
      return Error::invalid("Поля учётной записи SIP не могут содержать управляющие символы");
  }
  if (a.server.find_first_of(" /@;") != std::string::npos) {
    return Error::invalid("Адрес сервера SIP должен иметь вид хост или хост:порт");
  }
  if (a.realm.find_first_of("\"\\") != std::string::npos) {
    return Error::invalid("Область (realm) не может содержать кавычки и обратную косую черту");
  }
  if (a.prefix.find_first_not_of("0123456789+*#") != std::string::npos) {
    return Error::invalid("Префикс может содержать только цифры, +, * и #");
  }
  if (auto st = check_network(a); !st) return st.error();
  if (a.transport.empty()) a.transport = "udp";
  if (a.transport != "udp" && a.transport != "tcp" && a.transport != "tls") {
    return Error::invalid("Транспорт должен быть udp, tcp или tls");
  }
  // The engine refuses TLS too (sip/tls.h): never saved, never called over UDP instead.
  if (a.transport == "tls") return Error::invalid(std::string(domain::kTlsRefused));
  return a;
}

// The account with its registration (docs/BEHAVIOUR.md "Trunk problems").
nlohmann::json account_json(RequestContext& ctx, const store::SipAccountRecord& a) {
  auto j = account_json(a);
  dialer::AccountRegistration r;
  r.state = "off";
  if (a.register_enabled)
    r = ctx.services.options.dialer ? ctx.services.options.dialer->registration(a.id)
                                    : dialer::AccountRegistration{};
  j["registration"] = {{"state", r.state},
                       {"until", r.until ? nlohmann::json(rfc3339(*r.until)) : nlohmann::json()},
                       {"sip_code", r.sip_code ? nlohmann::json(*r.sip_code) : nlohmann::json()},
                       {"error", r.error.empty() ? nlohmann::json() : nlohmann::json(r.error)}};
  return j;
}

Status list(RequestContext& ctx) {
  auto accounts = store::AccountsRepo(ctx.db).list();
  if (!accounts.ok()) return accounts.error();
  auto out = nlohmann::json::array();
  for (const auto& a : *accounts) out.push_back(account_json(ctx, a));
  send_json(ctx.res, out);
  return {};
}

Status conflict_name(const Error& e, const std::string& name) {
  if (e.code == Errc::kConflict) {
    return Error::conflict("Учётная запись с именем «" + name + "» уже есть");
  }
  return e;
}

Status create(RequestContext& ctx) {
  auto body = parse_json(ctx.req.body);
  if (!body.ok()) return body.error();
  auto account = read_account(*body);
  if (!account.ok()) return account.error();
  store::AccountsRepo repo(ctx.db);
  auto id = repo.create(*account, now(ctx));
  if (!id.ok()) return conflict_name(id.error(), account->name);
  auto saved = repo.get(*id);
  if (!saved.ok()) return saved.error();
  if (auto st = audit(ctx, "sip.create", audit_json(*saved, !account->password.empty()));
      !st.ok()) {
    return st;
  }
  reload_everywhere(ctx, store::Change::kAccounts);
  send_json(ctx.res, account_json(ctx, *saved), 201);
  return {};
}

Status update(RequestContext& ctx) {
  auto id = path_id(ctx.req);
  if (!id.ok()) return id.error();
  auto body = parse_json(ctx.req.body);
  if (!body.ok()) return body.error();
  auto account = read_account(*body);
  if (!account.ok()) return account.error();
  account->id = *id;
  store::AccountsRepo repo(ctx.db);
  auto current = repo.get(*id);
  if (!current.ok()) return current.error();
  // Dropping the flag from the default would leave none: keep it unless another is chosen.
  if (current->is_default) account->is_default = true;
  if (auto st = repo.update(*account, now(ctx)); !st.ok())
    return conflict_name(st.error(), account->name);
  auto saved = repo.get(*id);
  if (!saved.ok()) return saved.error();
  if (auto st = audit(ctx, "sip.update", audit_json(*saved, !account->password.empty()));
      !st.ok()) {
    return st;
  }
  reload_everywhere(ctx, store::Change::kAccounts);
  send_json(ctx.res, account_json(ctx, *saved));
  return {};
}

Status remove(RequestContext& ctx) {
  auto id = path_id(ctx.req);
  if (!id.ok()) return id.error();
  store::AccountsRepo repo(ctx.db);
  auto current = repo.get(*id);
  if (!current.ok()) return current.error();
  if (auto st = repo.remove(*id); !st.ok()) return st;
  if (auto st = audit(ctx, "sip.delete", {{"id", *id}, {"name", current->name}}); !st.ok()) {
    return st;
  }
  reload_everywhere(ctx, store::Change::kAccounts);
  ctx.res.status = 204;
  return {};
}

Status make_default(RequestContext& ctx) {
  auto id = path_id(ctx.req);
  if (!id.ok()) return id.error();
  store::AccountsRepo repo(ctx.db);
  if (auto current = repo.get(*id); !current.ok()) return current.error();
  if (auto st = repo.set_default(*id, now(ctx)); !st.ok()) return st;
  if (auto st = audit(ctx, "sip.default", {{"id", *id}}); !st.ok()) return st;
  reload_everywhere(ctx, store::Change::kAccounts);
  return list(ctx);
}

// A test call rings a real phone and costs the clinic a call: at most one
// per account every 10 s and 10 an hour in all (docs/SECURITY.md "Test calls").
struct TestCallLimits {
  RateLimiter per_account{1, std::chrono::seconds(10)};
  RateLimiter in_all{10, std::chrono::hours(1)};
};

// Writes 429 with Retry-After and returns true when a limit refuses the call.
bool refused_by_limits(RequestContext& ctx, TestCallLimits& limits, std::int64_t account_id) {
  const auto now = ctx.services.options.clock->steady();
  auto wait = limits.per_account.acquire(std::to_string(account_id), now);
  std::string message;
  if (wait > wait.zero()) {
    message = "Тестовый звонок через одну учётную запись — не чаще раза в 10 секунд.";
  } else if (wait = limits.in_all.acquire("all", now); wait > wait.zero()) {
    message = "Не больше 10 тестовых звонков в час.";
  } else {
    return false;
  }
  const auto seconds = std::chrono::ceil<std::chrono::seconds>(wait).count();
  ctx.res.set_header("Retry-After", std::to_string(seconds));
  send_error(ctx.res, 429, "too_many_requests",
             message + " Повторите через " + std::to_string(seconds) + " с.");
  return true;
}

Status test_call(RequestContext& ctx, TestCallLimits& limits) {
  auto id = path_id(ctx.req);
  if (!id.ok()) return id.error();
  auto body = parse_json(ctx.req.body);
  if (!body.ok()) return body.error();
  FieldReader f(*body);
  auto phone_text = f.string("phone", 40, false);
  if (!f.ok()) return f.error();
  auto phone = domain::normalize_phone(*phone_text);
  if (!phone.ok()) return domain::to_error(phone.error());
  if (auto account = store::AccountsRepo(ctx.db).get(*id); !account.ok()) return account.error();
  auto* dialer = ctx.services.options.dialer;
  if (!dialer) {
    return Error{Errc::kUnavailable,
                 "Обзвон в этом процессе не запущен: тестовый звонок невозможен"};
  }
  if (refused_by_limits(ctx, limits, *id)) return {};
  if (auto st = audit(ctx, "sip.test_call",
                      {{"id", *id}, {"phone_tail", phone.value().digits.substr(8)}});
      !st.ok()) {
    return st;
  }
  auto result = dialer->test_call(*id, phone.value().digits);
  if (!result.ok()) return result.error();
  send_json(ctx.res,
            {{"outcome", domain::to_string(result->outcome)},
             {"sip_code", result->sip_code ? nlohmann::json(*result->sip_code) : nlohmann::json()},
             {"digits", result->digits},
             {"duration_s", result->duration_s}});
  return {};
}

}  // namespace

void add_sip_routes(Router& router) {
  router.get("/api/sip/accounts", Access::kAdmin, list);
  router.post("/api/sip/accounts", Access::kAdmin, create);
  router.put(R"(/api/sip/accounts/(\d+))", Access::kAdmin, update);
  router.del(R"(/api/sip/accounts/(\d+))", Access::kAdmin, remove);
  router.post(R"(/api/sip/accounts/(\d+)/default)", Access::kAdmin, make_default);
  auto limits = std::make_shared<TestCallLimits>();  // as long as the route
  router.post(R"(/api/sip/accounts/(\d+)/test-call)", Access::kAdmin,
              [limits](RequestContext& ctx) { return test_call(ctx, *limits); });
}

}  // namespace robocall::http
