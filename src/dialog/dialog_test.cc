// The call dialog: every event in every state against one expected matrix,
// the script's paths action by action, and the resource rules the adapter
// relies on (a started timer is stopped or fires, a playing phrase is
// stopped or finishes, the outcome is recorded exactly once, last).
#include "dialog/dialog.h"

#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "dialog/dialog_test.h"

namespace robocall::dialog {
namespace {

using domain::CallOutcome;
using namespace std::chrono_literals;  // NOLINT: test file
using namespace test;                  // NOLINT: the builders
using S = DialogState;

// Shortest event paths into every state.
const std::map<S, std::vector<Event>>& paths() {
  static const std::map<S, std::vector<Event>> p = [] {
    const auto A = answered(), F = finished(), T = silence();
    std::map<S, std::vector<Event>> m;
    m[S::kWaitingAnswer] = {};
    m[S::kGreeting] = {A};
    m[S::kReminder] = {A, F};
    m[S::kAsking1] = {A, F, F};
    m[S::kListening1] = {A, F, F, F};
    m[S::kAsking2] = {A, F, F, F, T};
    m[S::kListening2] = {A, F, F, F, T, F};
    m[S::kAsking3] = {A, F, F, F, T, F, T};
    m[S::kListening3] = {A, F, F, F, T, F, T, F};
    m[S::kNotRecognised] = {A, F, F, F, T, F, T, F, T};
    m[S::kConfirming] = {A, key('1')};
    m[S::kCancelling] = {A, key('2')};
    m[S::kEnded] = {A, key('1'), F};
    return m;
  }();
  return p;
}

Dialog in_state(S s) {
  Dialog d;
  run(d, paths().at(s));
  EXPECT_EQ(d.state(), s) << to_string(s);
  return d;
}

// The birth year of the verification tests; its first three keys.
constexpr std::chrono::year kYear{1977};
Dialog verifying() {
  return Dialog(Dialog::kDefaultSilenceTimeout, kYear);
}

// Columns: answered, phrase finished, key 1, key 2, other key, silence, hangup.
constexpr int kColumns = 7;
Event column_event(int c) {
  const Event events[kColumns] = {answered(), finished(), key('1'), key('2'),
                                  key('7'),   silence(),  hangup()};
  return events[c];
}

using Cell = std::optional<S>;
constexpr Cell X = std::nullopt;  // illegal

struct MatrixRow {
  S state;
  std::array<Cell, kColumns> next;
};

// The expected script, written independently of the implementation's table:
// without the verification step (the shortest paths above), then with it
// (birth year 1977; "+197": the year's first three keys entered, so key 7 is
// the right fourth key, keys 1 and 2 wrong ones).
const MatrixRow kMatrix[] = {
    {S::kWaitingAnswer, {S::kGreeting, X, X, X, X, X, X}},
    {S::kGreeting, {X, S::kReminder, S::kConfirming, S::kCancelling, S::kGreeting, X, S::kEnded}},
    {S::kReminder, {X, S::kAsking1, S::kConfirming, S::kCancelling, S::kReminder, X, S::kEnded}},
    {S::kAsking1, {X, S::kListening1, S::kConfirming, S::kCancelling, S::kAsking2, X, S::kEnded}},
    {S::kAsking2, {X, S::kListening2, S::kConfirming, S::kCancelling, S::kAsking3, X, S::kEnded}},
    {S::kAsking3,
     {X, S::kListening3, S::kConfirming, S::kCancelling, S::kNotRecognised, X, S::kEnded}},
    {S::kListening1, {X, X, S::kConfirming, S::kCancelling, S::kAsking2, S::kAsking2, S::kEnded}},
    {S::kListening2, {X, X, S::kConfirming, S::kCancelling, S::kAsking3, S::kAsking3, S::kEnded}},
    {S::kListening3,
     {X, X, S::kConfirming, S::kCancelling, S::kNotRecognised, S::kNotRecognised, S::kEnded}},
    {S::kConfirming, {X, S::kEnded, S::kConfirming, S::kConfirming, S::kConfirming, X, S::kEnded}},
    {S::kCancelling, {X, S::kEnded, S::kCancelling, S::kCancelling, S::kCancelling, X, S::kEnded}},
    {S::kNotRecognised,
     {X, S::kEnded, S::kNotRecognised, S::kNotRecognised, S::kNotRecognised, X, S::kEnded}},
    {S::kEnded, {X, X, X, X, X, X, X}},
};

struct VerifyingRow {
  std::string_view name;
  std::vector<Event> path;
  MatrixRow row;
};

const std::vector<VerifyingRow>& verifying_matrix() {
  const auto A = std::vector<Event>{answered()}, F = std::vector<Event>{finished()},
             T = std::vector<Event>{silence()}, Entry = keys("197"), Wrong = keys("1970");
  const auto ask2 = A + F + F + T, ask2_wrong = A + F + F + Wrong, ask3 = ask2 + F + T;
  const S GV = S::kGreetingToVerify, YA1 = S::kYearAsking1, YA2 = S::kYearAsking2,
          YA2W = S::kYearAsking2Wrong, YA3 = S::kYearAsking3, YL1 = S::kYearListening1,
          YL2 = S::kYearListening2, YL2W = S::kYearListening2Wrong, YL3 = S::kYearListening3,
          NV = S::kNotVerified, R = S::kReminder, E = S::kEnded;
  static const std::vector<VerifyingRow> m = {
      {"waiting", {}, {S::kWaitingAnswer, {GV, X, X, X, X, X, X}}},
      {"greeting", A, {GV, {X, YA1, GV, GV, GV, X, E}}},
      {"ask 1", A + F, {YA1, {X, YL1, YL1, YL1, YL1, X, E}}},
      {"listen 1", A + F + F, {YL1, {X, X, YL1, YL1, YL1, YA2, E}}},
      {"listen 1 +197", A + F + F + Entry, {YL1, {X, X, YA2W, YA2W, R, YA2W, E}}},
      {"ask 2", ask2, {YA2, {X, YL2, YL2, YL2, YL2, X, E}}},
      {"listen 2", ask2 + F, {YL2, {X, X, YL2, YL2, YL2, YA3, E}}},
      {"listen 2 +197", ask2 + F + Entry, {YL2, {X, X, YA3, YA3, R, YA3, E}}},
      {"ask 2 after a wrong year", ask2_wrong, {YA2W, {X, YL2W, YL2W, YL2W, YL2W, X, E}}},
      {"listen 2 after a wrong year", ask2_wrong + F, {YL2W, {X, X, YL2W, YL2W, YL2W, YA3, E}}},
      {"listen 2 after a wrong year +197",
       ask2_wrong + F + Entry,
       {YL2W, {X, X, NV, NV, R, NV, E}}},
      {"ask 3", ask3, {YA3, {X, YL3, YL3, YL3, YL3, X, E}}},
      {"listen 3", ask3 + F, {YL3, {X, X, YL3, YL3, YL3, S::kNotRecognised, E}}},
      {"listen 3 +197", ask3 + F + Entry, {YL3, {X, X, NV, NV, R, NV, E}}},
      {"not verified", ask2_wrong + F + Wrong, {NV, {X, E, NV, NV, NV, X, E}}},
      {"reminder after the year",
       A + F + F + keys("1977"),
       {R, {X, S::kAsking1, S::kConfirming, S::kCancelling, R, X, E}}},
  };
  return m;
}

bool is_playing(S s) {
  return s == S::kGreeting || s == S::kReminder || s == S::kAsking1 || s == S::kAsking2 ||
         s == S::kAsking3 || s == S::kConfirming || s == S::kCancelling || s == S::kNotRecognised ||
         s == S::kGreetingToVerify || s == S::kYearAsking1 || s == S::kYearAsking2 ||
         s == S::kYearAsking2Wrong || s == S::kYearAsking3 || s == S::kNotVerified;
}
bool is_listening(S s) {
  return s == S::kListening1 || s == S::kListening2 || s == S::kListening3 ||
         s == S::kYearListening1 || s == S::kYearListening2 || s == S::kYearListening2Wrong ||
         s == S::kYearListening3;
}

// Checks one matrix row: every column's event from `start`, a dialog that
// the row's path has brought into row.state.
void check_row(const Dialog& start, const MatrixRow& row, std::string_view name) {
  ASSERT_EQ(start.state(), row.state) << name;
  {
    for (int c = 0; c < kColumns; ++c) {
      Dialog d = start;
      const std::string digits_before = d.digits();
      const auto r = d.on(column_event(c));
      const std::string where = std::string(name) + " column " + std::to_string(c);
      if (!row.next[c]) {
        ASSERT_FALSE(r.ok()) << where;
        EXPECT_EQ(r.error().code, Errc::kConflict) << where;
        EXPECT_EQ(d.state(), row.state) << where;
        EXPECT_EQ(d.digits(), digits_before) << where;
        continue;
      }
      ASSERT_TRUE(r.ok()) << where << ": " << r.error().message;
      const S to = *row.next[c];
      EXPECT_EQ(d.state(), to) << where;
      const Actions& a = *r;
      // The outcome is recorded exactly when the dialog ends, as the last action.
      EXPECT_EQ(count<RecordOutcome>(a), to == S::kEnded ? 1 : 0) << where;
      if (to == S::kEnded) {
        EXPECT_TRUE(std::holds_alternative<RecordOutcome>(a.back())) << where;
      }
      // A phrase that was playing is stopped unless it finished or goes on.
      const bool leaves_playback = is_playing(row.state) && to != row.state && c != 1;
      EXPECT_EQ(count<StopPlayback>(a), leaves_playback ? 1 : 0) << where;
      // A running timer is stopped unless it fired.
      const bool leaves_timer = is_listening(row.state) && c != 5;
      EXPECT_EQ(count<StopSilenceTimer>(a), leaves_timer ? 1 : 0) << where;
      EXPECT_EQ(count<StartSilenceTimer>(a), is_listening(to) ? 1 : 0) << where;
      // Entering a playing state starts its phrase; nothing else plays.
      EXPECT_EQ(count<PlayPhrase>(a), is_playing(to) && to != row.state ? 1 : 0) << where;
      // We hang up only after the last phrase played to its end.
      EXPECT_EQ(count<HangUp>(a), to == S::kEnded && c == 1 ? 1 : 0) << where;
    }
  }
}

TEST(Dialog, answers_every_event_in_every_state_as_the_matrix_says) {
  std::set<S> covered;
  for (const auto& row : kMatrix) {
    check_row(in_state(row.state), row, to_string(row.state));
    covered.insert(row.state);
  }
  for (const auto& v : verifying_matrix()) {
    Dialog d = verifying();
    run(d, v.path);
    check_row(d, v.row, v.name);
    covered.insert(v.row.state);
  }
  for (int s = 0; s <= static_cast<int>(S::kEnded); ++s)
    EXPECT_TRUE(covered.contains(static_cast<S>(s))) << to_string(static_cast<S>(s));
}

TEST(Dialog, refuses_an_unknown_key_anywhere_and_changes_nothing) {
  for (const auto& [state, path] : paths()) {
    Dialog d = in_state(state);
    for (char k : {'x', 'E', '\0', ' ', 'a'}) {
      const auto r = d.on(Digit{k});
      ASSERT_FALSE(r.ok()) << to_string(state);
      EXPECT_EQ(r.error().code, Errc::kInvalidArgument);
      EXPECT_EQ(d.state(), state);
    }
  }
  for (char k : std::string("0123456789*#ABCD")) {
    Dialog d = in_state(S::kListening1);
    EXPECT_TRUE(d.on(Digit{k}).ok()) << k;
  }
}

TEST(Dialog, key_1_after_the_question_confirms) {
  Dialog d;
  EXPECT_EQ(run(d, {answered(), finished(), finished(), finished(), key('1'), finished()}),
            (Actions{play(1), play(2), play(3), start_timer(), stop_timer(), play(4), hang_up(),
                     record(CallOutcome::kConfirmed, "1")}));
  EXPECT_TRUE(d.ended());
}

TEST(Dialog, key_2_while_the_question_plays_cancels_at_once) {
  Dialog d;
  EXPECT_EQ(run(d, {answered(), finished(), finished(), key('2'), finished()}),
            (Actions{play(1), play(2), play(3), stop_play(), play(5), hang_up(),
                     record(CallOutcome::kCancelled, "2")}));
}

TEST(Dialog, three_silent_asks_end_with_phrase_6_and_no_input) {
  Dialog d(7s);
  EXPECT_EQ(run(d, {answered(), finished(), finished(), finished(), silence(), finished(),
                    silence(), finished(), silence(), finished()}),
            (Actions{play(1), play(2), play(3), start_timer(7s), play(3), start_timer(7s), play(3),
                     start_timer(7s), play(6), hang_up(), record(CallOutcome::kNoInput, "")}));
}

TEST(Dialog, voicemail_hears_the_reminder_and_three_questions_as_silence) {
  Dialog d;
  const Actions a = run(d, {answered(), finished(), finished(), finished(), silence(), finished(),
                            silence(), finished(), silence(), finished()});
  EXPECT_EQ(count<PlayPhrase>(a), 6);  // 1, 2, 3, 3, 3, 6
  EXPECT_EQ(a.back(), record(CallOutcome::kNoInput, ""));
}

TEST(Dialog, wrong_keys_count_as_asks_and_a_later_1_still_confirms) {
  Dialog d;
  EXPECT_EQ(run(d, {answered(), finished(), finished(), finished(), key('5'), key('9'), finished(),
                    key('1'), finished()}),
            (Actions{play(1), play(2), play(3), start_timer(), stop_timer(), play(3), stop_play(),
                     play(3), start_timer(), stop_timer(), play(4), hang_up(),
                     record(CallOutcome::kConfirmed, "591")}));
}

TEST(Dialog, three_wrong_keys_end_with_no_input_and_keep_the_keys) {
  Dialog d;
  const Actions a =
      run(d, {answered(), finished(), finished(), key('3'), key('#'), key('0'), finished()});
  EXPECT_EQ(a, (Actions{play(1), play(2), play(3), stop_play(), play(3), stop_play(), play(3),
                        stop_play(), play(6), hang_up(), record(CallOutcome::kNoInput, "3#0")}));
}

TEST(Dialog, key_1_during_the_greeting_is_the_answer) {
  Dialog d;
  EXPECT_EQ(
      run(d, {answered(), key('1'), finished()}),
      (Actions{play(1), stop_play(), play(4), hang_up(), record(CallOutcome::kConfirmed, "1")}));
}

TEST(Dialog, other_keys_before_the_question_are_kept_but_change_nothing) {
  Dialog d;
  EXPECT_EQ(run(d, {answered(), key('5'), finished(), key('*'), key('2'), finished()}),
            (Actions{play(1), play(2), stop_play(), play(5), hang_up(),
                     record(CallOutcome::kCancelled, "5*2")}));
}

TEST(Dialog, keys_after_the_answer_change_nothing_but_are_kept) {
  Dialog d;
  EXPECT_EQ(
      run(d, {answered(), key('1'), key('2'), finished()}),
      (Actions{play(1), stop_play(), play(4), hang_up(), record(CallOutcome::kConfirmed, "12")}));
}

TEST(Dialog, a_remote_hangup_records_the_decided_outcome_or_no_input) {
  struct Row {
    S state;
    Actions expected;
  } rows[] = {
      {S::kGreeting, {stop_play(), record(CallOutcome::kNoInput, "")}},
      {S::kReminder, {stop_play(), record(CallOutcome::kNoInput, "")}},
      {S::kAsking2, {stop_play(), record(CallOutcome::kNoInput, "")}},
      {S::kListening1, {stop_timer(), record(CallOutcome::kNoInput, "")}},
      {S::kListening3, {stop_timer(), record(CallOutcome::kNoInput, "")}},
      {S::kNotRecognised, {stop_play(), record(CallOutcome::kNoInput, "")}},
      {S::kConfirming, {stop_play(), record(CallOutcome::kConfirmed, "1")}},
      {S::kCancelling, {stop_play(), record(CallOutcome::kCancelled, "2")}},
  };
  for (const auto& r : rows) {
    Dialog d = in_state(r.state);
    const auto got = d.on(hangup());
    ASSERT_TRUE(got.ok()) << to_string(r.state);
    EXPECT_EQ(*got, r.expected) << to_string(r.state);
    EXPECT_TRUE(d.ended());
  }
}

TEST(Dialog, nothing_applies_before_the_answer_or_after_the_end) {
  Dialog d;
  EXPECT_FALSE(d.on(key('1')).ok());
  EXPECT_FALSE(d.on(hangup()).ok());
  EXPECT_EQ(d.state(), S::kWaitingAnswer);
  EXPECT_EQ(d.digits(), "");
  run(d, {answered(), key('2'), finished()});
  ASSERT_TRUE(d.ended());
  for (int c = 0; c < kColumns; ++c) EXPECT_FALSE(d.on(column_event(c)).ok());
  EXPECT_EQ(d.digits(), "2");
}

TEST(Dialog, names_every_state) {
  for (const auto& row : kMatrix) EXPECT_FALSE(to_string(row.state).empty());
  EXPECT_EQ(to_string(S::kListening2), "listening_2");
}

}  // namespace
}  // namespace robocall::dialog
