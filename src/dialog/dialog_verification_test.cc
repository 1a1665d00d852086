// The verification step of the call dialog (docs/BEHAVIOUR.md "Call script"),
// path by path: the birth year asked after the greeting, compared key by key,
// asked again once after a wrong year and up to three times after silence.
// The matrix of every state and event is in dialog_test.cc.
#include <gtest/gtest.h>

#include "dialog/dialog.h"
#include "dialog/dialog_test.h"

namespace robocall::dialog {
namespace {

using domain::CallOutcome;
using namespace test;  // NOLINT: the builders
using S = DialogState;

constexpr std::chrono::year kYear{1980};

Dialog verifying() {
  return Dialog(Dialog::kDefaultSilenceTimeout, kYear);
}

// Answered, the greeting played, phrase 7 played.
std::vector<Event> asked() {
  return {answered(), finished(), finished()};
}

TEST(Verification, the_right_year_goes_on_to_the_reminder_and_the_script_continues) {
  Dialog d = verifying();
  EXPECT_EQ(
      run(d, asked() + keys("1980") + std::vector{finished(), finished(), key('1'), finished()}),
      (Actions{play(1), play(7), start_timer(), stop_timer(), start_timer(), stop_timer(),
               start_timer(), stop_timer(), start_timer(), stop_timer(), play(2), play(3),
               start_timer(), stop_timer(), play(4), hang_up(),
               record(CallOutcome::kConfirmed, "19801")}));
}

TEST(Verification, a_wrong_year_asks_again_and_the_right_one_then_passes) {
  Dialog d = verifying();
  run(d, asked() + keys("1981"));
  EXPECT_EQ(d.state(), S::kYearAsking2Wrong);
  const Actions a = run(d, std::vector{finished()} + keys("1980"));
  EXPECT_EQ(a.back(), play(2));
  EXPECT_EQ(d.state(), S::kReminder);
  EXPECT_EQ(d.digits(), "19811980");
}

TEST(Verification, a_second_wrong_year_plays_phrase_8_and_ends_not_verified) {
  Dialog d = verifying();
  const Actions a = run(
      d, asked() + keys("1981") + std::vector{finished()} + keys("2001") + std::vector{finished()});
  EXPECT_EQ(
      Actions(a.end() - 4, a.end()),
      (Actions{stop_timer(), play(8), hang_up(), record(CallOutcome::kNotVerified, "19812001")}));
  EXPECT_EQ(count<PlayPhrase>(a), 4);  // 1, 7, 7, 8: never the reminder
}

TEST(Verification, three_silent_asks_end_with_phrase_6_and_no_input) {
  Dialog d = verifying();
  EXPECT_EQ(run(d, asked() + std::vector{silence(), finished(), silence(), finished(), silence(),
                                         finished()}),
            (Actions{play(1), play(7), start_timer(), play(7), start_timer(), play(7),
                     start_timer(), play(6), hang_up(), record(CallOutcome::kNoInput, "")}));
}

TEST(Verification, star_or_hash_among_the_four_keys_makes_a_wrong_year) {
  for (std::string_view entry : {"19*0", "198#", "#980", "****"}) {
    Dialog d = verifying();
    run(d, asked() + keys(entry));
    EXPECT_EQ(d.state(), S::kYearAsking2Wrong) << entry;
  }
}

TEST(Verification, a_key_during_phrase_7_stops_it_and_is_the_years_first_key) {
  Dialog d = verifying();
  EXPECT_EQ(run(d, {answered(), finished(), key('1')}),
            (Actions{play(1), play(7), stop_play(), start_timer()}));
  EXPECT_EQ(d.state(), S::kYearListening1);
  const Actions a = run(d, keys("980"));
  EXPECT_EQ(a.back(), play(2));
}

TEST(Verification, a_key_during_phrase_7_asked_again_stops_it_too) {
  Dialog d = verifying();
  run(d, asked() + keys("1111"));
  ASSERT_EQ(d.state(), S::kYearAsking2Wrong);
  EXPECT_EQ(run(d, keys("1")), (Actions{stop_play(), start_timer()}));
  EXPECT_EQ(run(d, keys("980")).back(), play(2));
}

TEST(Verification, a_partial_year_then_silence_is_a_wrong_year) {
  Dialog d = verifying();
  EXPECT_EQ(run(d, asked() + keys("19") + std::vector{silence()}).back(), play(7));
  EXPECT_EQ(d.state(), S::kYearAsking2Wrong);
  // The next ask starts a new entry: its four keys alone are compared.
  EXPECT_EQ(run(d, std::vector{finished()} + keys("1980")).back(), play(2));
}

TEST(Verification, two_partial_years_end_not_verified) {
  Dialog d = verifying();
  const Actions a = run(d, asked() + keys("1") + std::vector{silence(), finished()} + keys("198") +
                               std::vector{silence(), finished()});
  EXPECT_EQ(a.back(), record(CallOutcome::kNotVerified, "1198"));
}

TEST(Verification, a_wrong_year_on_the_third_ask_ends_not_verified) {
  Dialog d = verifying();
  run(d, asked() + std::vector{silence(), finished(), silence(), finished()} + keys("2000"));
  EXPECT_EQ(d.state(), S::kNotVerified);
}

TEST(Verification, silence_after_a_wrong_year_asks_a_third_time) {
  Dialog d = verifying();
  run(d, asked() + keys("2000") + std::vector{finished(), silence()});
  EXPECT_EQ(d.state(), S::kYearAsking3);
  run(d, std::vector{finished(), silence(), finished()});
  EXPECT_TRUE(d.ended());
}

TEST(Verification, keys_during_the_greeting_change_nothing_not_even_1) {
  Dialog d = verifying();
  EXPECT_EQ(run(d, {answered(), key('1'), key('2'), finished()}), (Actions{play(1), play(7)}));
  EXPECT_EQ(d.state(), S::kYearAsking1);
  EXPECT_EQ(d.digits(), "12");
}

TEST(Verification, keys_while_phrase_8_plays_change_nothing) {
  Dialog d = verifying();
  run(d, asked() + keys("0000") + std::vector{finished()} + keys("0000"));
  EXPECT_EQ(run(d, {key('1'), finished()}),
            (Actions{hang_up(), record(CallOutcome::kNotVerified, "000000001")}));
}

TEST(Verification, a_hangup_during_the_step_is_no_input_and_during_phrase_8_not_verified) {
  struct Row {
    std::vector<Event> path;
    Actions expected;
  } rows[] = {
      {{answered()}, {stop_play(), record(CallOutcome::kNoInput, "")}},
      {{answered(), finished()}, {stop_play(), record(CallOutcome::kNoInput, "")}},
      {asked() + keys("19"), {stop_timer(), record(CallOutcome::kNoInput, "19")}},
      {asked() + keys("0000") + std::vector{finished()} + keys("0000"),
       {stop_play(), record(CallOutcome::kNotVerified, "00000000")}},
  };
  for (const auto& r : rows) {
    Dialog d = verifying();
    run(d, r.path);
    EXPECT_EQ(run(d, {hangup()}), r.expected) << to_string(d.state());
    EXPECT_TRUE(d.ended());
  }
}

TEST(Verification, a_year_before_1000_is_entered_with_its_leading_zero) {
  Dialog d(Dialog::kDefaultSilenceTimeout, std::chrono::year{987});
  run(d, asked() + keys("0987"));
  EXPECT_EQ(d.state(), S::kReminder);
}

TEST(Verification, without_a_year_the_greeting_goes_on_to_the_reminder) {
  Dialog d;
  EXPECT_EQ(run(d, {answered(), finished()}), (Actions{play(1), play(2)}));
}

}  // namespace
}  // namespace robocall::dialog
