#include "http/webhook_sender.h"

#include <httplib.h>
#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>

#include "http/secrets.h"
#include "http/task_json.h"
#include "store/attempts_repo.h"
#include "store/tasks_repo.h"

namespace robocall::http {
namespace {

std::int64_t seconds(domain::Instant t) {
  return t.time_since_epoch().count();
}

domain::Instant now() {
  return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
}

struct Delivery {
  std::int64_t id = 0;
  std::string payload;
  int attempts = 0;
  std::int64_t created_at = 0;
};

// Posts one payload; an empty string on a 2xx, else what went wrong.
std::string post(const WebhookUrl& url, const WebhookConfig& config, const std::string& payload) {
  httplib::Client client(url.origin);
  client.set_connection_timeout(std::chrono::seconds(5));
  client.set_read_timeout(std::chrono::seconds(10));
  client.set_write_timeout(std::chrono::seconds(10));
  httplib::Headers headers{
      {"X-Robocall-Event", "task.final"},
      {"X-Robocall-Signature", "sha256=" + hmac_sha256_hex(config.secret, payload)},
  };
  auto res = client.Post(url.path, headers, payload, "application/json");
  if (!res) return "нет соединения: " + httplib::to_string(res.error());
  if (res->status < 200 || res->status > 299) return "ответ HTTP " + std::to_string(res->status);
  return {};
}

}  // namespace

Result<WebhookConfig> load_webhook_config(store::Connection& db) {
  auto find = db.prepare("SELECT value FROM settings WHERE key = ?");
  if (!find.ok()) return find.error();
  find->bind(1, kWebhookSettingsKey);
  auto row = find->step();
  if (!row.ok()) return row.error();
  WebhookConfig out;
  if (!*row) return out;
  auto value = nlohmann::json::parse(find->column_text(0), nullptr, false);
  if (value.is_object()) {
    out.url = value.value("url", "");
    out.secret = value.value("secret", "");
  }
  return out;
}

Status save_webhook_config(store::Connection& db, const WebhookConfig& config,
                           std::string_view actor, domain::Instant at) {
  auto upsert = db.prepare(
      "INSERT INTO settings(key, value, updated_at, updated_by) VALUES (?, ?, ?, ?) "
      "ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, "
      "updated_by = excluded.updated_by");
  if (!upsert.ok()) return upsert.error();
  nlohmann::json value = {{"url", config.url}, {"secret", config.secret}};
  upsert->bind(1, kWebhookSettingsKey).bind(2, value.dump()).bind(3, seconds(at)).bind(4, actor);
  return upsert->run();
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

Status enqueue_final_status(store::Connection& db, std::int64_t task_id, domain::Instant at) {
  auto config = load_webhook_config(db);
  if (!config.ok()) return config.error();
  if (config->url.empty()) return {};
  auto task = store::TasksRepo(db).get(task_id);
  if (!task.ok()) return task.error();
  auto attempts = store::AttemptsRepo(db).of_task(task_id);
  if (!attempts.ok()) return attempts.error();
  auto insert = db.prepare(
      "INSERT INTO webhook_deliveries(task_id, payload, next_try_at, created_at) "
      "VALUES (?, ?, ?, ?)");
  if (!insert.ok()) return insert.error();
  insert->bind(1, task_id)
      .bind(2, task_details_json(*task, *attempts).dump())
      .bind(3, seconds(at))
      .bind(4, seconds(at));
  return insert->run();
}

std::chrono::seconds webhook_backoff(int attempts) {
  constexpr std::chrono::seconds kFirst{60}, kMax{3600};
  auto delay = kFirst;
  for (int i = 1; i < attempts && delay < kMax; ++i) delay *= 2;
  return std::min(delay, kMax);
}

WebhookSender::WebhookSender(std::filesystem::path db_path, std::chrono::milliseconds poll)
    : db_path_(std::move(db_path)), poll_(poll) {}

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
  if (config->url.empty()) return 0;
  auto url = parse_webhook_url(config->url);
  if (!url.ok()) return url.error();
  std::vector<Delivery> due;
  {
    auto select = db.prepare(
        "SELECT id, payload, attempts, created_at FROM webhook_deliveries "
        "WHERE delivered_at IS NULL AND next_try_at <= ? ORDER BY next_try_at, id LIMIT 50");
    if (!select.ok()) return select.error();
    select->bind(1, seconds(at));
    for (;;) {
      auto row = select->step();
      if (!row.ok()) return row.error();
      if (!*row) break;
      due.push_back({select->column_int(0), select->column_text(1),
                     static_cast<int>(select->column_int(2)), select->column_int(3)});
    }
  }
  int delivered = 0;
  for (const auto& d : due) {
    auto error = post(*url, *config, d.payload);
    auto update = db.prepare(
        error.empty() ? "UPDATE webhook_deliveries SET delivered_at = ?1, attempts = attempts + 1, "
                        "last_error = '' WHERE id = ?2"
                      : "UPDATE webhook_deliveries SET next_try_at = ?1, attempts = attempts + 1, "
                        "last_error = ?3 WHERE id = ?2");
    if (!update.ok()) return update.error();
    if (error.empty()) {
      update->bind(1, seconds(at)).bind(2, d.id);
      ++delivered;
    } else {
      const auto next = at + webhook_backoff(d.attempts + 1);
      const bool give_up =
          next > domain::Instant(std::chrono::seconds(d.created_at)) + kWebhookGiveUpAfter;
      // A delivery given up keeps delivered_at NULL and leaves the due queue
      // with next_try_at at the end of time; last_error says why.
      update->bind(1, give_up ? INT64_MAX : seconds(next))
          .bind(2, d.id)
          .bind(3, give_up ? "отказ после 24 ч попыток: " + error : error);
      spdlog::warn("webhook: delivery {} failed: {}", d.id, error);
    }
    if (auto st = update->run(); !st.ok()) return st.error();
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
    auto result = deliver_due(*db, now());
    if (!result.ok()) spdlog::error("webhook: {}", result.error().message);
    lock.lock();
    wake_.wait_for(lock, poll_, [this] { return stopping_ || poked_; });
    poked_ = false;
  }
}

}  // namespace robocall::http
