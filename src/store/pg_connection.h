// The PostgreSQL side of Connection and Statement (connection.h) over libpq.
// Internal to the store: connection.cc dispatches here when a Connection was
// opened from a postgresql:// location.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "common/result.h"
#include "store/connection.h"

namespace robocall::store::pg {

using SessionPtr = std::unique_ptr<Session, SessionCloser>;

Result<SessionPtr> connect(const std::string& url);
// Several statements without parameters (the simple query protocol).
Status exec(Session& session, std::string_view sql);
// Nothing reaches the server before the first step(): errors in the SQL show there.
Query* prepare(Session& session, std::string_view sql);
// Inside a transaction, or a Transaction (connection.h) is still open on a
// connection lost in the middle of it.
bool in_transaction(const Session& session);
// Transaction (connection.h) brackets its top-level transactions with these:
// a lost connection is reconnected before the next statement only outside
// them, so that no statement of a lost transaction runs on its own.
void transaction_opened(Session& session);
void transaction_closed(Session& session);
// Inside a transaction a failed statement aborted: only ROLLBACK works now.
bool in_failed_transaction(const Session& session);
std::int64_t last_insert_id(Session& session);
int changes(const Session& session);
void set_lock_timeout(Session& session, std::chrono::milliseconds timeout);

// Binds by 1-based index; a bad index is kept and reported by step().
void bind_int(Query& query, int index, std::int64_t value);
void bind_double(Query& query, int index, double value);
void bind_text(Query& query, int index, std::string_view value);
void bind_null(Query& query, int index);
// Runs the query on the first call, then walks its rows.
Result<bool> step(Query& query);
void reset(Query& query, bool clear_bindings);

bool is_null(const Query& query, int column);
std::string_view column_view(const Query& query, int column);
std::int64_t column_int(const Query& query, int column);
double column_double(const Query& query, int column);

}  // namespace robocall::store::pg
