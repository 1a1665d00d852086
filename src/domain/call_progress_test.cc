// The «Звонки» text of every task state, and its edges: the last attempt,
// a next attempt tomorrow, the appointment passed at the minute, calling
// switched off. TZ pinned to Europe/Moscow (UTC+3).
#include "domain/call_progress.h"

#include <gtest/gtest.h>

#include "domain/scoped_tz.h"

namespace robocall::domain {
namespace {

using namespace std::chrono;  // NOLINT: test file

Instant msk(unsigned d, int h, int mi = 0) {
  return Instant{sys_days{year{2026} / December / day{d}}} + hours{h - 3} + minutes{mi};
}

const Instant kNow = msk(7, 12, 0);  // Monday 12:00

Task task(TaskState state, int attempts, std::optional<CallOutcome> last = std::nullopt,
          std::optional<Instant> next = std::nullopt, Instant appointment = msk(9, 10)) {
  Task t;
  t.state = state;
  t.attempts = attempts;
  t.last_outcome = last;
  t.next_attempt = next;
  t.appointment = appointment;
  return t;
}

struct Case {
  const char* what;
  Task task;
  bool enabled;
  CallsKind kind;
  const char* text;
};

TEST(CallProgress, every_state_reads_as_the_glossary_says) {
  using S = TaskState;
  using O = CallOutcome;
  const Case cases[] = {
      {"not called yet", task(S::kPending, 0), true, CallsKind::kWaiting, "Ждёт звонка"},
      {"a call going on", task(S::kCalling, 1, O::kBusy), true, CallsKind::kCalling, "Идёт звонок"},
      {"busy, again at 14:30", task(S::kPending, 2, O::kBusy, msk(7, 14, 30)), true,
       CallsKind::kRetrying, "2 из 3 · Занято · след. в 14:30"},
      {"next attempt tomorrow", task(S::kPending, 1, O::kNoAnswer, msk(8, 9)), true,
       CallsKind::kRetrying, "1 из 3 · Нет ответа · след. завтра в 09:00"},
      {"next attempt another day", task(S::kPending, 1, O::kNoAnswer, msk(10, 9, 5)), true,
       CallsKind::kRetrying, "1 из 3 · Нет ответа · след. 10.12 в 09:05"},
      {"calling off: no next attempt shown", task(S::kPending, 2, O::kBusy, msk(7, 14, 30)), false,
       CallsKind::kRetrying, "2 из 3 · Занято"},
      {"due already: no next attempt shown", task(S::kPending, 1, O::kBusy, msk(7, 11, 59)), true,
       CallsKind::kRetrying, "1 из 3 · Занято"},
      {"a failed call that did not count", task(S::kPending, 0, O::kFailed, msk(7, 12, 1)), true,
       CallsKind::kRetrying, "0 из 3 · Сбой связи · след. в 12:01"},
      {"the third attempt used up", task(S::kExhausted, 3, O::kNoAnswer), true,
       CallsKind::kUnreached, "Не дозвонились (3 из 3)"},
      {"failed the verification", task(S::kNotVerified, 1, O::kNotVerified), true,
       CallsKind::kUnreached, "Не прошёл проверку личности (1 из 3)"},
      {"expired", task(S::kExpired, 1, O::kBusy), true, CallsKind::kPassed, "Приём уже прошёл"},
      {"pending, the appointment at this very minute",
       task(S::kPending, 1, O::kBusy, msk(7, 14), kNow), true, CallsKind::kPassed,
       "Приём уже прошёл"},
      {"pending, the appointment a minute ahead",
       task(S::kPending, 0, std::nullopt, std::nullopt, kNow + minutes{1}), true,
       CallsKind::kWaiting, "Ждёт звонка"},
      {"withdrawn", task(S::kWithdrawn, 1, O::kBusy), true, CallsKind::kWithdrawn,
       "Снят с обзвона"},
      {"confirmed on the first call", task(S::kConfirmed, 1, O::kConfirmed), true, CallsKind::kDone,
       "Подтвердил звонком (1 из 3)"},
      {"cancelled on the second call", task(S::kCancelled, 2, O::kCancelled), true,
       CallsKind::kDone, "Отменил звонком (2 из 3)"},
  };
  ScopedTz tz("Europe/Moscow");
  for (const auto& c : cases) {
    const auto got = call_progress(c.task, 3, c.enabled, kNow);
    EXPECT_EQ(got.kind, c.kind) << c.what;
    EXPECT_EQ(got.text, c.text) << c.what;
  }
}

TEST(CallProgress, kinds_have_the_api_names) {
  EXPECT_EQ(to_string(CallsKind::kWaiting), "waiting");
  EXPECT_EQ(to_string(CallsKind::kRetrying), "retrying");
  EXPECT_EQ(to_string(CallsKind::kUnreached), "unreached");
  EXPECT_EQ(to_string(CallsKind::kDone), "done");
}

}  // namespace
}  // namespace robocall::domain
