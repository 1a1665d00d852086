#include "sip/hold.h"

namespace robocall::sip {

HoldDecision decide_hold(MediaDirection offered, bool null_address) {
  // Whether the peer still sends to us decides what we may answer; whether it
  // receives decides whether we play.
  const bool peer_sends =
      offered == MediaDirection::kSendRecv || offered == MediaDirection::kSendOnly;
  const bool peer_receives = !null_address && (offered == MediaDirection::kSendRecv ||
                                               offered == MediaDirection::kRecvOnly);
  if (!peer_receives && !peer_sends) return {false, MediaDirection::kInactive};
  if (!peer_receives) return {false, MediaDirection::kRecvOnly};
  if (!peer_sends) return {true, MediaDirection::kSendOnly};
  return {true, MediaDirection::kSendRecv};
}

}  // namespace robocall::sip
