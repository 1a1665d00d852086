#include "http/webhook_sender.h"

#include <curl/curl.h>
#include <spdlog/spdlog.h>

#include <cctype>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>

#include "http/calls_context.h"
#include "http/secrets.h"
#include "http/task_json.h"
#include "store/attempts_repo.h"
#include "store/settings_repo.h"
#include "store/stored_secrets.h"
#include "store/tasks_repo.h"
#include "store/webhook_repo.h"

namespace robocall::http {
namespace {

// The receiver's answer is not read: its body is dropped as it arrives.
size_t drop_body(char*, size_t size, size_t count, void*) {
  return size * count;
}

// What libcurl may connect to: the address it resolved, checked right before
// the socket opens, so a name that resolves elsewhere at delivery (DNS
// rebinding) meets the same rules as a literal address.
struct ConnectGuard {
  WebhookRules rules;
  bool plain_http = false;
  std::string refused;
};

curl_socket_t open_checked_socket(void* clientp, curlsocktype, curl_sockaddr* address) {
  auto& guard = *static_cast<ConnectGuard*>(clientp);
  const auto kind = classify_address(&address->addr);
  if (!kind) {
    guard.refused = "адрес неизвестного семейства";
    return CURL_SOCKET_BAD;
  }
  std::string why = refusal(*kind, guard.rules);
  if (why.empty() && guard.plain_http && *kind == AddressKind::kPublic)
    why = "http без TLS только для адреса в локальной сети";
  if (!why.empty()) {
    guard.refused = std::move(why);
    return CURL_SOCKET_BAD;
  }
  return ::socket(address->family, address->socktype | SOCK_CLOEXEC, address->protocol);
}

// Posts one payload (libcurl: TLS verified, no redirects, no proxy, bounded
// time, only to addresses the rules allow); an empty string on a 2xx, else
// what went wrong.
std::string post(const WebhookUrl& url, const WebhookConfig& config, const WebhookRules& rules,
                 const std::string& payload) {
  static std::once_flag curl_ready;
  std::call_once(curl_ready, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) return "нет соединения: не удалось создать клиент HTTP";
  curl_slist* list = nullptr;
  for (const std::string& h :
       {std::string("Content-Type: application/json"), std::string("X-Robocall-Event: task.final"),
        "X-Robocall-Signature: sha256=" + hmac_sha256_hex(config.secret, payload),
        std::string("Expect:")}) {
    list = curl_slist_append(list, h.c_str());
  }
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> headers(list, curl_slist_free_all);
  const std::string target = url.origin + url.path;
  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, target.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_POST, 1L);
  curl_easy_setopt(c, CURLOPT_POSTFIELDS, payload.data());
  curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(payload.size()));
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(c, CURLOPT_USERAGENT, "robocall/" ROBOCALL_VERSION);
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, 5000L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, 20000L);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, drop_body);
  curl_easy_setopt(c, CURLOPT_NOPROXY, "*");
  ConnectGuard guard{rules, url.origin.starts_with("http://"), {}};
  curl_easy_setopt(c, CURLOPT_OPENSOCKETFUNCTION, open_checked_socket);
  curl_easy_setopt(c, CURLOPT_OPENSOCKETDATA, &guard);
  if (auto rc = curl_easy_perform(c); rc != CURLE_OK) {
    if (!guard.refused.empty()) return "адрес запрещён: " + guard.refused;
    return std::string("нет соединения: ") + curl_easy_strerror(rc);
  }
  long status = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
  if (status < 200 || status > 299) return "ответ HTTP " + std::to_string(status);
  return {};
}

}  // namespace

Result<WebhookConfig> load_webhook_config(store::Connection& db) {
  auto text = store::SettingsRepo(db).get(kWebhookSettingsKey);
  if (!text.ok()) return text.error();
  WebhookConfig out;
  if (!*text) return out;
  auto value = nlohmann::json::parse(**text, nullptr, false);
  if (value.is_object()) {
    out.url = value.value("url", "");
    auto secret = store::unseal_secret(value.value("secret", ""));
    if (!secret.ok()) return secret.error();
    out.secret = std::move(*secret);
    out.allow_private = value.value("allow_private", false);
  }
  return out;
}

Status save_webhook_config(store::Connection& db, const WebhookConfig& config,
                           std::string_view actor, domain::Instant at) {
  nlohmann::json value = {{"url", config.url},
                          {"secret", store::seal_secret(config.secret)},
                          {"allow_private", config.allow_private}};
  return store::SettingsRepo(db).put(kWebhookSettingsKey, value.dump(), actor, at);
}

Result<WebhookUrl> parse_webhook_url(std::string_view url) {
  auto bad = [] {
    return Error::invalid(
        "Адрес webhook должен начинаться с http:// или https:// и содержать имя хоста");
  };
  std::size_t scheme_end = 0;
  if (url.starts_with("http://")) {
    scheme_end = 7;
  } else if (url.starts_with("https://")) {
    scheme_end = 8;
  } else {
    return bad();
  }
  if (url.size() > 2000) return bad();
  for (unsigned char c : url) {
    if (c <= ' ' || c >= 0x7f) return bad();
  }
  auto slash = url.find('/', scheme_end);
  auto authority =
      url.substr(scheme_end, slash == std::string_view::npos ? url.npos : slash - scheme_end);
  if (authority.empty() || authority.find('@') != std::string_view::npos ||
      authority.front() == ':') {
    return bad();
  }
  WebhookUrl out;
  out.origin = std::string(url.substr(0, scheme_end + authority.size()));
  out.path = slash == std::string_view::npos ? "/" : std::string(url.substr(slash));
  return out;
}

Result<WebhookUrl> check_webhook_url(std::string_view url, const WebhookRules& rules) {
  auto parsed = parse_webhook_url(url);
  if (!parsed.ok()) return parsed.error();
  const bool https = url.starts_with("https://");
  if (!https && !rules.allow_private)
    return Error::invalid(
        "Адрес webhook должен начинаться с https:// (http — только для адреса в локальной сети, "
        "если это разрешено)");
  std::string_view host = std::string_view(parsed->origin).substr(https ? 8 : 7);
  if (host.starts_with('[')) {
    host = host.substr(0, host.find(']') + 1);
  } else {
    host = host.substr(0, host.find(':'));
  }
  std::optional<AddressKind> kind = classify_literal(host);
  std::string lower(host);
  for (auto& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  if (!kind && (lower == "localhost" || lower.ends_with(".localhost")))
    kind = AddressKind::kLoopback;
  if (kind) {
    if (auto why = refusal(*kind, rules); !why.empty())
      return Error::invalid("Адрес webhook не подходит: " + why);
  }
  return parsed;
}

Status enqueue_final_status(store::Connection& db, std::int64_t task_id, domain::Instant at) {
  auto config = load_webhook_config(db);
  if (!config.ok()) return config.error();
  if (config->url.empty()) return {};
  auto task = store::TasksRepo(db).get(task_id);
  if (!task.ok()) return task.error();
  auto attempts = store::AttemptsRepo(db).of_task(task_id);
  if (!attempts.ok()) return attempts.error();
  auto calls = calls_context(db, at);
  if (!calls.ok()) return calls.error();
  auto id = store::WebhookRepo(db).enqueue(task_id, config->url,
                                           task_details_json(*task, *attempts, *calls).dump(), at);
  if (!id.ok()) return id.error();
  return {};
}

std::chrono::seconds webhook_backoff(int attempts) {
  constexpr std::chrono::seconds kFirst{60}, kMax{3600};
  auto delay = kFirst;
  for (int i = 1; i < attempts && delay < kMax; ++i) delay *= 2;
  return std::min(delay, kMax);
}

WebhookSender::WebhookSender(std::filesystem::path db_path, const domain::Clock& clock,
                             std::chrono::milliseconds poll)
    : db_path_(std::move(db_path)), clock_(clock), poll_(poll) {}

WebhookSender::~WebhookSender() {
  stop();
}

void WebhookSender::start() {
  thread_ = std::thread([this] { run(); });
}

void WebhookSender::poke() {
  {
    std::lock_guard lock(mu_);
    poked_ = true;
  }
  wake_.notify_one();
}

void WebhookSender::stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_one();
  if (thread_.joinable()) thread_.join();
}

Result<int> WebhookSender::deliver_due(store::Connection& db, domain::Instant at) {
  auto config = load_webhook_config(db);
  if (!config.ok()) return config.error();
  if (config->url.empty()) return 0;  // webhooks off: the queue waits
  const WebhookRules rules{config->allow_private, allow_loopback_};
  store::WebhookRepo repo(db);
  auto due = repo.due(at, 50);
  if (!due.ok()) return due.error();
  int delivered = 0;
  for (const auto& d : *due) {
    // A delivery goes to the URL it was queued for; rows of older versions
    // carry none and take the configured one.
    const std::string& target = d.url.empty() ? config->url : d.url;
    // The address rules are checked on the address libcurl connects to.
    auto url = parse_webhook_url(target);
    auto error = url.ok() ? post(*url, *config, rules, d.payload) : url.error().message;
    Status st;
    if (error.empty()) {
      st = repo.delivered(d.id, at);
      ++delivered;
    } else {
      spdlog::warn("webhook: delivery {} failed: {}", d.id, error);
      const auto next = at + webhook_backoff(d.attempts + 1);
      // Given up after a day: the delivery stays undelivered, due at the end
      // of time, with the reason in last_error.
      const bool give_up = next > d.created + kWebhookGiveUpAfter;
      st = repo.failed(d.id, give_up ? "отказ после 24 ч попыток: " + error : error,
                       give_up ? domain::Instant::max() : next);
    }
    if (!st.ok()) return st.error();
  }
  return delivered;
}

void WebhookSender::run() {
  auto db = store::Connection::open(db_path_, false);
  if (!db.ok()) {
    spdlog::error("webhook: cannot open the database: {}", db.error().message);
    return;
  }
  std::unique_lock lock(mu_);
  while (!stopping_) {
    lock.unlock();
    auto result = deliver_due(*db, clock_.now());
    if (!result.ok()) spdlog::error("webhook: {}", result.error().message);
    lock.lock();
    wake_.wait_for(lock, poll_, [this] { return stopping_ || poked_; });
    poked_ = false;
  }
}

}  // namespace robocall::http
