// The server's listening socket: opening it on HOST:PORT, the port it got,
// and whether a host is loopback only (docs/SECURITY.md "TLS and proxies").
// Functions; any thread.
#pragma once

#include <string>

#include "common/result.h"

namespace robocall::http {

// A non-blocking listening TCP socket on host:port (0: any free port).
Result<int> listen_on(const std::string& host, int port);

// The port a bound socket has.
int bound_port(int fd);

// True when every address host resolves to is a loopback address
// (127.0.0.0/8, ::1): "localhost", "127.0.0.1", "[::1]". An empty host,
// "0.0.0.0", "::" or a name that does not resolve are not.
bool is_loopback_host(const std::string& host);

// docs/SECURITY.md "TLS and proxies": a host other than loopback needs TLS
// of our own or a TLS proxy in front; the refusal names both options.
Status check_listen_rule(const std::string& host, bool serves_tls, bool behind_tls_proxy);

}  // namespace robocall::http
