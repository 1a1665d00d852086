#include "dialer/call_report.h"

namespace robocall::dialer {
namespace {

std::chrono::milliseconds ms(CallReport::Clock::duration d) {
  return std::max(std::chrono::milliseconds(0),
                  std::chrono::duration_cast<std::chrono::milliseconds>(d));
}

}  // namespace

std::chrono::milliseconds CallReport::ringing() const {
  return ms(answered_at.value_or(ended) - started);
}

std::chrono::milliseconds CallReport::talk() const {
  return answered_at ? ms(ended - *answered_at) : std::chrono::milliseconds(0);
}

domain::CallOutcome settle_outcome(domain::CallOutcome sip_outcome, bool answered, bool ended_by_us,
                                   std::optional<domain::CallOutcome> decided) {
  if (decided) return *decided;
  if (answered) return domain::CallOutcome::kInterrupted;
  if (ended_by_us) return domain::CallOutcome::kFailed;
  return sip_outcome;
}

}  // namespace robocall::dialer
