// What the cluster test reads from SIPp's log (cluster_harness.h).
#include "cluster_harness.h"

#include <gtest/gtest.h>

namespace robocall::cluster::testing {
namespace {

const char* const kLog =
    "URI INVITE sip:1000000001@\n"
    "START 1000000001 100.000000 500000.000000 a@h 1.000000 INVITE\n"
    "URI INVITE sip:1000000002@\n"
    "START 1000000002 101.000000 0.000000 b@h 2.000000 INVITE\n"
    "END 1000000001 104.000000 0.000000 a@h 1.000000 BYE\n"
    "START 1000000003 102.000000 0.000000 c@h 2.000000 INVITE\n"
    "END 1000000002 111.000000 0.000000 b@h 1.000000 GONE\n"
    "END 1000000003 112.000000 250000.000000 c@h  BYE\n";

TEST(PatientLog, each_call_has_its_number_times_count_and_how_it_ended) {
  const auto calls = parse_patient_log(kLog);
  ASSERT_EQ(calls.size(), 3u);
  EXPECT_EQ(calls[0].phone, "1000000001");
  EXPECT_DOUBLE_EQ(calls[0].start, 100.5);
  EXPECT_DOUBLE_EQ(calls[0].end, 104);
  EXPECT_EQ(calls[0].lines, 1);
  EXPECT_FALSE(calls[0].gone);
  EXPECT_TRUE(calls[1].gone);
  EXPECT_EQ(calls[1].lines, 2);
  EXPECT_DOUBLE_EQ(calls[2].end, 112.25);  // SIPp prints nothing for a count of 0
  EXPECT_FALSE(calls[2].gone);
  EXPECT_EQ(peak_lines(calls), 2);
  EXPECT_EQ(number_in_two_calls(calls), "");
}

TEST(PatientLog, a_call_without_its_end_is_kept_with_end_zero) {
  const auto calls =
      parse_patient_log("START 1000000001 100.000000 0.000000 a@h 1.000000 INVITE\n");
  ASSERT_EQ(calls.size(), 1u);
  EXPECT_EQ(calls[0].end, 0);
}

TEST(PatientLog, a_number_called_again_before_its_call_ended_is_found) {
  const auto calls = parse_patient_log(
      "START 1000000001 100.000000 0.000000 a@h 1.000000 INVITE\n"
      "START 1000000001 103.000000 0.000000 b@h 2.000000 INVITE\n"
      "END 1000000001 104.000000 0.000000 a@h 1.000000 BYE\n"
      "END 1000000001 105.000000 0.000000 b@h  BYE\n");
  EXPECT_EQ(number_in_two_calls(calls), "1000000001");
}

TEST(PatientLog, a_number_called_again_the_instant_its_call_ended_is_not_in_two_calls) {
  const auto calls = parse_patient_log(
      "START 1000000001 100.000000 0.000000 a@h 1.000000 INVITE\n"
      "END 1000000001 104.000000 0.000000 a@h  BYE\n"
      "START 1000000001 104.000000 0.000000 b@h 1.000000 INVITE\n"
      "END 1000000001 105.000000 0.000000 b@h  BYE\n");
  EXPECT_EQ(number_in_two_calls(calls), "");
}

}  // namespace
}  // namespace robocall::cluster::testing
