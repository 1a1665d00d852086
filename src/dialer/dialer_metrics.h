// DialerMetrics: the dialer's counters for GET /metrics (docs/DESIGN.md
// "Metrics and health"). The loop thread increments them with relaxed
// atomics, never a lock (bench/calls measures the cost); a scrape writes
// them from an HTTP worker. Any thread.
#pragma once

#include <array>
#include <cstddef>
#include <optional>

#include "common/metrics.h"
#include "common/prometheus_text.h"
#include "domain/outcome.h"

namespace robocall::dialer {

class DialerMetrics {
 public:
  static constexpr std::size_t kOutcomes =
      static_cast<std::size_t>(domain::CallOutcome::kNotVerified) + 1;

  Counter calls_started;
  Counter claims;          // tasks claimed for a call
  Counter claim_failures;  // claim_due failed (the database)
  Counter dial_failures;   // the SIP engine refused to place a call

  // An attempt's settled outcome, with the final SIP code when there was one.
  void call_ended(domain::CallOutcome outcome, std::optional<int> sip_code);
  // robocall_calls_started_total, robocall_calls_ended_total{outcome,sip_code}
  // (no sip_code: ""), robocall_claims_total, robocall_claim_failures_total,
  // robocall_dial_failures_total.
  void write(PrometheusText& out) const;

 private:
  // Slot 0: no SIP code; slot code - 99: codes 100..699; other codes: slot 0.
  static constexpr std::size_t kCodes = 601;
  std::array<std::array<Counter, kCodes>, kOutcomes> ended_;
};

}  // namespace robocall::dialer
