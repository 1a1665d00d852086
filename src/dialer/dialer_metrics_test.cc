#include "dialer/dialer_metrics.h"

#include <gtest/gtest.h>

namespace robocall::dialer {
namespace {

TEST(DialerMetrics, every_outcome_has_a_slot) {
  EXPECT_EQ(domain::all_outcomes().size(), DialerMetrics::kOutcomes);
}

TEST(DialerMetrics, ended_calls_are_written_by_outcome_and_sip_code) {
  DialerMetrics m;
  m.calls_started.add(3);
  m.call_ended(domain::CallOutcome::kBusy, 486);
  m.call_ended(domain::CallOutcome::kBusy, 486);
  m.call_ended(domain::CallOutcome::kConfirmed, 200);
  m.call_ended(domain::CallOutcome::kInterrupted, std::nullopt);
  m.call_ended(domain::CallOutcome::kFailed, 999);  // not a SIP code: written without one
  m.claims.add(4);
  PrometheusText out;
  m.write(out);
  const auto& t = out.text();
  EXPECT_NE(t.find("robocall_calls_started_total 3\n"), std::string::npos) << t;
  EXPECT_NE(t.find("robocall_calls_ended_total{outcome=\"busy\",sip_code=\"486\"} 2\n"),
            std::string::npos)
      << t;
  EXPECT_NE(t.find("robocall_calls_ended_total{outcome=\"confirmed\",sip_code=\"200\"} 1\n"),
            std::string::npos);
  EXPECT_NE(t.find("robocall_calls_ended_total{outcome=\"interrupted\",sip_code=\"\"} 1\n"),
            std::string::npos);
  EXPECT_NE(t.find("robocall_calls_ended_total{outcome=\"failed\",sip_code=\"\"} 1\n"),
            std::string::npos);
  EXPECT_NE(t.find("robocall_claims_total 4\n"), std::string::npos);
  EXPECT_EQ(t.find("outcome=\"no_answer\""), std::string::npos) << "zero series are left out";
}

}  // namespace
}  // namespace robocall::dialer
