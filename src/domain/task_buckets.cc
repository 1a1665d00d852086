#include "domain/task_buckets.h"

#include <algorithm>

namespace robocall::domain {

Bucket bucket_of(TaskState state, Instant appointment, Instant now) {
  switch (state) {
    case TaskState::kConfirmed:
      return Bucket::kConfirmed;
    case TaskState::kCancelled:
    case TaskState::kWithdrawn:
      return Bucket::kCancelled;
    case TaskState::kExhausted:
    case TaskState::kExpired:
    case TaskState::kNotVerified:
      return Bucket::kUnreached;
    case TaskState::kPending:
      return appointment <= now ? Bucket::kUnreached : Bucket::kInProgress;
    case TaskState::kCalling:
      return Bucket::kInProgress;
  }
  return Bucket::kInProgress;
}

std::vector<Bucket> buckets_of(StatusFilter filter) {
  switch (filter) {
    case StatusFilter::kConfirmed:
      return {Bucket::kConfirmed};
    case StatusFilter::kCancelled:
      return {Bucket::kCancelled};
    case StatusFilter::kUnknown:
      return {Bucket::kUnreached, Bucket::kInProgress};
    case StatusFilter::kUnreached:
      return {Bucket::kUnreached};
  }
  return {};
}

Result<std::vector<StatusFilter>> parse_status_filter(std::string_view text) {
  std::vector<StatusFilter> out;
  if (text.empty()) return out;
  std::size_t start = 0;
  for (;;) {
    const auto comma = text.find(',', start);
    const auto name =
        text.substr(start, comma == std::string_view::npos ? text.npos : comma - start);
    StatusFilter f;
    if (name == "confirmed")
      f = StatusFilter::kConfirmed;
    else if (name == "cancelled")
      f = StatusFilter::kCancelled;
    else if (name == "unknown")
      f = StatusFilter::kUnknown;
    else if (name == "unreached")
      f = StatusFilter::kUnreached;
    else
      return Error::invalid("Неизвестный статус «" + std::string(name) +
                            "»: можно confirmed, cancelled, unknown, unreached через запятую");
    if (std::find(out.begin(), out.end(), f) == out.end()) out.push_back(f);
    if (comma == std::string_view::npos) return out;
    start = comma + 1;
  }
}

}  // namespace robocall::domain
