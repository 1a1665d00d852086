// SIP over TLS (README "Connecting a real SIP provider", TLS): not offered.
// A trunk set to TLS is refused, when the account is saved and when a call is
// placed, rather than called over UDP: calls never downgrade silently. Pure.
#pragma once

#include <string_view>

#include "common/result.h"
#include "sip/account.h"

namespace robocall::sip {

// The refusal, in the administrators' words (http/routes_sip.cc says the same
// when an account is saved: the http layer may not include sip/).
inline constexpr std::string_view kTlsRefused =
    "Транспорт TLS не поддерживается: звонки по TLS (с шифрованием SRTP) не выполняются, "
    "а без шифрования робот звонить не станет. Выберите udp или tcp";

// Ok for UDP and TCP; TLS: kInvalidArgument with kTlsRefused.
Status check_transport_supported(Transport transport);

}  // namespace robocall::sip
