// The local IP address this host uses to reach a SIP server: what goes into
// Via, Contact and the SDP when no bind address is configured. Blocking (it
// may resolve a host name): call it before the engine starts, never on the
// loop thread. Any other thread.
#pragma once

#include <string>
#include <string_view>

#include "common/result.h"

namespace robocall::sip {

// `server` is "host" or "host:port" as in Account::server (IPv4 literals and
// names; "[v6]:port" too). Returns the numeric source address the kernel's
// routing table picks for it (no packet is sent).
Result<std::string> local_address_towards(std::string_view server);

}  // namespace robocall::sip
