// TasksRepo's actions of a person on one task: withdraw and call now.
#include <string>

#include "store/task_rows.h"
#include "store/tasks_repo.h"

namespace robocall::store {
namespace {

// Why an action on a task in `state` is refused; empty when it may go on.
std::string refusal(domain::TaskState state, bool calling_allowed_again) {
  switch (state) {
    case domain::TaskState::kCalling:
      return "Идёт звонок этому пациенту: дождитесь его конца";
    case domain::TaskState::kConfirmed:
      return "Пациент уже подтвердил запись";
    case domain::TaskState::kCancelled:
      return "Пациент уже отменил запись";
    case domain::TaskState::kWithdrawn:
      return "Пациент уже снят с обзвона";
    case domain::TaskState::kExpired:
      return "Приём уже прошёл";
    case domain::TaskState::kExhausted:
    case domain::TaskState::kNotVerified:
      return calling_allowed_again ? "" : "Обзвон этого пациента уже завершён";
    case domain::TaskState::kPending:
      return "";
  }
  return "";
}

}  // namespace

Result<domain::Task> TasksRepo::withdraw(std::int64_t id, std::string_view login,
                                         domain::Instant now) {
  auto tx = Transaction::begin(db_);
  if (!tx) return tx.error();
  auto task = get(id);
  if (!task) return task.error();
  if (auto why = refusal(task->state, false); !why.empty()) return Error::conflict(why);
  auto stmt = db_.prepare(
      "UPDATE tasks SET state = 'withdrawn', withdrawn_by = ?1, withdrawn_at = ?3,"
      " next_attempt = NULL, call_now_at = NULL, updated_at = ?3"
      " WHERE id = ?2 AND state = 'pending'");
  if (!stmt) return stmt.error();
  stmt->bind(1, login).bind(2, id).bind(3, to_unix(now));
  if (auto st = stmt->run(); !st) return st.error();
  auto after = get(id);
  if (!after) return after.error();
  if (auto st = tx->commit(); !st) return st.error();
  return after;
}

Result<domain::Task> TasksRepo::call_now(std::int64_t id, domain::Instant now) {
  auto tx = Transaction::begin(db_);
  if (!tx) return tx.error();
  auto task = get(id);
  if (!task) return task.error();
  if (auto why = refusal(task->state, true); !why.empty()) return Error::conflict(why);
  if (task->appointment <= now) return Error::conflict("Приём уже прошёл");
  auto stmt = db_.prepare(
      "UPDATE tasks SET state = 'pending', next_attempt = ?1, call_now_at = ?1, updated_at = ?1"
      " WHERE id = ?2");
  if (!stmt) return stmt.error();
  stmt->bind(1, to_unix(now)).bind(2, id);
  if (auto st = stmt->run(); !st) return st.error();
  auto after = get(id);
  if (!after) return after.error();
  if (auto st = tx->commit(); !st) return st.error();
  return after;
}

}  // namespace robocall::store
