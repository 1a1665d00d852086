#include "dialog/dialog.h"

#include <array>
#include <optional>
#include <string>

namespace robocall::dialog {
namespace {

using domain::CallOutcome;
using S = DialogState;

// What the table matches on: the event, with keys sorted into the three
// classes the script distinguishes.
enum class Input { kAnswered, kPhraseFinished, kKey1, kKey2, kOtherKey, kSilence, kHangup };

// One action of a row; parameters (the timeout, the digits) are filled in
// from the dialog.
enum class Step {
  kPlay1,
  kPlay2,
  kPlay3,
  kPlay4,
  kPlay5,
  kPlay6,
  kStopPlayback,
  kStartTimer,
  kStopTimer,
  kHangUp,
  kRecordConfirmed,
  kRecordCancelled,
  kRecordNoInput,
};

struct Row {
  S from;
  Input input;
  S to;
  std::array<std::optional<Step>, 2> steps;
};

constexpr auto Play1 = Step::kPlay1, Play2 = Step::kPlay2, Play3 = Step::kPlay3,
               Play4 = Step::kPlay4, Play5 = Step::kPlay5, Play6 = Step::kPlay6,
               StopPlay = Step::kStopPlayback, StartTimer = Step::kStartTimer,
               StopTimer = Step::kStopTimer, Hang = Step::kHangUp,
               Confirmed = Step::kRecordConfirmed, Cancelled = Step::kRecordCancelled,
               NoInput = Step::kRecordNoInput;
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
};

bool valid_key(char k) {
  return (k >= '0' && k <= '9') || k == '*' || k == '#' || (k >= 'A' && k <= 'D');
}

struct Classify {
  Input operator()(const Answered&) const { return I::kAnswered; }
  Input operator()(const PhraseFinished&) const { return I::kPhraseFinished; }
  Input operator()(const Digit& d) const {
    return d.key == '1' ? I::kKey1 : d.key == '2' ? I::kKey2 : I::kOtherKey;
  }
  Input operator()(const SilenceTimeout&) const { return I::kSilence; }
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
    case S::kEnded:
      return "ended";
  }
  return "ended";
}

Dialog::Dialog(std::chrono::milliseconds silence_timeout) : silence_timeout_(silence_timeout) {}

Result<std::vector<Action>> Dialog::on(const Event& event) {
  if (const auto* d = std::get_if<Digit>(&event); d && !valid_key(d->key))
    return Error::invalid("dialog: unknown DTMF key code " + std::to_string(int(d->key)));
  const Input input = std::visit(Classify{}, event);
  for (const Row& row : kTable) {
    if (row.from != state_ || row.input != input) continue;
    if (std::holds_alternative<Digit>(event)) digits_.push_back(std::get<Digit>(event).key);
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
