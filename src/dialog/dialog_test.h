// Builders of the dialog tests: events, actions and a runner that feeds
// events and collects the actions. Test code only.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "dialog/dialog.h"

namespace robocall::dialog::test {

using domain::CallOutcome;

inline Event answered() {
  return Answered{};
}
inline Event finished() {
  return PhraseFinished{};
}
inline Event key(char k) {
  return Digit{k};
}
inline Event silence() {
  return SilenceTimeout{};
}
inline Event hangup() {
  return RemoteHangup{};
}

inline Action play(int n) {
  return PlayPhrase{n};
}
inline Action stop_play() {
  return StopPlayback{};
}
inline Action start_timer(std::chrono::milliseconds d = Dialog::kDefaultSilenceTimeout) {
  return StartSilenceTimer{d};
}
inline Action stop_timer() {
  return StopSilenceTimer{};
}
inline Action hang_up() {
  return HangUp{};
}
inline Action record(CallOutcome o, std::string digits) {
  return RecordOutcome{o, std::move(digits)};
}

// One key event a character.
inline std::vector<Event> keys(std::string_view ks) {
  std::vector<Event> out;
  for (char k : ks) out.push_back(key(k));
  return out;
}
inline std::vector<Event> operator+(std::vector<Event> a, const std::vector<Event>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

using Actions = std::vector<Action>;

// Feeds events, asserting each is legal; returns all actions in order.
inline Actions run(Dialog& d, const std::vector<Event>& events) {
  Actions all;
  for (const auto& e : events) {
    auto r = d.on(e);
    EXPECT_TRUE(r.ok()) << r.error().message;
    if (!r.ok()) return all;
    all.insert(all.end(), r->begin(), r->end());
  }
  return all;
}

template <class T>
inline int count(const Actions& actions) {
  int n = 0;
  for (const auto& a : actions) n += std::holds_alternative<T>(a);
  return n;
}

}  // namespace robocall::dialog::test
