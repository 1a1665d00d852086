#include "dialer/dialer_metrics.h"

#include <string>

namespace robocall::dialer {

void DialerMetrics::call_ended(domain::CallOutcome outcome, std::optional<int> sip_code) {
  const auto o = static_cast<std::size_t>(outcome);
  if (o >= kOutcomes) return;
  std::size_t slot = 0;
  if (sip_code && *sip_code >= 100 && *sip_code <= 699)
    slot = static_cast<std::size_t>(*sip_code - 99);
  ended_[o][slot].add();
}

void DialerMetrics::write(PrometheusText& out) const {
  out.family("robocall_calls_started_total", "counter", "Calls placed to patients.");
  out.sample("robocall_calls_started_total", {}, calls_started.value());
  out.family("robocall_calls_ended_total", "counter",
             "Call attempts ended, by settled outcome and final SIP code.");
  for (const auto outcome : domain::all_outcomes()) {
    const auto o = static_cast<std::size_t>(outcome);
    for (std::size_t slot = 0; o < kOutcomes && slot < kCodes; ++slot) {
      const auto n = ended_[o][slot].value();
      if (n == 0) continue;
      out.sample("robocall_calls_ended_total",
                 {{"outcome", std::string(domain::to_string(outcome))},
                  {"sip_code", slot == 0 ? std::string() : std::to_string(slot + 99)}},
                 n);
    }
  }
  out.family("robocall_claims_total", "counter", "Due tasks claimed for a call.");
  out.sample("robocall_claims_total", {}, claims.value());
  out.family("robocall_claim_failures_total", "counter", "Claims of due tasks that failed.");
  out.sample("robocall_claim_failures_total", {}, claim_failures.value());
  out.family("robocall_dial_failures_total", "counter", "Calls the SIP engine refused to place.");
  out.sample("robocall_dial_failures_total", {}, dial_failures.value());
}

}  // namespace robocall::dialer
