// Which network addresses a webhook may reach (docs/SECURITY.md "Webhook"):
// loopback, link-local, unspecified and multicast never; private ranges
// (10/8, 172.16/12, 192.168/16, fc00::/7) only when the administrator allowed
// a local-network address. Checked on the URL's text when it is saved and on
// the address libcurl is about to connect to, after resolving. Pure; any thread.
#pragma once

#include <sys/socket.h>

#include <optional>
#include <string>
#include <string_view>

namespace robocall::http {

enum class AddressKind { kPublic, kPrivate, kLoopback, kLinkLocal, kUnspecified, kMulticast };

// The kind of an IPv4 or IPv6 socket address (IPv4-mapped IPv6 as its IPv4);
// nullopt for other families.
std::optional<AddressKind> classify_address(const sockaddr* address);
// The kind of a literal address ("10.0.0.1", "::1", "[fe80::1]"); nullopt
// when the text is not one (a host name).
std::optional<AddressKind> classify_literal(std::string_view host);

struct WebhookRules {
  bool allow_private = false;  // the administrator's «Разрешить адрес в локальной сети (http)»
  bool allow_loopback = false;  // tests only: their receivers listen on 127.0.0.1
};

// "" when the rules allow the kind, else why not (Russian, for the log and the API).
std::string refusal(AddressKind kind, const WebhookRules& rules);

}  // namespace robocall::http
