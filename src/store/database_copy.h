// Moving an installation from its SQLite file to PostgreSQL (`robocall
// migrate --from FILE --to postgresql://…`, docs/DESIGN.md "Moving to
// PostgreSQL"): generic over the tables and columns of the source's schema,
// ids kept, in one transaction on the target that commits only when every
// table's row count matches. The source is read in one read transaction and
// never written. Any thread except the SIP loop.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "store/connection.h"

namespace robocall::store {

struct TableCount {
  std::string table;
  std::int64_t source = 0;
  std::int64_t target = 0;
  bool derived = false;  // kept by the target's own triggers from the copied rows
};

// A value on its way: the new text for (table, column, value), or nullopt
// to copy it as it is (the recordings moved onto the share).
using ValueMap = std::function<std::optional<std::string>(
    std::string_view table, std::string_view column, std::string_view value)>;

// The source must be a robocall database at this binary's schema version.
Status check_source(Connection& source);

// kConflict (Russian message naming the table) when the target holds data:
// rows in a table a fresh database has none in (the rows a fresh schema
// seeds, like the production calendar, are replaced by the source's).
Status check_target_empty(Connection& source, Connection& target);

// Copies every table, then compares the row counts; commits only when they
// all match, else rolls back. The counts either way; an error only when
// the copy itself failed (nothing committed then either).
Result<std::vector<TableCount>> copy_database(Connection& source, Connection& target,
                                              const ValueMap& map);

}  // namespace robocall::store
