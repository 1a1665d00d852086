// The PostgreSQL schema: what open_database() applies to a postgresql://
// location (schema.h). Creates the tables when missing and upgrades them,
// once however many nodes open the database at the same time.
#pragma once

#include "common/result.h"
#include "store/connection.h"

namespace robocall::store {

// REQUIRES: db.backend() == Backend::kPostgres, outside a transaction.
Status apply_postgres_schema(Connection& db);

}  // namespace robocall::store
