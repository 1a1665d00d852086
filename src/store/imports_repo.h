// ImportsRepo: one row per import (an XLSX upload or an API push) with its
// report as JSON. Create it inside the transaction that inserts the tasks so
// an import and its tasks land together. Borrows a Connection: use it on that
// connection's thread only.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/result.h"
#include "domain/task.h"
#include "store/connection.h"

namespace robocall::store {

struct ImportRecord {
  std::int64_t id = 0;
  domain::Instant created{};
  std::string source = "xlsx";  // "xlsx" | "api"
  std::string file_name;
  std::string user;  // login or "token:<name>"
  std::int64_t rows_read = 0;
  std::int64_t created_tasks = 0;
  std::string report = "{}";  // JSON text
};

class ImportsRepo {
 public:
  explicit ImportsRepo(Connection& db) : db_(db) {}

  // Unknown source or a report that is not JSON: kInvalidArgument.
  Result<std::int64_t> create(const ImportRecord& record);
  // Sets the figures and report of an import (once the tasks are in).
  Status finish(std::int64_t id, std::int64_t rows_read, std::int64_t created_tasks,
                const std::string& report);
  Result<ImportRecord> get(std::int64_t id);
  Result<std::vector<ImportRecord>> recent(int limit);  // newest first

 private:
  Connection& db_;
};

}  // namespace robocall::store
