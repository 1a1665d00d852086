#include "sip/system_resolver.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <sys/socket.h>

#include <array>
#include <cerrno>
#include <charconv>
#include <memory>

namespace robocall::sip {

std::optional<NamedHost> named_host(std::string_view server) {
  if (server.empty() || server.front() == '[') return std::nullopt;  // [IPv6]
  NamedHost out;
  const auto colon = server.rfind(':');
  std::string_view host = server;
  if (colon != std::string_view::npos) {
    if (server.find(':') != colon) return std::nullopt;  // bare IPv6
    const std::string_view port = server.substr(colon + 1);
    unsigned value = 0;
    const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
    if (ec != std::errc() || end != port.data() + port.size() || value == 0 || value > 65535)
      return std::nullopt;
    out.port = static_cast<std::uint16_t>(value);
    host = server.substr(0, colon);
  }
  if (host.empty()) return std::nullopt;
  out.host = std::string(host);
  std::array<unsigned char, sizeof(in6_addr)> buf{};
  if (inet_pton(AF_INET, out.host.c_str(), buf.data()) == 1) return std::nullopt;
  return out;
}

bool falls_back_to_system_resolver(int err, bool got_response, std::string_view server) {
  if (got_response || !named_host(server)) return false;
  return err == EDESTADDRREQ || err == ENOENT || err == ENODATA || err == ETIMEDOUT;
}

std::string route_to(const std::string& ip, std::uint16_t port, bool tcp) {
  std::string uri = "sip:" + (ip.find(':') != std::string::npos ? "[" + ip + "]" : ip);
  if (port != 0) uri += ":" + std::to_string(port);
  if (tcp) uri += ";transport=tcp";
  return uri;
}

std::optional<std::string> resolve_with_system(const std::string& host) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_DGRAM;
  addrinfo* found = nullptr;
  if (getaddrinfo(host.c_str(), nullptr, &hints, &found) != 0 || !found) return std::nullopt;
  std::unique_ptr<addrinfo, decltype(&freeaddrinfo)> list(found, &freeaddrinfo);
  const addrinfo* pick = nullptr;
  for (const addrinfo* a = found; a; a = a->ai_next)
    if (a->ai_family == AF_INET && !pick) pick = a;
  if (!pick) pick = found;
  std::array<char, INET6_ADDRSTRLEN> text{};
  const void* addr =
      pick->ai_family == AF_INET
          ? static_cast<const void*>(&reinterpret_cast<const sockaddr_in*>(pick->ai_addr)->sin_addr)
          : static_cast<const void*>(
                &reinterpret_cast<const sockaddr_in6*>(pick->ai_addr)->sin6_addr);
  if (!inet_ntop(pick->ai_family, addr, text.data(), text.size())) return std::nullopt;
  return std::string(text.data());
}

}  // namespace robocall::sip
