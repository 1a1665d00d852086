// Webhooks: when a task reaches a final status its details are queued
// (webhook_deliveries) and a background thread POSTs them to the configured
// URL it was queued for, signed with HMAC-SHA256 (header X-Robocall-Signature: sha256=<hex>),
// retrying with back-off (1 min doubling to 1 h, for 24 h). The queue is in
// the database, so the dialer only inserts a row and never waits on the peer.
// WebhookSender: construct, start(), stop() from one thread; the enqueue
// functions from any thread with its own Connection.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

#include "common/result.h"
#include "domain/clock.h"
#include "domain/task.h"
#include "http/webhook_address.h"
#include "store/connection.h"

namespace robocall::http {

struct WebhookConfig {
  std::string url;  // empty: webhooks off
  std::string secret;
  bool allow_private = false;  // «Разрешить адрес в локальной сети (http)»
};

inline constexpr std::string_view kWebhookSettingsKey = "webhook";

Result<WebhookConfig> load_webhook_config(store::Connection& db);
Status save_webhook_config(store::Connection& db, const WebhookConfig& config,
                           std::string_view actor, domain::Instant now);

// "http(s)://host[:port][/path]" → the origin for the client and the path.
struct WebhookUrl {
  std::string origin;  // "https://his.example:8443"
  std::string path;    // "/hooks/robocall" ("/" when none)
};
Result<WebhookUrl> parse_webhook_url(std::string_view url);

// docs/SECURITY.md "Webhook", on the URL's text: https unless private
// addresses are allowed; a literal address or "localhost" by the rules of
// webhook_address.h. kInvalidArgument with a Russian message.
Result<WebhookUrl> check_webhook_url(std::string_view url, const WebhookRules& rules);

// Queues the task's details for delivery when a webhook URL is configured
// (does nothing otherwise). Call after the task's final state is committed.
Status enqueue_final_status(store::Connection& db, std::int64_t task_id, domain::Instant now);

// The delay before retry number `attempts` (1-based): 1 min, 2, 4 ... at most 1 h.
std::chrono::seconds webhook_backoff(int attempts);
inline constexpr std::chrono::hours kWebhookGiveUpAfter{24};

class WebhookSender {
 public:
  // REQUIRES: clock outlives the sender.
  WebhookSender(std::filesystem::path db_path, const domain::Clock& clock,
                std::chrono::milliseconds poll = std::chrono::seconds(5));
  ~WebhookSender();
  WebhookSender(const WebhookSender&) = delete;
  WebhookSender& operator=(const WebhookSender&) = delete;

  // Tests only (their receivers listen on 127.0.0.1): lets deliveries reach
  // loopback addresses. REQUIRES: before start().
  void allow_loopback_for_tests() { allow_loopback_ = true; }

  void start();
  // Wakes the thread to look at the queue now (e.g. after an enqueue).
  void poke();
  // Finishes the delivery in progress (bounded by the client timeouts) and joins.
  void stop();

  // One pass over the due deliveries; returns how many were delivered.
  // Used by the thread and by tests.
  Result<int> deliver_due(store::Connection& db, domain::Instant now);

 private:
  void run();

  // Constant after construction.
  const std::filesystem::path db_path_;
  const domain::Clock& clock_;
  const std::chrono::milliseconds poll_;
  bool allow_loopback_ = false;  // set before start()

  std::mutex mu_;
  std::condition_variable wake_;
  bool stopping_ = false;  // guarded by mu_
  bool poked_ = false;     // guarded by mu_
  std::thread thread_;
};

}  // namespace robocall::http
