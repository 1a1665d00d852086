// AttemptsRepo: call attempts and the dialer's claims on tasks. A claim moves
// due tasks pending → calling and inserts their in-flight attempt in the same
// transaction, so a crash can never lose an attempt; recover_interrupted()
// closes those at start-up. Borrows a Connection: use it on that thread only.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "domain/clock.h"
#include "domain/outcome.h"
#include "domain/task.h"
#include "store/connection.h"

namespace robocall::store {

struct Attempt {
  std::int64_t id = 0;
  std::int64_t task_id = 0;
  int number = 0;  // 1, 2, ... per task, every attempt counted
  domain::Instant started{};
  std::optional<domain::Instant> answered;
  std::optional<domain::Instant> ended;
  std::optional<domain::CallOutcome> outcome;  // nullopt while the call is in flight
  std::optional<int> sip_code;
  std::string digits;                       // keys pressed, in order
  std::optional<std::int64_t> duration_ms;  // from the INVITE to the end, ringing included
  std::optional<std::int64_t> talk_ms;      // from the answer to the end; answered calls only
  std::optional<std::string> recording;     // path of the WAV file
  std::optional<std::int64_t> account_id;
};

struct Claim {
  domain::Task task;  // as it is now: state calling
  Attempt attempt;    // just opened: outcome nullopt
  int failures = 0;   // earlier attempts of the task that ended failed
  // The call starts no earlier than this slot of the account's cluster-wide
  // pacing (docs/DESIGN.md "Several nodes"); nullopt: the caller paces alone.
  std::optional<domain::WallMs> start_at;
};

// An account's limits for the whole cluster (domain/lease_plan.h).
struct AccountLimits {
  int max_calls = 1;            // «Одновременных звонков»
  double calls_per_second = 1;  // «Новых звонков в секунду»
};

// A claim by one node (docs/DESIGN.md "Several nodes").
struct ClaimRequest {
  domain::Instant now{};    // due and started times, as everywhere in the store
  domain::WallMs now_ms{};  // the lease's start and the pacing clock
  int limit = 0;            // at most this many tasks
  std::optional<std::int64_t> account_id;
  std::string node;  // the lease's owner
  // With an account: the claim takes at most max_calls minus the account's
  // tasks in calling on every node, and gives each its start slot.
  std::optional<AccountLimits> limits;
};

// Which calls in flight a recovery closes.
struct RecoverScope {
  bool all = true;  // every one (one node on SQLite: at its start all are its own)
  // Otherwise: those whose lease is over at now_ms, and those leased to
  // `node` when set (a node's own calls from before its restart).
  domain::WallMs now_ms{};
  std::optional<std::string> node;
};

// What becomes of the task after an attempt (computed by the retry policy).
struct TaskTransition {
  domain::TaskState state = domain::TaskState::kPending;
  int attempts = 0;  // attempts counted towards the limit
  std::optional<domain::Instant> next_attempt;
};

struct AttemptResult {
  std::int64_t attempt_id = 0;
  domain::CallOutcome outcome = domain::CallOutcome::kFailed;
  std::optional<int> sip_code;
  std::string digits;
  std::optional<domain::Instant> answered;
  domain::Instant ended{};
  std::optional<std::int64_t> ring_ms;  // INVITE to answer, or to the end when unanswered
  std::optional<std::int64_t> talk_ms;  // answer to end; answered calls only
  std::optional<std::string> recording;
  TaskTransition task;
};

// The live view's counters over attempts started in [from, to).
struct DayCounters {
  std::int64_t calls = 0;  // finished attempts
  std::int64_t confirmed = 0;
  std::int64_t cancelled = 0;
  std::int64_t unreachable = 0;  // no answer, busy, unavailable
  std::int64_t in_progress = 0;  // attempts in flight now (any start time)
};

class AttemptsRepo {
 public:
  explicit AttemptsRepo(Connection& db) : db_(db) {}

  // Atomically claims up to `limit` due tasks — pending, next_attempt <= now,
  // appointment > now, not in a paused campaign — oldest appointment first
  // (then the longest due), moves them to calling leased to `node` until
  // now_ms + the lease length, and opens an attempt for each (started = now,
  // through `account_id`). Two connections claiming at once never get the
  // same task (PostgreSQL: FOR UPDATE SKIP LOCKED, no waiting on each other);
  // with limits, claimers of one account are serialised by its pacing row.
  Result<std::vector<Claim>> claim_due(const ClaimRequest& request);
  // One node without cluster limits, node name "".
  Result<std::vector<Claim>> claim_due(domain::Instant now, int limit,
                                       std::optional<std::int64_t> account_id = std::nullopt);

  // Extends the lease of every task in calling leased to `node` to now_ms +
  // the lease length, in one statement. Returns the ids still leased to it.
  Result<std::vector<std::int64_t>> renew_leases(std::string_view node, domain::WallMs now_ms);

  // Records the end of an in-flight attempt and the task's next state, in one
  // transaction, and clears the lease. kConflict when the attempt is already
  // finished, its task is not in calling or is leased to another node than
  // `node`; kNotFound when there is no such attempt.
  Status finish(const AttemptResult& result, std::string_view node = {});

  // Gives back a claimed task whose call was never placed: deletes its open
  // attempt (no call, no attempt) and moves the task on, in one transaction.
  // kConflict when the attempt is finished, its task is not in calling or
  // is leased to another node.
  Status release(std::int64_t attempt_id, const TaskTransition& next, domain::Instant now,
                 std::string_view node = {});

  // Every pending task whose appointment has begun (appointment <= now)
  // becomes expired: it was never reached in time. Returns their ids.
  // Call inside a transaction when what follows must commit with it.
  Result<std::vector<std::int64_t>> expire_due(domain::Instant now);

  // Recovery, one transaction, idempotent: at a start, and periodically for
  // expired leases (docs/DESIGN.md "Several nodes"). Every attempt in flight
  // of the tasks in `scope` gets outcome interrupted (ended = the lease's
  // end, or now when that is later or there is none) and its task leaves
  // calling with the transition `decide` returns (by default: pending,
  // attempts kept, next attempt now). Two nodes recovering at once never
  // close one attempt twice. Returns the attempts it closed.
  using Decide = std::function<TaskTransition(const domain::Task&, const Attempt&)>;
  Result<std::vector<Attempt>> recover_interrupted(domain::Instant now, const Decide& decide = {},
                                                   const RecoverScope& scope = {});

  // Every attempt of a task, oldest first.
  Result<std::vector<Attempt>> of_task(std::int64_t task_id);

  Result<DayCounters> counters(domain::Instant from, domain::Instant to);

  // Attempts with a recording whose call ended before `before` (retention purge).
  Result<std::vector<Attempt>> recordings_before(domain::Instant before, int limit);
  // Drops the recording reference of an attempt (after its file was deleted).
  Status clear_recording(std::int64_t attempt_id);

 private:
  Connection& db_;
};

}  // namespace robocall::store
