#include "http/webhook_address.h"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <array>
#include <cstdint>
#include <cstring>

namespace robocall::http {
namespace {

AddressKind classify_v4(std::uint32_t a) {  // host byte order
  const auto in = [a](std::uint32_t net, int bits) {
    return bits == 0 || (a >> (32 - bits)) == (net >> (32 - bits));
  };
  if (in(0x00000000, 8)) return AddressKind::kUnspecified;  // 0.0.0.0/8, "this network"
  if (in(0x7f000000, 8)) return AddressKind::kLoopback;
  if (in(0xa9fe0000, 16)) return AddressKind::kLinkLocal;
  if (in(0xe0000000, 4) || a == 0xffffffff) return AddressKind::kMulticast;
  if (in(0x0a000000, 8) || in(0xac100000, 12) || in(0xc0a80000, 16)) return AddressKind::kPrivate;
  return AddressKind::kPublic;
}

AddressKind classify_v6(const std::array<std::uint8_t, 16>& b) {
  static constexpr std::array<std::uint8_t, 12> kMapped{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  if (std::memcmp(b.data(), kMapped.data(), kMapped.size()) == 0)
    return classify_v4((std::uint32_t{b[12]} << 24) | (std::uint32_t{b[13]} << 16) |
                       (std::uint32_t{b[14]} << 8) | b[15]);
  bool zero_prefix = true;
  for (int i = 0; i < 15; ++i) zero_prefix = zero_prefix && b[i] == 0;
  if (zero_prefix && b[15] == 0) return AddressKind::kUnspecified;
  if (zero_prefix && b[15] == 1) return AddressKind::kLoopback;
  if (b[0] == 0xfe && (b[1] & 0xc0) == 0x80) return AddressKind::kLinkLocal;
  if (b[0] == 0xff) return AddressKind::kMulticast;
  if ((b[0] & 0xfe) == 0xfc) return AddressKind::kPrivate;
  return AddressKind::kPublic;
}

}  // namespace

std::optional<AddressKind> classify_address(const sockaddr* address) {
  if (address == nullptr) return std::nullopt;
  if (address->sa_family == AF_INET) {
    sockaddr_in v4{};
    std::memcpy(&v4, address, sizeof v4);
    return classify_v4(ntohl(v4.sin_addr.s_addr));
  }
  if (address->sa_family == AF_INET6) {
    sockaddr_in6 v6{};
    std::memcpy(&v6, address, sizeof v6);
    std::array<std::uint8_t, 16> b{};
    std::memcpy(b.data(), &v6.sin6_addr, b.size());
    return classify_v6(b);
  }
  return std::nullopt;
}

std::optional<AddressKind> classify_literal(std::string_view host) {
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  const std::string text(host);
  in_addr v4{};
  if (inet_pton(AF_INET, text.c_str(), &v4) == 1) return classify_v4(ntohl(v4.s_addr));
  in6_addr v6{};
  if (inet_pton(AF_INET6, text.c_str(), &v6) == 1) {
    std::array<std::uint8_t, 16> b{};
    std::memcpy(b.data(), &v6, b.size());
    return classify_v6(b);
  }
  return std::nullopt;
}

std::string refusal(AddressKind kind, const WebhookRules& rules) {
  switch (kind) {
    case AddressKind::kPublic:
      return {};
    case AddressKind::kPrivate:
      if (rules.allow_private) return {};
      return "адрес в локальной сети: разрешите его в настройках webhook («Разрешить адрес в "
             "локальной сети (http)»)";
    case AddressKind::kLoopback:
      if (rules.allow_loopback) return {};
      return "адрес этого компьютера (loopback) запрещён";
    case AddressKind::kLinkLocal:
      return "адрес link-local (169.254.0.0/16, fe80::/10) запрещён";
    case AddressKind::kUnspecified:
      return "неопределённый адрес (0.0.0.0, ::) запрещён";
    case AddressKind::kMulticast:
      return "групповой или широковещательный адрес запрещён";
  }
  return "адрес запрещён";
}

}  // namespace robocall::http
