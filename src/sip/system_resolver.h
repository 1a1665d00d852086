// The system resolver as the fallback of the engine's DNS client (docs/
// BEHAVIOUR.md "Keys, hold and session refresh"): a trunk whose name only
// /etc/hosts or the system's resolver knows. The decisions are pure; the
// lookup itself (getaddrinfo) blocks and runs off the loop thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace robocall::sip {

// The host of "host[:port]" when it is a name (not a numeric address), with
// the port (0: none given).
struct NamedHost {
  std::string host;
  std::uint16_t port = 0;
};
std::optional<NamedHost> named_host(std::string_view server);

// True when a call that ended with `err` before any SIP response should be
// tried again through the system resolver: the DNS lookup found nothing
// (libre reports no destination, no data or a timeout) and the trunk is a name.
bool falls_back_to_system_resolver(int err, bool got_response, std::string_view server);

// The route of the retried INVITE to the address found, as libre's route set
// takes it (it adds the brackets and ;lr): sip:ip:port[;transport=tcp].
std::string route_to(const std::string& ip, std::uint16_t port, bool tcp);

// getaddrinfo: the first address of host, IPv4 first; nullopt when unknown.
// Blocks: never on the loop thread.
std::optional<std::string> resolve_with_system(const std::string& host);

}  // namespace robocall::sip
