#include "dialog/dialog.h"

#include <array>
#include <optional>
#include <string>

namespace robocall::dialog {
namespace {

using domain::CallOutcome;
using S = DialogState;

// What the table matches on: the event, with keys sorted into the classes
// the script distinguishes. While the year is asked for, a key is one of the
// year (kYearKey until the fourth, which is right or wrong), and silence
// after some of its keys is a wrong answer (kYearCutShort).
enum class Input {
  kAnswered,
  kAnsweredToVerify,  // answered, and the verification step is on
  kPhraseFinished,
  kKey1,
  kKey2,
  kOtherKey,
  kSilence,
  kHangup,
  kYearKey,
  kYearRight,
  kYearWrong,
  kYearCutShort,
};

// One action of a row; parameters (the timeout, the digits) are filled in
// from the dialog.
enum class Step {
  kPlay1,
  kPlay2,
  kPlay3,
  kPlay4,
  kPlay5,
  kPlay6,
  kPlay7,
  kPlay8,
  kStopPlayback,
  kStartTimer,
  kStopTimer,
  kHangUp,
  kRecordConfirmed,
  kRecordCancelled,
  kRecordNoInput,
  kRecordNotVerified,
};

struct Row {
  S from;
  Input input;
  S to;
  std::array<std::optional<Step>, 2> steps;
};

constexpr auto Play1 = Step::kPlay1, Play2 = Step::kPlay2, Play3 = Step::kPlay3,
               Play4 = Step::kPlay4, Play5 = Step::kPlay5, Play6 = Step::kPlay6,
               Play7 = Step::kPlay7, Play8 = Step::kPlay8, StopPlay = Step::kStopPlayback,
               StartTimer = Step::kStartTimer, StopTimer = Step::kStopTimer, Hang = Step::kHangUp,
               Confirmed = Step::kRecordConfirmed, Cancelled = Step::kRecordCancelled,
               NoInput = Step::kRecordNoInput, NotVerified = Step::kRecordNotVerified;
constexpr std::optional<Step> None = std::nullopt;
using I = Input;

// The whole script. A (state, input) pair missing here is illegal.
constexpr Row kTable[] = {
    {S::kWaitingAnswer, I::kAnswered, S::kGreeting, {Play1, None}},

    {S::kGreeting, I::kPhraseFinished, S::kReminder, {Play2, None}},
    {S::kGreeting, I::kKey1, S::kConfirming, {StopPlay, Play4}},
    {S::kGreeting, I::kKey2, S::kCancelling, {StopPlay, Play5}},
    {S::kGreeting, I::kOtherKey, S::kGreeting, {None, None}},
    {S::kGreeting, I::kHangup, S::kEnded, {StopPlay, NoInput}},

    {S::kReminder, I::kPhraseFinished, S::kAsking1, {Play3, None}},
    {S::kReminder, I::kKey1, S::kConfirming, {StopPlay, Play4}},
    {S::kReminder, I::kKey2, S::kCancelling, {StopPlay, Play5}},
    {S::kReminder, I::kOtherKey, S::kReminder, {None, None}},
    {S::kReminder, I::kHangup, S::kEnded, {StopPlay, NoInput}},

    {S::kAsking1, I::kPhraseFinished, S::kListening1, {StartTimer, None}},
    {S::kAsking1, I::kKey1, S::kConfirming, {StopPlay, Play4}},
    {S::kAsking1, I::kKey2, S::kCancelling, {StopPlay, Play5}},
    {S::kAsking1, I::kOtherKey, S::kAsking2, {StopPlay, Play3}},
    {S::kAsking1, I::kHangup, S::kEnded, {StopPlay, NoInput}},

    {S::kAsking2, I::kPhraseFinished, S::kListening2, {StartTimer, None}},
    {S::kAsking2, I::kKey1, S::kConfirming, {StopPlay, Play4}},
    {S::kAsking2, I::kKey2, S::kCancelling, {StopPlay, Play5}},
    {S::kAsking2, I::kOtherKey, S::kAsking3, {StopPlay, Play3}},
    {S::kAsking2, I::kHangup, S::kEnded, {StopPlay, NoInput}},

    {S::kAsking3, I::kPhraseFinished, S::kListening3, {StartTimer, None}},
    {S::kAsking3, I::kKey1, S::kConfirming, {StopPlay, Play4}},
    {S::kAsking3, I::kKey2, S::kCancelling, {StopPlay, Play5}},
    {S::kAsking3, I::kOtherKey, S::kNotRecognised, {StopPlay, Play6}},
    {S::kAsking3, I::kHangup, S::kEnded, {StopPlay, NoInput}},

    {S::kListening1, I::kKey1, S::kConfirming, {StopTimer, Play4}},
    {S::kListening1, I::kKey2, S::kCancelling, {StopTimer, Play5}},
    {S::kListening1, I::kOtherKey, S::kAsking2, {StopTimer, Play3}},
    {S::kListening1, I::kSilence, S::kAsking2, {Play3, None}},
    {S::kListening1, I::kHangup, S::kEnded, {StopTimer, NoInput}},

    {S::kListening2, I::kKey1, S::kConfirming, {StopTimer, Play4}},
    {S::kListening2, I::kKey2, S::kCancelling, {StopTimer, Play5}},
    {S::kListening2, I::kOtherKey, S::kAsking3, {StopTimer, Play3}},
    {S::kListening2, I::kSilence, S::kAsking3, {Play3, None}},
    {S::kListening2, I::kHangup, S::kEnded, {StopTimer, NoInput}},

    {S::kListening3, I::kKey1, S::kConfirming, {StopTimer, Play4}},
    {S::kListening3, I::kKey2, S::kCancelling, {StopTimer, Play5}},
    {S::kListening3, I::kOtherKey, S::kNotRecognised, {StopTimer, Play6}},
    {S::kListening3, I::kSilence, S::kNotRecognised, {Play6, None}},
    {S::kListening3, I::kHangup, S::kEnded, {StopTimer, NoInput}},

    {S::kConfirming, I::kPhraseFinished, S::kEnded, {Hang, Confirmed}},
    {S::kConfirming, I::kKey1, S::kConfirming, {None, None}},
    {S::kConfirming, I::kKey2, S::kConfirming, {None, None}},
    {S::kConfirming, I::kOtherKey, S::kConfirming, {None, None}},
    {S::kConfirming, I::kHangup, S::kEnded, {StopPlay, Confirmed}},

    {S::kCancelling, I::kPhraseFinished, S::kEnded, {Hang, Cancelled}},
    {S::kCancelling, I::kKey1, S::kCancelling, {None, None}},
    {S::kCancelling, I::kKey2, S::kCancelling, {None, None}},
    {S::kCancelling, I::kOtherKey, S::kCancelling, {None, None}},
    {S::kCancelling, I::kHangup, S::kEnded, {StopPlay, Cancelled}},

    {S::kNotRecognised, I::kPhraseFinished, S::kEnded, {Hang, NoInput}},
    {S::kNotRecognised, I::kKey1, S::kNotRecognised, {None, None}},
    {S::kNotRecognised, I::kKey2, S::kNotRecognised, {None, None}},
    {S::kNotRecognised, I::kOtherKey, S::kNotRecognised, {None, None}},
    {S::kNotRecognised, I::kHangup, S::kEnded, {StopPlay, NoInput}},

    // The verification step.
    {S::kWaitingAnswer, I::kAnsweredToVerify, S::kGreetingToVerify, {Play1, None}},

    {S::kGreetingToVerify, I::kPhraseFinished, S::kYearAsking1, {Play7, None}},
    {S::kGreetingToVerify, I::kKey1, S::kGreetingToVerify, {None, None}},
    {S::kGreetingToVerify, I::kKey2, S::kGreetingToVerify, {None, None}},
    {S::kGreetingToVerify, I::kOtherKey, S::kGreetingToVerify, {None, None}},
    {S::kGreetingToVerify, I::kHangup, S::kEnded, {StopPlay, NoInput}},

    {S::kYearAsking1, I::kPhraseFinished, S::kYearListening1, {StartTimer, None}},
    {S::kYearAsking1, I::kYearKey, S::kYearListening1, {StopPlay, StartTimer}},
    {S::kYearAsking1, I::kHangup, S::kEnded, {StopPlay, NoInput}},

    {S::kYearAsking2, I::kPhraseFinished, S::kYearListening2, {StartTimer, None}},
    {S::kYearAsking2, I::kYearKey, S::kYearListening2, {StopPlay, StartTimer}},
    {S::kYearAsking2, I::kHangup, S::kEnded, {StopPlay, NoInput}},

    {S::kYearAsking2Wrong, I::kPhraseFinished, S::kYearListening2Wrong, {StartTimer, None}},
    {S::kYearAsking2Wrong, I::kYearKey, S::kYearListening2Wrong, {StopPlay, StartTimer}},
    {S::kYearAsking2Wrong, I::kHangup, S::kEnded, {StopPlay, NoInput}},

    {S::kYearAsking3, I::kPhraseFinished, S::kYearListening3, {StartTimer, None}},
    {S::kYearAsking3, I::kYearKey, S::kYearListening3, {StopPlay, StartTimer}},
    {S::kYearAsking3, I::kHangup, S::kEnded, {StopPlay, NoInput}},

    {S::kYearListening1, I::kYearKey, S::kYearListening1, {StopTimer, StartTimer}},
    {S::kYearListening1, I::kYearRight, S::kReminder, {StopTimer, Play2}},
    {S::kYearListening1, I::kYearWrong, S::kYearAsking2Wrong, {StopTimer, Play7}},
    {S::kYearListening1, I::kYearCutShort, S::kYearAsking2Wrong, {Play7, None}},
    {S::kYearListening1, I::kSilence, S::kYearAsking2, {Play7, None}},
    {S::kYearListening1, I::kHangup, S::kEnded, {StopTimer, NoInput}},

    {S::kYearListening2, I::kYearKey, S::kYearListening2, {StopTimer, StartTimer}},
    {S::kYearListening2, I::kYearRight, S::kReminder, {StopTimer, Play2}},
    {S::kYearListening2, I::kYearWrong, S::kYearAsking3, {StopTimer, Play7}},
    {S::kYearListening2, I::kYearCutShort, S::kYearAsking3, {Play7, None}},
    {S::kYearListening2, I::kSilence, S::kYearAsking3, {Play7, None}},
    {S::kYearListening2, I::kHangup, S::kEnded, {StopTimer, NoInput}},

    {S::kYearListening2Wrong, I::kYearKey, S::kYearListening2Wrong, {StopTimer, StartTimer}},
    {S::kYearListening2Wrong, I::kYearRight, S::kReminder, {StopTimer, Play2}},
    {S::kYearListening2Wrong, I::kYearWrong, S::kNotVerified, {StopTimer, Play8}},
    {S::kYearListening2Wrong, I::kYearCutShort, S::kNotVerified, {Play8, None}},
    {S::kYearListening2Wrong, I::kSilence, S::kYearAsking3, {Play7, None}},
    {S::kYearListening2Wrong, I::kHangup, S::kEnded, {StopTimer, NoInput}},

    {S::kYearListening3, I::kYearKey, S::kYearListening3, {StopTimer, StartTimer}},
    {S::kYearListening3, I::kYearRight, S::kReminder, {StopTimer, Play2}},
    {S::kYearListening3, I::kYearWrong, S::kNotVerified, {StopTimer, Play8}},
    {S::kYearListening3, I::kYearCutShort, S::kNotVerified, {Play8, None}},
    {S::kYearListening3, I::kSilence, S::kNotRecognised, {Play6, None}},
    {S::kYearListening3, I::kHangup, S::kEnded, {StopTimer, NoInput}},

    {S::kNotVerified, I::kPhraseFinished, S::kEnded, {Hang, NotVerified}},
    {S::kNotVerified, I::kKey1, S::kNotVerified, {None, None}},
    {S::kNotVerified, I::kKey2, S::kNotVerified, {None, None}},
    {S::kNotVerified, I::kOtherKey, S::kNotVerified, {None, None}},
    {S::kNotVerified, I::kHangup, S::kEnded, {StopPlay, NotVerified}},
};

bool is_year_state(S s) {
  switch (s) {
    case S::kYearAsking1:
    case S::kYearAsking2:
    case S::kYearAsking2Wrong:
    case S::kYearAsking3:
    case S::kYearListening1:
    case S::kYearListening2:
    case S::kYearListening2Wrong:
    case S::kYearListening3:
      return true;
    default:
      return false;
  }
}

bool valid_key(char k) {
  return (k >= '0' && k <= '9') || k == '*' || k == '#' || (k >= 'A' && k <= 'D');
}

// Sorts an event into its input in the dialog's state; `entry` holds the
// year's keys entered at this ask, `year` the digits to check.
struct Classify {
  S state;
  const std::string& year;
  const std::string& entry;

  Input operator()(const Answered&) const {
    return year.empty() ? I::kAnswered : I::kAnsweredToVerify;
  }
  Input operator()(const PhraseFinished&) const { return I::kPhraseFinished; }
  Input operator()(const Digit& d) const {
    if (is_year_state(state)) {
      if (entry.size() + 1 < Dialog::kYearKeys) return I::kYearKey;
      return entry + d.key == year ? I::kYearRight : I::kYearWrong;
    }
    return d.key == '1' ? I::kKey1 : d.key == '2' ? I::kKey2 : I::kOtherKey;
  }
  Input operator()(const SilenceTimeout&) const {
    return is_year_state(state) && !entry.empty() ? I::kYearCutShort : I::kSilence;
  }
  Input operator()(const RemoteHangup&) const { return I::kHangup; }
};

std::string_view input_name(const Event& e) {
  constexpr std::array<std::string_view, 5> kNames = {"answered", "phrase_finished", "digit",
                                                      "silence_timeout", "remote_hangup"};
  return kNames[e.index()];
}

Action make_action(Step step, std::chrono::milliseconds timeout, const std::string& digits) {
  switch (step) {
    case Step::kPlay1:
      return PlayPhrase{domain::kGreetingPhrase};
    case Step::kPlay2:
      return PlayPhrase{domain::kReminderPhrase};
    case Step::kPlay3:
      return PlayPhrase{domain::kQuestionPhrase};
    case Step::kPlay4:
      return PlayPhrase{domain::kConfirmedPhrase};
    case Step::kPlay5:
      return PlayPhrase{domain::kCancelledPhrase};
    case Step::kPlay6:
      return PlayPhrase{domain::kNotRecognisedPhrase};
    case Step::kPlay7:
      return PlayPhrase{domain::kVerifyPhrase};
    case Step::kPlay8:
      return PlayPhrase{domain::kNotVerifiedPhrase};
    case Step::kStopPlayback:
      return StopPlayback{};
    case Step::kStartTimer:
      return StartSilenceTimer{timeout};
    case Step::kStopTimer:
      return StopSilenceTimer{};
    case Step::kHangUp:
      return HangUp{};
    case Step::kRecordConfirmed:
      return RecordOutcome{CallOutcome::kConfirmed, digits};
    case Step::kRecordCancelled:
      return RecordOutcome{CallOutcome::kCancelled, digits};
    case Step::kRecordNoInput:
      return RecordOutcome{CallOutcome::kNoInput, digits};
    case Step::kRecordNotVerified:
      return RecordOutcome{CallOutcome::kNotVerified, digits};
  }
  return HangUp{};
}

}  // namespace

std::string_view to_string(DialogState state) {
  switch (state) {
    case S::kWaitingAnswer:
      return "waiting_answer";
    case S::kGreeting:
      return "greeting";
    case S::kReminder:
      return "reminder";
    case S::kAsking1:
      return "asking_1";
    case S::kAsking2:
      return "asking_2";
    case S::kAsking3:
      return "asking_3";
    case S::kListening1:
      return "listening_1";
    case S::kListening2:
      return "listening_2";
    case S::kListening3:
      return "listening_3";
    case S::kConfirming:
      return "confirming";
    case S::kCancelling:
      return "cancelling";
    case S::kNotRecognised:
      return "not_recognised";
    case S::kGreetingToVerify:
      return "greeting_to_verify";
    case S::kYearAsking1:
      return "year_asking_1";
    case S::kYearAsking2:
      return "year_asking_2";
    case S::kYearAsking2Wrong:
      return "year_asking_2_wrong";
    case S::kYearAsking3:
      return "year_asking_3";
    case S::kYearListening1:
      return "year_listening_1";
    case S::kYearListening2:
      return "year_listening_2";
    case S::kYearListening2Wrong:
      return "year_listening_2_wrong";
    case S::kYearListening3:
      return "year_listening_3";
    case S::kNotVerified:
      return "not_verified";
    case S::kEnded:
      return "ended";
  }
  return "ended";
}

Dialog::Dialog(std::chrono::milliseconds silence_timeout,
               std::optional<std::chrono::year> verify_year)
    : silence_timeout_(silence_timeout) {
  if (!verify_year) return;
  const int y = static_cast<int>(*verify_year);
  if (y < 0 || y > 9999) {
    year_ = std::string(kYearKeys, '?');  // no key sequence matches: never verified
    return;
  }
  year_ = std::to_string(y);
  year_.insert(0, kYearKeys - year_.size(), '0');
}

Result<std::vector<Action>> Dialog::on(const Event& event) {
  if (const auto* d = std::get_if<Digit>(&event); d && !valid_key(d->key))
    return Error::invalid("dialog: unknown DTMF key code " + std::to_string(int(d->key)));
  const Input input = std::visit(Classify{state_, year_, entry_}, event);
  for (const Row& row : kTable) {
    if (row.from != state_ || row.input != input) continue;
    if (std::holds_alternative<Digit>(event)) digits_.push_back(std::get<Digit>(event).key);
    if (input == I::kYearKey)
      entry_.push_back(std::get<Digit>(event).key);
    else
      entry_.clear();
    state_ = row.to;
    std::vector<Action> actions;
    for (const auto& step : row.steps)
      if (step) actions.push_back(make_action(*step, silence_timeout_, digits_));
    return actions;
  }
  return Error::conflict("dialog: event " + std::string(input_name(event)) +
                         " does not apply in state " + std::string(to_string(state_)));
}

}  // namespace robocall::dialog
