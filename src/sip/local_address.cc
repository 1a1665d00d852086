#include "sip/local_address.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <sys/socket.h>
#include <unistd.h>

#include <memory>

namespace robocall::sip {
namespace {

struct AddrInfoFree {
  void operator()(addrinfo* ai) const { freeaddrinfo(ai); }
};

struct Fd {
  int fd;
  ~Fd() {
    if (fd >= 0) close(fd);
  }
};

// Splits "host", "host:port", "[v6]" or "[v6]:port" into the host part.
std::string host_of(std::string_view server) {
  if (!server.empty() && server.front() == '[') {
    const auto end = server.find(']');
    return std::string(server.substr(1, end == std::string_view::npos ? end : end - 1));
  }
  const auto colon = server.find(':');
  if (colon != std::string_view::npos && server.find(':', colon + 1) == std::string_view::npos)
    return std::string(server.substr(0, colon));
  return std::string(server);
}

}  // namespace

Result<std::string> local_address_towards(std::string_view server) {
  const std::string host = host_of(server);
  if (host.empty()) return Error::invalid("не указан адрес SIP-сервера");
  addrinfo hints{};
  hints.ai_socktype = SOCK_DGRAM;
  addrinfo* raw = nullptr;
  if (getaddrinfo(host.c_str(), "5060", &hints, &raw) != 0 || raw == nullptr)
    return Error{Errc::kUnavailable, "не удалось найти адрес SIP-сервера «" + host + "»"};
  std::unique_ptr<addrinfo, AddrInfoFree> list(raw);

  Fd sock{socket(list->ai_family, SOCK_DGRAM, 0)};
  if (sock.fd < 0) return Error::io("не удалось создать сокет");
  // connect() on a UDP socket only selects the route; nothing is sent.
  if (connect(sock.fd, list->ai_addr, list->ai_addrlen) != 0)
    return Error{Errc::kUnavailable, "нет маршрута до SIP-сервера «" + host + "»"};
  sockaddr_storage local{};
  socklen_t len = sizeof local;
  if (getsockname(sock.fd, reinterpret_cast<sockaddr*>(&local), &len) != 0)
    return Error::io("не удалось определить локальный адрес");
  char text[INET6_ADDRSTRLEN] = {};
  const void* addr =
      local.ss_family == AF_INET6
          ? static_cast<const void*>(&reinterpret_cast<sockaddr_in6*>(&local)->sin6_addr)
          : static_cast<const void*>(&reinterpret_cast<sockaddr_in*>(&local)->sin_addr);
  if (inet_ntop(local.ss_family, addr, text, sizeof text) == nullptr)
    return Error::io("не удалось определить локальный адрес");
  return std::string(text);
}

}  // namespace robocall::sip
