#include "sip/key_dedup.h"

namespace robocall::sip {

bool KeyDedup::accept(char key, KeySource source, Clock::time_point now) {
  while (!recent_.empty() && now - recent_.front().at > kKeyEchoWindow) recent_.pop_front();
  const unsigned bit = 1u << static_cast<unsigned>(source);
  for (Counted& c : recent_) {
    if (c.key == key && c.source != source && (c.matched & bit) == 0) {
      c.matched |= bit;
      return false;
    }
  }
  recent_.push_back({key, source, now, 0});
  return true;
}

}  // namespace robocall::sip
