#include "store/attempts_repo.h"

#include <algorithm>

#include "domain/lease_plan.h"
#include "store/lease_rows.h"
#include "store/sql_dialect.h"
#include "store/task_rows.h"
#include "store/tasks_repo.h"

namespace robocall::store {
namespace {

constexpr std::string_view kAttemptColumns =
    "id, task_id, number, started_at, answered_at, ended_at, outcome, sip_code, digits,"
    " duration_ms, recording, account_id, talk_ms";

// A paused campaign's tasks are not claimed (docs/BEHAVIOUR.md "Campaigns").
constexpr std::string_view kNotPaused =
    "(campaign_id IS NULL OR campaign_id NOT IN (SELECT id FROM campaigns WHERE paused = 1))";

Result<Attempt> read_attempt(const Statement& s) {
  Attempt a;
  a.id = s.column_int(0);
  a.task_id = s.column_int(1);
  a.number = static_cast<int>(s.column_int(2));
  a.started = from_unix(s.column_int(3));
  if (auto v = s.column_optional_int(4)) a.answered = from_unix(*v);
  if (auto v = s.column_optional_int(5)) a.ended = from_unix(*v);
  if (auto name = s.column_optional_text(6)) {
    a.outcome = domain::outcome_from_string(*name);
    if (!a.outcome) return Error::corrupt("Неизвестный исход звонка «" + *name + "»");
  }
  if (auto v = s.column_optional_int(7)) a.sip_code = static_cast<int>(*v);
  a.digits = s.column_text(8);
  a.duration_ms = s.column_optional_int(9);
  a.recording = s.column_optional_text(10);
  a.account_id = s.column_optional_int(11);
  a.talk_ms = s.column_optional_int(12);
  return a;
}

Result<std::vector<Attempt>> read_attempts(Statement& stmt) {
  std::vector<Attempt> out;
  for (;;) {
    auto row = stmt.step();
    if (!row) return row.error();
    if (!*row) return out;
    auto a = read_attempt(stmt);
    if (!a) return a.error();
    out.push_back(std::move(a).value());
  }
}

// Moves a task in calling on and clears its lease.
Status apply_transition(Connection& db, std::int64_t task_id, const TaskTransition& t,
                        domain::Instant now) {
  auto stmt = db.prepare(
      "UPDATE tasks SET state = ?, attempts = ?, next_attempt = ?, updated_at = ?,"
      " lease_node = NULL, lease_until = NULL WHERE id = ? AND state = 'calling'");
  if (!stmt) return stmt.error();
  stmt->bind(1, domain::to_string(t.state)).bind(2, t.attempts).bind(3, to_unix(t.next_attempt));
  stmt->bind(4, to_unix(now)).bind(5, task_id);
  if (auto st = stmt->run(); !st) return st;
  if (db.changes() == 0)
    return Error::conflict("Задание " + std::to_string(task_id) + " не находится в обзвоне");
  return {};
}

}  // namespace

Result<std::vector<Claim>> AttemptsRepo::claim_due(domain::Instant now, int limit,
                                                   std::optional<std::int64_t> account_id) {
  return claim_due(ClaimRequest{now, domain::WallMs(now), limit, account_id, {}, std::nullopt});
}

Result<std::vector<Claim>> AttemptsRepo::claim_due(const ClaimRequest& r) {
  if (r.limit < 1) return std::vector<Claim>{};
  auto tx = Transaction::begin(db_);
  if (!tx) return tx.error();
  const bool limited = r.limits && r.account_id;
  domain::AccountLoad load;
  int limit = r.limit;
  if (limited) {
    auto got = account_load(db_, *r.account_id, *r.limits);
    if (!got) return got.error();
    load = *got;
    limit = domain::grant_claims(load, r.limit, r.now_ms).count;
    if (limit == 0) return std::vector<Claim>{};
  }
  // «Позвонить сейчас» first, in the order it was asked (a person asked for
  // this call: a paused campaign does not hold it back), then the queue.
  const auto skip = locking(db_, " FOR UPDATE SKIP LOCKED");
  auto asked = db_.prepare("SELECT id FROM tasks" + indexed_by(db_, "tasks_call_now") +
                           " WHERE call_now_at IS NOT NULL"
                           " AND state = 'pending' AND next_attempt <= ?1 AND appointment > ?1"
                           " ORDER BY call_now_at, id LIMIT ?2" +
                           skip);
  if (!asked) return asked.error();
  auto due = db_.prepare(
      "SELECT id FROM tasks WHERE state = 'pending' AND next_attempt <= ?1 AND appointment > ?1"
      " AND call_now_at IS NULL AND " +
      std::string(kNotPaused) + " ORDER BY appointment, next_attempt, id LIMIT ?2" + skip);
  if (!due) return due.error();
  std::vector<std::int64_t> ids;
  for (auto* stmt : {&*asked, &*due}) {
    stmt->bind(1, to_unix(r.now)).bind(2, limit - static_cast<int>(ids.size()));
    for (;;) {
      auto row = stmt->step();
      if (!row) return row.error();
      if (!*row) break;
      ids.push_back(stmt->column_int(0));
    }
  }
  std::vector<domain::WallMs> slots;
  if (limited && !ids.empty()) {
    const auto grant = domain::grant_claims(load, static_cast<int>(ids.size()), r.now_ms);
    slots = grant.slots;
    if (auto st = store_cursor(db_, *r.account_id, *grant.next_slot); !st) return st.error();
  }
  auto take = db_.prepare(
      "UPDATE tasks SET state = 'calling', call_now_at = NULL, updated_at = ?,"
      " lease_node = ?, lease_until = ? WHERE id = ? AND state = 'pending'");
  auto failed =
      db_.prepare("SELECT count(*) FROM attempts WHERE task_id = ? AND outcome = 'failed'");
  if (!failed) return failed.error();
  auto open = db_.prepare(
      "INSERT INTO attempts(task_id, number, started_at, account_id) VALUES"
      " (?1, (SELECT coalesce(max(number), 0) + 1 FROM attempts WHERE task_id = ?1), ?2, ?3)"
      " RETURNING " +
      std::string(kAttemptColumns));
  if (!take) return take.error();
  if (!open) return open.error();
  TasksRepo tasks(db_);
  std::vector<Claim> claims;
  claims.reserve(ids.size());
  for (std::size_t i = 0; i < ids.size(); ++i) {
    const auto id = ids[i];
    take->reset();
    take->bind(1, to_unix(r.now)).bind(2, r.node).bind(3, to_ms(domain::lease_end(r.now_ms)));
    take->bind(4, id);
    if (auto st = take->run(); !st) return st.error();
    // Another connection took it since the SELECT (PostgreSQL, READ COMMITTED).
    if (db_.changes() == 0) continue;
    open->reset();
    open->bind(1, id).bind(2, to_unix(r.now)).bind(3, r.account_id);
    auto row = open->step();
    if (!row) return row.error();
    auto attempt = read_attempt(*open);
    if (!attempt) return attempt.error();
    if (auto st = open->run(); !st) return st.error();
    auto task = tasks.get(id);
    if (!task) return task.error();
    failed->reset();
    failed->bind(1, id);
    if (auto row = failed->step(); !row) return row.error();
    claims.push_back({std::move(task).value(), std::move(attempt).value(),
                      static_cast<int>(failed->column_int(0)),
                      slots.empty() ? std::nullopt : std::optional(slots[i])});
  }
  if (auto st = tx->commit(); !st) return st.error();
  return claims;
}

Result<std::vector<std::int64_t>> AttemptsRepo::renew_leases(std::string_view node,
                                                             domain::WallMs now_ms) {
  auto stmt = db_.prepare(
      "UPDATE tasks SET lease_until = ? WHERE state = 'calling' AND lease_node = ? RETURNING id");
  if (!stmt) return stmt.error();
  stmt->bind(1, to_ms(domain::lease_end(now_ms))).bind(2, node);
  std::vector<std::int64_t> ids;
  for (;;) {
    auto row = stmt->step();
    if (!row) return row.error();
    if (!*row) return ids;
    ids.push_back(stmt->column_int(0));
  }
}

Status AttemptsRepo::finish(const AttemptResult& r, std::string_view node) {
  auto tx = Transaction::begin(db_);
  if (!tx) return tx.error();
  auto find = db_.prepare(
      "SELECT task_id, CASE WHEN outcome IS NULL THEN 1 ELSE 0 END FROM attempts WHERE id = ?");
  if (!find) return find.error();
  find->bind(1, r.attempt_id);
  auto row = find->step();
  if (!row) return row.error();
  if (!*row)
    return Error::not_found("Попытка звонка " + std::to_string(r.attempt_id) + " не найдена");
  const auto task_id = find->column_int(0);
  const auto finished =
      Error::conflict("Попытка звонка " + std::to_string(r.attempt_id) + " уже завершена");
  if (find->column_int(1) == 0) return finished;
  if (auto st = check_lease(db_, task_id, node); !st) return st;
  auto update = db_.prepare(
      "UPDATE attempts SET answered_at = ?, ended_at = ?, outcome = ?, sip_code = ?, digits = ?,"
      " duration_ms = ?, talk_ms = ?, recording = ? WHERE id = ? AND outcome IS NULL");
  if (!update) return update.error();
  std::optional<std::int64_t> duration;
  if (r.ring_ms || r.talk_ms) duration = r.ring_ms.value_or(0) + r.talk_ms.value_or(0);
  update->bind(1, to_unix(r.answered)).bind(2, to_unix(r.ended));
  update->bind(3, domain::to_string(r.outcome)).bind(4, r.sip_code).bind(5, r.digits);
  update->bind(6, duration).bind(7, r.talk_ms).bind(8, r.recording).bind(9, r.attempt_id);
  if (auto st = update->run(); !st) return st;
  if (db_.changes() == 0) return finished;
  if (auto st = apply_transition(db_, task_id, r.task, r.ended); !st) return st;
  return tx->commit();
}

Status AttemptsRepo::release(std::int64_t attempt_id, const TaskTransition& next,
                             domain::Instant now, std::string_view node) {
  auto tx = Transaction::begin(db_);
  if (!tx) return tx.error();
  const auto gone = Error::conflict("Попытка звонка " + std::to_string(attempt_id) +
                                    " не найдена или уже завершена");
  auto find = db_.prepare("SELECT task_id FROM attempts WHERE id = ? AND outcome IS NULL");
  if (!find) return find.error();
  find->bind(1, attempt_id);
  auto row = find->step();
  if (!row) return row.error();
  if (!*row) return gone;
  const auto task_id = find->column_int(0);
  if (auto st = check_lease(db_, task_id, node); !st) return st;
  auto drop = db_.prepare("DELETE FROM attempts WHERE id = ? AND outcome IS NULL");
  if (!drop) return drop.error();
  drop->bind(1, attempt_id);
  if (auto st = drop->run(); !st) return st;
  if (db_.changes() == 0) return gone;
  if (auto st = apply_transition(db_, task_id, next, now); !st) return st;
  return tx->commit();
}

Result<std::vector<std::int64_t>> AttemptsRepo::expire_due(domain::Instant now) {
  auto stmt = db_.prepare(
      "UPDATE tasks SET state = 'expired', next_attempt = NULL, updated_at = ?1"
      " WHERE state = 'pending' AND appointment <= ?1 RETURNING id");
  if (!stmt) return stmt.error();
  stmt->bind(1, to_unix(now));
  std::vector<std::int64_t> ids;
  for (;;) {
    auto row = stmt->step();
    if (!row) return row.error();
    if (!*row) return ids;
    ids.push_back(stmt->column_int(0));
  }
}

Result<std::vector<Attempt>> AttemptsRepo::recover_interrupted(domain::Instant now,
                                                               const Decide& decide,
                                                               const RecoverScope& scope) {
  auto tx = Transaction::begin(db_);
  if (!tx) return tx.error();
  // The tasks to take back, locked: a node recovering at the same time skips
  // them, so each attempt is closed once.
  auto calling = db_.prepare(
      "SELECT id, lease_until FROM tasks WHERE state = 'calling'" +
      std::string(scope.all ? "" : " AND (coalesce(lease_until, 0) <= ? OR lease_node = ?)") +
      " ORDER BY id" + locking(db_, " FOR UPDATE SKIP LOCKED"));
  if (!calling) return calling.error();
  if (!scope.all) calling->bind(1, to_ms(scope.now_ms)).bind(2, scope.node);
  std::vector<std::pair<std::int64_t, domain::Instant>> taken;  // task, when its call ended
  for (;;) {
    auto row = calling->step();
    if (!row) return row.error();
    if (!*row) break;
    auto ended = now;
    if (auto until = calling->column_optional_int(1); until && !scope.all)
      ended = std::min(now, std::chrono::floor<std::chrono::seconds>(
                                domain::WallMs(std::chrono::milliseconds(*until))));
    taken.emplace_back(calling->column_int(0), ended);
  }
  auto close = db_.prepare(
      "UPDATE attempts SET outcome = 'interrupted', ended_at = ? WHERE task_id = ? AND outcome"
      " IS NULL RETURNING " +
      std::string(kAttemptColumns));
  if (!close) return close.error();
  TasksRepo tasks(db_);
  std::vector<Attempt> closed;
  for (const auto& [task_id, ended] : taken) {
    close->reset();
    close->bind(1, to_unix(ended)).bind(2, task_id);
    auto attempts = read_attempts(*close);
    if (!attempts) return attempts.error();
    auto task = tasks.get(task_id);
    if (!task) return task.error();
    // A task in calling without an open attempt cannot arise from claim_due;
    // should one exist all the same, it must not stay stuck.
    TaskTransition next{domain::TaskState::kPending, task->attempts, now};
    if (!attempts->empty() && decide) next = decide(*task, attempts->back());
    if (auto st = apply_transition(db_, task_id, next, now); !st) return st.error();
    closed.insert(closed.end(), attempts->begin(), attempts->end());
  }
  if (scope.all) {
    // One node: an attempt left open beside a task no longer in calling.
    auto strays = db_.prepare(
        "UPDATE attempts SET outcome = 'interrupted', ended_at = ? WHERE outcome IS NULL"
        " RETURNING " +
        std::string(kAttemptColumns));
    if (!strays) return strays.error();
    strays->bind(1, to_unix(now));
    auto rest = read_attempts(*strays);
    if (!rest) return rest.error();
    closed.insert(closed.end(), rest->begin(), rest->end());
  }
  if (auto st = tx->commit(); !st) return st.error();
  std::sort(closed.begin(), closed.end(),
            [](const Attempt& x, const Attempt& y) { return x.id < y.id; });
  return closed;
}

Result<std::vector<Attempt>> AttemptsRepo::of_task(std::int64_t task_id) {
  auto stmt = db_.prepare("SELECT " + std::string(kAttemptColumns) +
                          " FROM attempts WHERE task_id = ? ORDER BY number");
  if (!stmt) return stmt.error();
  stmt->bind(1, task_id);
  return read_attempts(*stmt);
}

Result<DayCounters> AttemptsRepo::counters(domain::Instant from, domain::Instant to) {
  auto tx = Transaction::begin(db_, Transaction::Kind::kRead);
  if (!tx) return tx.error();
  auto stmt = db_.prepare(
      "SELECT count(outcome), count(*) FILTER (WHERE outcome = 'confirmed'),"
      " count(*) FILTER (WHERE outcome = 'cancelled'),"
      " count(*) FILTER (WHERE outcome IN ('no_answer', 'busy', 'unavailable'))"
      " FROM attempts WHERE started_at >= ? AND started_at < ?");
  if (!stmt) return stmt.error();
  stmt->bind(1, to_unix(from)).bind(2, to_unix(to));
  auto row = stmt->step();
  if (!row) return row.error();
  DayCounters c;
  c.calls = stmt->column_int(0);
  c.confirmed = stmt->column_int(1);
  c.cancelled = stmt->column_int(2);
  c.unreachable = stmt->column_int(3);
  auto flying = db_.query_int("SELECT count(*) FROM attempts WHERE outcome IS NULL");
  if (!flying) return flying.error();
  c.in_progress = *flying;
  return c;
}

Result<std::vector<Attempt>> AttemptsRepo::recordings_before(domain::Instant before, int limit) {
  auto stmt = db_.prepare("SELECT " + std::string(kAttemptColumns) +
                          " FROM attempts WHERE recording IS NOT NULL AND ended_at < ?"
                          " ORDER BY ended_at LIMIT ?");
  if (!stmt) return stmt.error();
  stmt->bind(1, to_unix(before)).bind(2, limit);
  return read_attempts(*stmt);
}

Status AttemptsRepo::clear_recording(std::int64_t attempt_id) {
  auto stmt = db_.prepare("UPDATE attempts SET recording = NULL WHERE id = ?");
  if (!stmt) return stmt.error();
  stmt->bind(1, attempt_id);
  if (auto st = stmt->run(); !st) return st;
  if (db_.changes() == 0)
    return Error::not_found("Попытка звонка " + std::to_string(attempt_id) + " не найдена");
  return {};
}

}  // namespace robocall::store
