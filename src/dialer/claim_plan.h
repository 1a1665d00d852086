// How many due tasks the dialer claims at once: enough to fill the free
// lines, but no more than the pacer can start within the lookahead, so a
// claimed task never waits long between its claim and its call (the store
// hands them out oldest appointment first; the dialer keeps that order).
// Pure function: any thread.
#pragma once

namespace robocall::dialer {

struct ClaimInput {
  int max_calls = 1;       // line limit of the account
  int active = 0;          // calls in progress
  int queued = 0;          // claimed, being rendered or waiting for the pacer
  double rate = 1;         // call starts per second the pacer allows now
  double lookahead_s = 2;  // how far ahead of the pacer claims may run
};

// 0 when nothing should be claimed now.
int claim_size(const ClaimInput& in);

}  // namespace robocall::dialer
