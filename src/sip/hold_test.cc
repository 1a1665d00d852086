#include "sip/hold.h"

#include <gtest/gtest.h>

namespace robocall::sip {
namespace {

using D = MediaDirection;

TEST(Hold, a_held_call_pauses_the_phrase_and_answers_the_mirrored_direction) {
  struct Row {
    D offered;
    bool null_address;
    bool play;
    D answer;
  };
  const Row rows[] = {
      {D::kSendRecv, false, true, D::kSendRecv},   // resumed, or never held
      {D::kRecvOnly, false, true, D::kSendOnly},   // the peer listens only: we still talk
      {D::kSendOnly, false, false, D::kRecvOnly},  // hold: music on hold comes to us
      {D::kInactive, false, false, D::kInactive},  // hold without music
      {D::kSendRecv, true, false, D::kRecvOnly},   // c=0.0.0.0
      {D::kSendOnly, true, false, D::kRecvOnly},  {D::kRecvOnly, true, false, D::kInactive},
      {D::kInactive, true, false, D::kInactive},
  };
  for (const auto& r : rows) {
    const HoldDecision d = decide_hold(r.offered, r.null_address);
    EXPECT_EQ(d.play, r.play) << static_cast<int>(r.offered) << " " << r.null_address;
    EXPECT_EQ(d.answer, r.answer) << static_cast<int>(r.offered) << " " << r.null_address;
  }
}

}  // namespace
}  // namespace robocall::sip
