// The few places where the SQL of the two backends differs and a repository
// writes it through a helper instead of asking db.backend() itself.
#pragma once

#include <string>
#include <string_view>

#include "store/connection.h"

namespace robocall::store {

// SQLite's " INDEXED BY <index>" (the plan a query was measured with);
// nothing on PostgreSQL, whose planner takes no hints.
inline std::string indexed_by(const Connection& db, std::string_view index) {
  if (db.backend() == Backend::kPostgres) return {};
  return " INDEXED BY " + std::string(index);
}

}  // namespace robocall::store
