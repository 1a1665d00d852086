#include "sip/call_end.h"

#include <gtest/gtest.h>

namespace robocall::sip {
namespace {

using domain::CallOutcome;

TEST(Classify, maps_every_final_response_the_dialer_cares_about) {
  struct Row {
    std::uint16_t code;
    CallOutcome outcome;
    bool overloaded;
  };
  const Row rows[] = {
      {486, CallOutcome::kBusy, false},        {600, CallOutcome::kBusy, false},
      {603, CallOutcome::kBusy, false},        {404, CallOutcome::kUnavailable, false},
      {408, CallOutcome::kUnavailable, false}, {410, CallOutcome::kUnavailable, false},
      {480, CallOutcome::kUnavailable, false}, {484, CallOutcome::kUnavailable, false},
      {604, CallOutcome::kUnavailable, false}, {503, CallOutcome::kFailed, true},
      {403, CallOutcome::kConfigError, false}, {401, CallOutcome::kConfigError, false},
      {407, CallOutcome::kConfigError, false}, {487, CallOutcome::kNoAnswer, false},
      {488, CallOutcome::kFailed, false},      {500, CallOutcome::kFailed, false},
      {502, CallOutcome::kFailed, false},      {606, CallOutcome::kUnavailable, false},
      {420, CallOutcome::kFailed, false},
  };
  for (const auto& row : rows) {
    const auto c = classify(EndCause::kFinalResponse, row.code, false);
    EXPECT_EQ(c.outcome, row.outcome) << row.code;
    EXPECT_EQ(c.trunk_overloaded, row.overloaded) << row.code;
  }
}

TEST(Classify, treats_causes_without_a_final_response_by_what_happened) {
  EXPECT_EQ(classify(EndCause::kNoResponse, 0, false).outcome, CallOutcome::kFailed);
  EXPECT_EQ(classify(EndCause::kAnswerTimeout, 487, false).outcome, CallOutcome::kNoAnswer);
  EXPECT_EQ(classify(EndCause::kTransportError, 0, false).outcome, CallOutcome::kFailed);
  EXPECT_EQ(classify(EndCause::kLocalHangup, 0, false).outcome, CallOutcome::kInterrupted);
  EXPECT_EQ(classify(EndCause::kEngineStopped, 0, false).outcome, CallOutcome::kInterrupted);
}

TEST(Classify, leaves_the_verdict_of_an_answered_call_to_the_dialog) {
  for (auto cause : {EndCause::kRemoteBye, EndCause::kLocalHangup, EndCause::kFinalResponse})
    EXPECT_EQ(classify(cause, 200, true).outcome, CallOutcome::kNoInput);
  EXPECT_EQ(classify(EndCause::kEngineStopped, 200, true).outcome, CallOutcome::kInterrupted);
}

}  // namespace
}  // namespace robocall::sip
