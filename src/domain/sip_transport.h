// SIP over TLS (README "Connecting a real SIP provider", TLS) is not offered:
// a trunk set to TLS is refused when the account is saved (http) and when a
// call is placed (sip/tls.h), never called over UDP instead. These are the
// administrators' words for it, in one place for both. Pure.
#pragma once

#include <string_view>

namespace robocall::domain {

inline constexpr std::string_view kTlsRefused =
    "Транспорт TLS не поддерживается: звонки по TLS (с шифрованием SRTP) не выполняются, "
    "а без шифрования робот звонить не станет. Выберите udp или tcp";

}  // namespace robocall::domain
