// The PostgreSQL schema (docs/DESIGN.md "PostgreSQL"): the tables of the
// latest SQLite schema written in one piece for PostgreSQL, the version kept
// in the table robocall_schema, and later versions as steps after it.
#pragma once

#include "common/result.h"
#include "store/connection.h"

namespace robocall::store {

// The version the one-piece schema below creates; versions after it are
// steps (schema_pg.cc kSteps), one per SQLite migration after it.
inline constexpr int kPostgresBaseVersion = 13;

// Creates the schema in an empty database (in its current schema, usually
// public) or upgrades one of ours to latest_schema_version(), in one
// transaction that several nodes starting at once take in turn. Refuses a
// database of another program (tables but no robocall_schema; kCorrupt), a
// newer schema (kConflict) and an encoding other than UTF8 (kInvalidArgument);
// a refused database is left untouched.
// REQUIRES: db.backend() == Backend::kPostgres, outside a transaction.
Status apply_postgres_schema(Connection& db);

}  // namespace robocall::store
