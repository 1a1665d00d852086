// Dialog: the call script (docs/BEHAVIOUR.md "Call script") as a sans-I/O state
// machine. The SIP/media adapter feeds it events and performs the actions it
// returns; an event that does not apply in the current state is an error and
// changes nothing. Not thread-safe: one call, one thread (the loop thread).
//
// Script: answered → phrase 1 (greeting) → phrase 2 (reminder) → phrase 3
// (question), then the silence timer. Key 1 → phrase 4, hang up, confirmed;
// key 2 → phrase 5, hang up, cancelled. Another key or silence → phrase 3
// again, three asks in all; after the third, phrase 6, hang up, no_input.
// Barge-in: a key during any phrase counts at once (playback stops). Keys 1
// and 2 during the greeting or the reminder are the answer; other keys there
// are kept in the digits but change nothing (the question was not asked
// yet). Keys after the answer (during phrase 4, 5 or 6) change nothing.
// Voicemail is silence. A remote hangup ends the dialog with the decided
// outcome, or no_input when nothing was decided.
//
// The verification step, when the dialog is given a birth year: after the
// greeting, phrase 7 asks for the year; four keys (any keys) are compared
// with it. A match goes on to the reminder. A mismatch asks again; a second
// one plays phrase 8, hangs up, not_verified. Silence asks again like the
// question, three asks in all, then phrase 6 and no_input. A partial entry
// (one to three keys, then the silence timer) is a wrong answer; each key
// restarts the timer. On the third ask a wrong answer ends with phrase 8
// (no ask is left). Barge-in: the first key of the year stops phrase 7. Keys
// during the greeting change nothing (nothing was asked yet).
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "common/result.h"
#include "domain/outcome.h"
#include "domain/phrases.h"

namespace robocall::dialog {

inline constexpr int kMaxAsks = 3;

// Events, from the adapter.
struct Answered {};
struct PhraseFinished {};  // the phrase last started has played to its end
struct Digit {
  char key;  // '0'-'9', '*', '#', 'A'-'D'
};
struct SilenceTimeout {};  // the timer of the last StartSilenceTimer fired
struct RemoteHangup {};
using Event = std::variant<Answered, PhraseFinished, Digit, SilenceTimeout, RemoteHangup>;

// Actions, for the adapter, to perform in order.
struct PlayPhrase {
  int phrase;  // 1..domain::kPhraseCount (domain/phrases.h)
  bool operator==(const PlayPhrase&) const = default;
};
struct StopPlayback {
  bool operator==(const StopPlayback&) const = default;
};
struct StartSilenceTimer {
  std::chrono::milliseconds after;
  bool operator==(const StartSilenceTimer&) const = default;
};
struct StopSilenceTimer {
  bool operator==(const StopSilenceTimer&) const = default;
};
struct HangUp {
  bool operator==(const HangUp&) const = default;
};
struct RecordOutcome {  // always the last action of a dialog
  domain::CallOutcome outcome;
  std::string digits;  // every key pressed, in order
  bool operator==(const RecordOutcome&) const = default;
};
using Action = std::variant<PlayPhrase, StopPlayback, StartSilenceTimer, StopSilenceTimer, HangUp,
                            RecordOutcome>;

enum class DialogState {
  kWaitingAnswer,
  kGreeting,  // phrase 1 playing
  kReminder,  // phrase 2 playing
  kAsking1,   // phrase 3 playing, first ask
  kAsking2,
  kAsking3,
  kListening1,  // phrase 3 played, silence timer running, first ask
  kListening2,
  kListening3,
  kConfirming,     // phrase 4 playing
  kCancelling,     // phrase 5 playing
  kNotRecognised,  // phrase 6 playing
  // The verification step (only with a birth year to check).
  kGreetingToVerify,  // phrase 1 playing, phrase 7 next
  kYearAsking1,       // phrase 7 playing, first ask
  kYearAsking2,       // second ask after silence
  kYearAsking2Wrong,  // second ask after a wrong year
  kYearAsking3,       // third ask: a wrong year or silence ends the call
  kYearListening1,    // phrase 7 played or cut short, the year's keys being entered
  kYearListening2,
  kYearListening2Wrong,
  kYearListening3,
  kNotVerified,  // phrase 8 playing
  kEnded,
};
std::string_view to_string(DialogState state);

class Dialog {
 public:
  static constexpr std::chrono::milliseconds kDefaultSilenceTimeout{5000};

  static constexpr std::size_t kYearKeys = 4;

  // With `verify_year`, the verification step runs (its four digits).
  explicit Dialog(std::chrono::milliseconds silence_timeout = kDefaultSilenceTimeout,
                  std::optional<std::chrono::year> verify_year = std::nullopt);

  // The actions `event` calls for, in order; kConflict when it does not
  // apply in this state, kInvalidArgument for an unknown key — both leave
  // the dialog unchanged.
  Result<std::vector<Action>> on(const Event& event);

  DialogState state() const { return state_; }
  bool ended() const { return state_ == DialogState::kEnded; }
  const std::string& digits() const { return digits_; }

 private:
  std::chrono::milliseconds silence_timeout_;
  std::string year_;  // the four digits to check; empty: no verification step
  DialogState state_ = DialogState::kWaitingAnswer;
  std::string digits_;
  std::string entry_;  // the keys of the year entered at this ask
};

}  // namespace robocall::dialog
