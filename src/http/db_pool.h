// DbPool: SQLite connections for the HTTP threads. A handler leases one for
// the request and gives it back on return; at most one thread uses a leased
// connection (store/connection.h). Thread-safe.
#pragma once

#include <filesystem>
#include <mutex>
#include <vector>

#include "common/result.h"
#include "store/connection.h"

namespace robocall::http {

class DbPool {
 public:
  class Lease {
   public:
    Lease(DbPool* pool, store::Connection db) : pool_(pool), db_(std::move(db)) {}
    Lease(Lease&&) = default;
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    store::Connection& db() { return db_; }

   private:
    DbPool* pool_;
    store::Connection db_;
  };

  // REQUIRES: the database at path has been opened once with
  // store::open_database() (created and migrated).
  explicit DbPool(std::filesystem::path path);

  // A connection from the pool, or a new one when all are leased.
  Result<Lease> lease();

 private:
  void give_back(store::Connection db);

  const std::filesystem::path path_;
  std::mutex mu_;
  std::vector<store::Connection> idle_;  // guarded by mu_
};

}  // namespace robocall::http
