// Who may read GET /metrics (docs/DESIGN.md "Metrics and health"): open to a
// peer on loopback, else only with an API token. Behind a TLS proxy every
// peer looks local, so there a token is always needed. Pure; any thread.
#pragma once

#include <string_view>

namespace robocall::http {

// 127.0.0.0/8, ::1 and their IPv4-mapped form, as libmicrohttpd prints them.
bool is_loopback_peer(std::string_view address);

// True: answer without a token.
bool metrics_open_to(std::string_view peer, bool behind_tls_proxy);

}  // namespace robocall::http
