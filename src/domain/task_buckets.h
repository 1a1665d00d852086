// Where a patient stands for the task list's «Статус» filter and the
// summary's counters (docs/BEHAVIOUR.md "The summary"): four buckets that
// every task falls into exactly once, so the counters always add up. The
// store's SQL follows this table (store/task_summary.cc, checked by its test).
// Pure; any thread.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "domain/task.h"

namespace robocall::domain {

enum class Bucket {
  kConfirmed,  // «Подтвердили»
  kCancelled,  // «Отменили»: by a key, or taken off calling
  kUnreached,  // «Не дозвонились»: final without a key, or the appointment has begun
  kInProgress,  // «Ещё звоним»
};

// A pending task whose appointment has begun is unreached already: the
// dialer expires it within a minute, and will not call it.
Bucket bucket_of(TaskState state, Instant appointment, Instant now);

// The list's `status` filter: the guide's three statuses and «Не дозвонились».
enum class StatusFilter { kConfirmed, kCancelled, kUnknown, kUnreached };

// The buckets a filter value takes: «Неизвестно» is every unknown, still
// being called or not.
std::vector<Bucket> buckets_of(StatusFilter filter);

// "confirmed,unreached" → those filters, in order, without repeats; an empty
// text is no filter (an empty list). A Russian error names a bad value.
Result<std::vector<StatusFilter>> parse_status_filter(std::string_view text);

}  // namespace robocall::domain
