// The public address robocall announces behind NAT (README "Connecting a real
// SIP provider", NAT), as an administrator types it in an account or in
// --sip-public-address: an IPv4 or IPv6 address, optionally with a port
// ("203.0.113.7", "203.0.113.7:5070", "[2001:db8::1]:5060"). Pure: any thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/result.h"

namespace robocall::domain {

struct PublicAddress {
  std::string host;  // numeric, without brackets
  bool v6 = false;
  std::uint16_t port = 0;  // 0: none given
};

// Bad input (a host name, a bad port, anything else): kInvalidArgument with a
// Russian message naming the text. REQUIRES: text is not empty.
Result<PublicAddress> parse_public_address(std::string_view text);

// Ok for an empty text (no public address) or one parse_public_address takes.
Status check_public_address(std::string_view text);

}  // namespace robocall::domain
