#include "store/schema_pg.h"

#include <string>

#include "store/schema.h"

namespace robocall::store {

Status apply_postgres_schema(Connection& db) {
  auto tx = Transaction::begin(db);
  if (!tx) return tx.error();
  // Nodes starting together: one creates, the others wait and find it done.
  if (auto st = db.exec("SELECT pg_advisory_xact_lock(" + std::to_string(kApplicationId) + ")");
      !st)
    return st;
  if (auto st = db.exec("CREATE TABLE IF NOT EXISTS robocall_schema(version INTEGER NOT NULL);"
                        " INSERT INTO robocall_schema(version)"
                        " SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM robocall_schema)");
      !st)
    return st;
  return tx->commit();
}

}  // namespace robocall::store
