// The rows several nodes share (docs/DESIGN.md "Several nodes"): the lock
// clauses of PostgreSQL, a task's lease, an account's load and pacing
// cursor. Internal to the store (AttemptsRepo); call inside its transaction.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/result.h"
#include "domain/lease_plan.h"
#include "store/attempts_repo.h"
#include "store/connection.h"

namespace robocall::store {

// `clause` (" FOR UPDATE", " FOR UPDATE SKIP LOCKED") on PostgreSQL, where
// several nodes share the database; nothing on SQLite, whose write
// transaction is exclusive already (BEGIN IMMEDIATE).
std::string locking(Connection& db, std::string_view clause);

// Locks a task in calling and checks that `node` holds its lease (or that it
// has none). kConflict otherwise: a node presumed dead must never overwrite
// what the cluster decided since.
Status check_lease(Connection& db, std::int64_t task_id, std::string_view node);

// The account's tasks in calling on every node and its pacing cursor, with
// the account's pacing row locked until the transaction ends.
Result<domain::AccountLoad> account_load(Connection& db, std::int64_t account_id,
                                         const AccountLimits& limits);

// Stores the account's pacing cursor (its row locked by account_load).
Status store_cursor(Connection& db, std::int64_t account_id, domain::WallMs next);

// Milliseconds since the epoch, as lease_until and next_start_ms hold them.
std::int64_t to_ms(domain::WallMs t);

}  // namespace robocall::store
