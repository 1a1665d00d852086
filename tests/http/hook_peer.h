// HookPeer: a webhook receiver on a raw socket on 127.0.0.1 for the tests
// of the webhook sender; it counts what it received. Tests only.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <functional>
#include <string>
#include <thread>

#include "http_client.h"

namespace robocall::http::testing {

// A webhook receiver on 127.0.0.1: answers each request (one per
// connection) with the status its handler returns.
class HookPeer {
 public:
  using Handler = std::function<int(const Headers& headers, const std::string& body)>;

  explicit HookPeer(Handler handler) : handler_(std::move(handler)) {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    ::listen(fd_, 8);
    socklen_t len = sizeof addr;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { serve(); });
  }
  ~HookPeer() {
    stop_ = true;
    thread_.join();
    ::close(fd_);
  }
  int port() const { return port_; }
  int requests() const { return requests_; }

 private:
  void serve() {
    while (!stop_) {
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, 100) <= 0) continue;
      int c = ::accept4(fd_, nullptr, nullptr, SOCK_CLOEXEC);
      if (c < 0) continue;
      timeval tv{5, 0};
      ::setsockopt(c, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
      std::string in;
      char buf[4096];
      std::size_t header_end = std::string::npos, length = 0;
      for (;;) {
        if (header_end != std::string::npos && in.size() >= header_end + 4 + length) break;
        auto n = ::recv(c, buf, sizeof buf, 0);
        if (n <= 0) break;
        in.append(buf, static_cast<std::size_t>(n));
        if (header_end == std::string::npos &&
            (header_end = in.find("\r\n\r\n")) != std::string::npos) {
          Headers headers = parse_headers(in.substr(0, header_end));
          auto it = headers.find("Content-Length");
          length = it == headers.end() ? 0 : std::stoul(it->second);
        }
      }
      ++requests_;
      int status = 400;
      if (header_end != std::string::npos) {
        status = handler_(parse_headers(in.substr(0, header_end)), in.substr(header_end + 4));
      }
      std::string out = "HTTP/1.1 " + std::to_string(status) +
                        " X\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
      ::send(c, out.data(), out.size(), MSG_NOSIGNAL);
      ::close(c);
    }
  }

  static Headers parse_headers(const std::string& head) {
    Headers headers;
    std::size_t pos = head.find("\r\n");
    while (pos != std::string::npos && pos + 2 < head.size()) {
      auto end = head.find("\r\n", pos + 2);
      auto line = head.substr(pos + 2, end == std::string::npos ? end : end - pos - 2);
      if (auto colon = line.find(':'); colon != std::string::npos) {
        auto value = line.substr(colon + 1);
        value.erase(0, value.find_first_not_of(' '));
        headers.emplace(line.substr(0, colon), value);
      }
      pos = end;
    }
    return headers;
  }

  Handler handler_;
  int fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int> requests_{0};
  std::thread thread_;
};

}  // namespace robocall::http::testing
