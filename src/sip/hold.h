// Hold and resume (docs/BEHAVIOUR.md "Keys, hold and session refresh"): what
// the direction of the peer's SDP offer in a re-INVITE or UPDATE means for
// our audio, and the direction we answer with. Pure.
#pragma once

namespace robocall::sip {

// A media direction as the side that writes it means it (RFC 3264 6.1).
enum class MediaDirection { kSendRecv, kSendOnly, kRecvOnly, kInactive };

struct HoldDecision {
  bool play = true;  // send our audio; false: pause the phrase where it is
  MediaDirection answer = MediaDirection::kSendRecv;
};

// offered: the direction in the peer's offer; null_address: its c= is
// 0.0.0.0 (the old way to hold, RFC 2543).
HoldDecision decide_hold(MediaDirection offered, bool null_address);

}  // namespace robocall::sip
