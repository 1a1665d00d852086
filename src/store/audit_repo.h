// AuditRepo: the append-only audit log — who (a user login or "token:<name>")
// did what, when, with details as JSON. Borrows a Connection: use it on that
// connection's thread only.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "domain/task.h"
#include "store/connection.h"

namespace robocall::store {

struct AuditEntry {
  std::int64_t id = 0;
  domain::Instant at{};
  std::string actor;
  std::string action;          // e.g. "settings.update", "export", "recording.play"
  std::string details = "{}";  // JSON text; never a password or a full phone number
};

// Which entries to list; every field optional.
struct AuditFilter {
  std::optional<domain::Instant> from;    // at >= from
  std::optional<domain::Instant> to;      // at < to
  std::string actor;                      // exactly this actor
  std::string action;                     // this action, or its group ("auth" matches "auth.login")
  std::optional<std::int64_t> before_id;  // the next page: entries older than this id
};

class AuditRepo {
 public:
  explicit AuditRepo(Connection& db) : db_(db) {}

  // Text that is not JSON in `details` is kInvalidArgument.
  Result<std::int64_t> append(const AuditEntry& entry);
  // Newest first, entries older than `before_id` when given; at most `limit`.
  Result<std::vector<AuditEntry>> list(int limit, std::optional<std::int64_t> before_id = {});
  // Newest first, at most `limit` (1..1000) entries that match the filter.
  Result<std::vector<AuditEntry>> list(const AuditFilter& filter, int limit);

 private:
  Connection& db_;
};

}  // namespace robocall::store
