// Raw sockets the SIP attack tests act with, on 127.0.0.1: a spoofed RFC 4733
// key, a bare UDP request, TCP connections held open. Every socket is closed
// by its owner; every wait is bounded. Used from the gtest thread (or one
// helper thread of a test).
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <thread>

namespace robocall::sip::testing {

inline sockaddr_in loopback(std::uint16_t port, const char* ip = "127.0.0.1") {
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(port);
  inet_pton(AF_INET, ip, &a.sin_addr);
  return a;
}

// An owned file descriptor.
class Fd {
 public:
  explicit Fd(int fd = -1) : fd_(fd) {}
  Fd(Fd&& o) noexcept : fd_(o.fd_) { o.fd_ = -1; }
  Fd& operator=(Fd&& o) noexcept {
    std::swap(fd_, o.fd_);
    return *this;
  }
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }

 private:
  int fd_;
};

// Waits (at most `timeout`, looking at least once) for a file the SIPp
// scenario writes with a number in it.
inline std::optional<std::uint16_t> wait_for_port(const std::filesystem::path& file,
                                                  std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    int port = 0;
    if (std::ifstream(file) >> port && port > 0 && port < 65536)
      return static_cast<std::uint16_t>(port);
    if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

// Sends one well-formed RFC 4733 event for `key`: the three end packets
// (E bit, one timestamp, consecutive sequence numbers, marker on the first),
// payload type 101, from a UDP socket of its own on from_ip to 127.0.0.1:port.
inline void send_rfc4733_key(std::uint16_t port, int key, std::uint32_t ssrc,
                             const char* from_ip = "127.0.0.1") {
  const Fd fd(socket(AF_INET, SOCK_DGRAM, 0));
  const sockaddr_in from = loopback(0, from_ip);
  bind(fd.get(), reinterpret_cast<const sockaddr*>(&from), sizeof from);
  const sockaddr_in to = loopback(port);
  for (int i = 0; i < 3; ++i) {
    const std::uint16_t seq = static_cast<std::uint16_t>(4000 + i);
    const std::uint32_t ts = 800000;
    const std::uint16_t duration = 1600;
    const std::uint8_t pkt[16] = {0x80,
                                  static_cast<std::uint8_t>((i == 0 ? 0x80 : 0) | 101),
                                  static_cast<std::uint8_t>(seq >> 8),
                                  static_cast<std::uint8_t>(seq),
                                  static_cast<std::uint8_t>(ts >> 24),
                                  static_cast<std::uint8_t>(ts >> 16),
                                  static_cast<std::uint8_t>(ts >> 8),
                                  static_cast<std::uint8_t>(ts),
                                  static_cast<std::uint8_t>(ssrc >> 24),
                                  static_cast<std::uint8_t>(ssrc >> 16),
                                  static_cast<std::uint8_t>(ssrc >> 8),
                                  static_cast<std::uint8_t>(ssrc),
                                  static_cast<std::uint8_t>(key),
                                  0x80 | 10,  // end, volume 10
                                  static_cast<std::uint8_t>(duration >> 8),
                                  static_cast<std::uint8_t>(duration)};
    sendto(fd.get(), pkt, sizeof pkt, 0, reinterpret_cast<const sockaddr*>(&to), sizeof to);
  }
}

// Bytes that arrive on fd within `timeout` (at most 64 KiB); empty if none.
inline std::string receive_for(int fd, std::chrono::milliseconds timeout) {
  std::string got;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0 || got.size() >= 65536) return got;
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, static_cast<int>(left.count())) <= 0) return got;
    char buf[4096];
    const ssize_t n = recv(fd, buf, sizeof buf, 0);
    if (n <= 0) return got;
    got.append(buf, static_cast<std::size_t>(n));
  }
}

// A TCP connection to 127.0.0.1:port from `from_ip` (any 127/8 address). It
// closes with a reset, leaving no TIME_WAIT that would hold its port.
inline Fd tcp_connect(std::uint16_t port, const char* from_ip = "127.0.0.1") {
  Fd fd(socket(AF_INET, SOCK_STREAM, 0));
  const linger abort_on_close{1, 0};
  setsockopt(fd.get(), SOL_SOCKET, SO_LINGER, &abort_on_close, sizeof abort_on_close);
  const sockaddr_in from = loopback(0, from_ip);
  bind(fd.get(), reinterpret_cast<const sockaddr*>(&from), sizeof from);
  const sockaddr_in to = loopback(port);
  if (connect(fd.get(), reinterpret_cast<const sockaddr*>(&to), sizeof to) != 0) return Fd();
  return fd;
}

// Has the peer closed the connection within `timeout` (EOF or reset)? Data
// that arrives meanwhile is read and ignored; the socket is polled at least once.
inline bool closed_within(int fd, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, static_cast<int>(std::max<std::int64_t>(left.count(), 0))) > 0) {
      char buf[512];
      if (recv(fd, buf, sizeof buf, 0) <= 0) return true;
    } else if (left.count() <= 0) {
      return false;
    }
  }
}

}  // namespace robocall::sip::testing
