// SIP over TLS (README "Connecting a real SIP provider", TLS): not offered.
// A trunk set to TLS is refused, when the account is saved and when a call is
// placed, rather than called over UDP: calls never downgrade silently. Pure.
#pragma once

#include <string_view>

#include "common/result.h"
#include "domain/sip_transport.h"
#include "sip/account.h"

namespace robocall::sip {

// Ok for UDP and TCP; TLS: kInvalidArgument with domain::kTlsRefused.
Status check_transport_supported(Transport transport);

}  // namespace robocall::sip
