// WebhookRepo: the queue of webhook deliveries (one per task reaching a final
// status), retried with back-off by the sender until delivered. Borrows a
// Connection: use it on that connection's thread only.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "domain/task.h"
#include "store/connection.h"

namespace robocall::store {

struct WebhookDelivery {
  std::int64_t id = 0;
  std::int64_t task_id = 0;
  std::string url;      // where it goes ("" in rows queued before URLs were kept)
  std::string payload;  // the JSON body to sign and POST
  int attempts = 0;
  domain::Instant next_try{};
  std::string last_error;
  domain::Instant created{};
  std::optional<domain::Instant> delivered;
};

class WebhookRepo {
 public:
  explicit WebhookRepo(Connection& db) : db_(db) {}

  // Queues a delivery due at once. Use it inside the transaction that makes
  // the task final, so no final status goes unannounced.
  Result<std::int64_t> enqueue(std::int64_t task_id, const std::string& url,
                               const std::string& payload, domain::Instant now);
  // Undelivered deliveries with next_try <= now, oldest due first.
  Result<std::vector<WebhookDelivery>> due(domain::Instant now, int limit);
  Status delivered(std::int64_t id, domain::Instant now);
  // Counts a failed try and schedules the next one.
  Status failed(std::int64_t id, const std::string& error, domain::Instant next_try);
  Result<std::int64_t> pending_count();

 private:
  Connection& db_;
};

}  // namespace robocall::store
