#include "http/listen_socket.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <memory>

namespace robocall::http {
namespace {

using AddrInfo = std::unique_ptr<addrinfo, decltype(&::freeaddrinfo)>;

AddrInfo resolve(const std::string& host, int port, int flags) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = flags | AI_NUMERICSERV;
  addrinfo* found = nullptr;
  auto service = std::to_string(port);
  if (::getaddrinfo(host.empty() ? nullptr : host.c_str(), service.c_str(), &hints, &found) != 0) {
    found = nullptr;
  }
  return AddrInfo(found, &::freeaddrinfo);
}

bool is_loopback(const sockaddr* sa) {
  if (sa->sa_family == AF_INET) {
    const auto addr = ntohl(reinterpret_cast<const sockaddr_in*>(sa)->sin_addr.s_addr);
    return (addr >> 24) == 127;
  }
  if (sa->sa_family == AF_INET6) {
    const auto& addr = reinterpret_cast<const sockaddr_in6*>(sa)->sin6_addr;
    return IN6_IS_ADDR_LOOPBACK(&addr) != 0;
  }
  return false;
}

}  // namespace

Result<int> listen_on(const std::string& host, int port) {
  auto found = resolve(host, port, AI_PASSIVE);
  if (!found) return Error::io("Не удалось открыть порт на адресе " + host);
  int fd = -1;
  for (auto* a = found.get(); a && fd < 0; a = a->ai_next) {
    fd = ::socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, a->ai_protocol);
    if (fd < 0) continue;
    int one = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (::bind(fd, a->ai_addr, a->ai_addrlen) != 0 || ::listen(fd, 511) != 0) {
      ::close(fd);
      fd = -1;
    }
  }
  if (fd < 0) {
    return Error::io("Не удалось открыть " + host + ":" + std::to_string(port) +
                     " (адрес занят или недоступен)");
  }
  return fd;
}

int bound_port(int fd) {
  sockaddr_storage addr{};
  socklen_t len = sizeof addr;
  if (::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) return 0;
  if (addr.ss_family == AF_INET) return ntohs(reinterpret_cast<sockaddr_in*>(&addr)->sin_port);
  return ntohs(reinterpret_cast<sockaddr_in6*>(&addr)->sin6_port);
}

bool is_loopback_host(const std::string& host) {
  if (host.empty()) return false;
  auto found = resolve(host, 0, AI_PASSIVE);
  if (!found) return false;
  for (auto* a = found.get(); a; a = a->ai_next) {
    if (!is_loopback(a->ai_addr)) return false;
  }
  return true;
}

Status check_listen_rule(const std::string& host, bool serves_tls, bool behind_tls_proxy) {
  if (serves_tls || behind_tls_proxy || is_loopback_host(host)) return {};
  return Error::invalid("Адрес " + host +
                        " доступен из сети, а TLS не настроен: укажите --tls-cert и "
                        "--tls-key, или --behind-tls-proxy, если HTTPS обеспечивает прокси "
                        "перед robocall, или слушайте 127.0.0.1");
}

}  // namespace robocall::http
