#include "domain/call_progress.h"

#include <cstdio>

#include "domain/labels.h"
#include "domain/local_time.h"

namespace robocall::domain {
namespace {

std::string hh_mm(Instant t) {
  const auto local = to_local(t);
  const std::chrono::hh_mm_ss time(local - std::chrono::floor<std::chrono::days>(local));
  char out[8];
  std::snprintf(out, sizeof out, "%02d:%02d", static_cast<int>(time.hours().count()),
                static_cast<int>(time.minutes().count()));
  return out;
}

std::string of(int used, int max) {
  return std::to_string(used) + " из " + std::to_string(max);
}

}  // namespace

std::string_view to_string(CallsKind kind) {
  switch (kind) {
    case CallsKind::kWaiting:
      return "waiting";
    case CallsKind::kCalling:
      return "calling";
    case CallsKind::kRetrying:
      return "retrying";
    case CallsKind::kUnreached:
      return "unreached";
    case CallsKind::kPassed:
      return "passed";
    case CallsKind::kWithdrawn:
      return "withdrawn";
    case CallsKind::kDone:
      return "done";
  }
  return "waiting";
}

std::string when_ahead(Instant at, Instant now) {
  using std::chrono::days;
  const auto day = std::chrono::sys_days(local_date(at));
  const auto today = std::chrono::sys_days(local_date(now));
  if (day == today) return "в " + hh_mm(at);
  if (day == today + days{1}) return "завтра в " + hh_mm(at);
  const std::chrono::year_month_day date(day);
  char out[8];
  std::snprintf(out, sizeof out, "%02u.%02u", static_cast<unsigned>(date.day()),
                static_cast<unsigned>(date.month()));
  return std::string(out) + " в " + hh_mm(at);
}

CallProgress call_progress(const Task& task, int attempts_max, bool dialer_enabled, Instant now) {
  const std::string count = of(task.attempts, attempts_max);
  switch (task.state) {
    case TaskState::kWithdrawn:
      return {CallsKind::kWithdrawn, "Снят с обзвона"};
    case TaskState::kConfirmed:
      return {CallsKind::kDone, "Подтвердил звонком (" + count + ")"};
    case TaskState::kCancelled:
      return {CallsKind::kDone, "Отменил звонком (" + count + ")"};
    case TaskState::kExhausted:
      return {CallsKind::kUnreached, "Не дозвонились (" + count + ")"};
    case TaskState::kNotVerified:
      return {CallsKind::kUnreached, "Не прошёл проверку личности (" + count + ")"};
    case TaskState::kExpired:
      return {CallsKind::kPassed, "Приём уже прошёл"};
    case TaskState::kCalling:
      return {CallsKind::kCalling, "Идёт звонок"};
    case TaskState::kPending:
      break;
  }
  if (task.appointment <= now) return {CallsKind::kPassed, "Приём уже прошёл"};
  if (!task.last_outcome) return {CallsKind::kWaiting, "Ждёт звонка"};
  std::string text = count + " · " + std::string(label(*task.last_outcome));
  if (dialer_enabled && task.next_attempt && *task.next_attempt > now)
    text += " · след. " + when_ahead(*task.next_attempt, now);
  return {CallsKind::kRetrying, std::move(text)};
}

}  // namespace robocall::domain
