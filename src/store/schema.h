// The database schema: an ordered list of migrations (version N = the first N
// steps applied), recorded in PRAGMA user_version, and the one way to open a
// ready database. Any thread may call open_database(); the Connection it
// returns then belongs to that thread (see connection.h).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string_view>

#include "common/result.h"
#include "store/connection.h"

namespace robocall::store {

// PRAGMA application_id of every robocall database ("RbCl").
inline constexpr std::int32_t kApplicationId = 0x5262436c;

// The schema version this binary writes and understands.
int latest_schema_version();

// Opens the file (creating it when missing or empty), checks that it is a
// robocall database no newer than this binary, and upgrades it to the latest
// version. A non-SQLite, corrupt or foreign file (another application_id,
// unknown tables) gets kCorrupt, a newer schema kConflict; such files are left
// untouched. With verify, also runs PRAGMA quick_check (slow on big files).
// A PostgreSQL location (is_postgres_location) connects to an existing
// database and applies apply_postgres_schema() (schema_pg.h); verify is
// SQLite's alone.
Result<Connection> open_database(const std::filesystem::path& path, bool verify = false);

// Applies the migrations after the current version up to `version`, each in
// its own transaction. REQUIRES: the connection is to a file that
// open_database() would accept. Exposed for tests that build earlier versions.
Status migrate_to(Connection& db, int version);

// v10, and a new PostgreSQL database: when no date exception is stored, the
// built-in decreed years' days are written as rows (docs/BEHAVIOUR.md
// "Calling window": only stored exceptions count).
Status write_builtin_calendar(Connection& db);

// PRAGMA user_version of an open database; on PostgreSQL the version the
// schema table records (0 before apply_postgres_schema).
Result<int> schema_version(Connection& db);

}  // namespace robocall::store
