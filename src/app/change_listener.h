// serve on PostgreSQL: what another node saved reaches this node's dialer
// within a second (docs/BEHAVIOUR.md "Several nodes: changes and sessions").
// A store::ChangeFeed whose callbacks do here what a local save does: the
// settings and the SIP accounts reload, dialing switches on or off as stored.
// The dialer's reload each minute stays as the safety net.
// THREADS: start/stop on serve's main thread; the callbacks run on the
// feed's thread, with a connection of their own.
#pragma once

#include <memory>
#include <string>

#include "common/result.h"
#include "dialer/control.h"
#include "store/change_feed.h"

namespace robocall::app {

// Null (nothing to listen for) on SQLite or without a dialer.
Result<std::unique_ptr<store::ChangeFeed>> listen_for_changes(const std::string& location,
                                                              dialer::DialerControl* dialer);

}  // namespace robocall::app
