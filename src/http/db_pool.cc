#include "http/db_pool.h"

namespace robocall::http {

DbPool::Lease::~Lease() {
  if (pool_ && db_.is_open()) pool_->give_back(std::move(db_));
}

DbPool::DbPool(std::filesystem::path path) : path_(std::move(path)) {}

Result<DbPool::Lease> DbPool::lease() {
  {
    std::lock_guard lock(mu_);
    if (!idle_.empty()) {
      auto db = std::move(idle_.back());
      idle_.pop_back();
      return Lease(this, std::move(db));
    }
  }
  auto db = store::Connection::open(path_, false);
  if (!db.ok()) return db.error();
  return Lease(this, std::move(db).value());
}

void DbPool::give_back(store::Connection db) {
  std::lock_guard lock(mu_);
  idle_.push_back(std::move(db));
}

}  // namespace robocall::http
