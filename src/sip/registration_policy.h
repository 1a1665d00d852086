// When an account's REGISTER is sent again (docs/BEHAVIOUR.md "Trunk
// problems"): the refresh before the granted expiry runs out, and the
// back-off after a failure. Pure, jitter-free; any thread.
#pragma once

#include <chrono>

namespace robocall::sip {

// Seconds after a 200 OK granting `granted_expiry_s` at which the binding is
// refreshed: at 90 % of it, or 30 s before it ends when that is earlier, and
// never before half of it (a short expiry still leaves the REGISTER time to
// finish).
std::chrono::seconds refresh_after(int granted_expiry_s);

// The wait before the next REGISTER after `failures` consecutive failures
// (1 for the first): 30 s, 60 s, 120 s … doubling, at most 10 minutes.
std::chrono::seconds retry_after(int failures);

}  // namespace robocall::sip
