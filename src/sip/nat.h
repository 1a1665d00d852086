// Behind NAT (README "Connecting a real SIP provider", NAT): the address the
// provider and the patient's phone must use to reach us, put in our Contact
// and in the SDP's c= and o= lines in place of the address we bind. Pure.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/result.h"
#include "sip/account.h"

namespace robocall::sip {

// What one call announces about itself.
struct Announced {
  // The user part alone (libre adds our bound address and port), or, with a
  // public address, the whole Contact URI: sip:user@public[:port][;transport=tcp].
  std::string contact;
  std::string sdp_ip;  // numeric address for the SDP's c= and o= lines
};

// The account's public address if it has one, else the engine's (the serve
// flag --sip-public-address); empty: none, our bound address is announced.
std::string_view effective_public_address(const Account& account, std::string_view engine_default);

// Contact and SDP address for a call: with no public address, the contact
// user and local_ip unchanged; with one, the public address (and its port,
// else sip_port) in both.
Result<Announced> announced_addresses(std::string_view public_address, std::string_view local_ip,
                                      std::uint16_t sip_port, Transport transport,
                                      std::string_view contact_user);

}  // namespace robocall::sip
