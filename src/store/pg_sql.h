// Pure helpers of the PostgreSQL backend (connection.h): the `?` → `$n`
// rewrite of repository SQL, the SQLSTATE → Errc table and the locations.
#pragma once

#include <string>
#include <string_view>

#include "common/result.h"

namespace robocall::store {

// SQL written for SQLite with `?` / `?NNN` placeholders, rewritten for
// PostgreSQL: `?NNN` becomes `$NNN`, a bare `?` one more than the largest
// number so far (SQLite's rule). Quotes ('…', E'…', "…", $tag$…$tag$) and
// comments (--, /* */) are copied unchanged. `params` is the largest number.
// So jsonb's operators ?, ?| and ?& cannot be written: use jsonb_exists().
struct PostgresSql {
  std::string sql;
  int params = 0;
};
PostgresSql to_postgres_placeholders(std::string_view sql);

// The Errc of a PostgreSQL error: class 23 (integrity) → kConflict;
// serialization failure, deadlock, lock or statement timeout, connection
// loss (class 08, server shutting down) → kUnavailable (try again later);
// anything else → kInternal.
Errc postgres_errc(std::string_view sqlstate, bool connection_lost);

// The same server URL naming another database: `postgresql://h/old?x=1`
// with "new" → `postgresql://h/new?x=1`.
std::string with_database(std::string_view url, std::string_view database);

}  // namespace robocall::store
