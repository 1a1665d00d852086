// KeyDedup: one key press counted once, whichever way it comes (docs/BEHAVIOUR.md
// "Keys, hold and session refresh"). A phone may send the same press as an
// RFC 4733 telephone-event, as a SIP INFO and as a tone in the audio; each
// source already reports a press once, so a key is dropped only when the same
// key came from another source within kKeyEchoWindow and that earlier key has
// not yet been matched by this source. Pure; one instance per call.
#pragma once

#include <chrono>
#include <deque>

namespace robocall::sip {

enum class KeySource { kTelephoneEvent, kSipInfo, kInband };

inline constexpr std::chrono::milliseconds kKeyEchoWindow{1000};

class KeyDedup {
 public:
  using Clock = std::chrono::steady_clock;

  // True when this key is a new press to report; false when it repeats a
  // press already reported through another source.
  bool accept(char key, KeySource source, Clock::time_point now);

 private:
  struct Counted {
    char key;
    KeySource source;
    Clock::time_point at;
    unsigned matched;  // bit per KeySource that has already repeated it
  };
  std::deque<Counted> recent_;
};

}  // namespace robocall::sip
