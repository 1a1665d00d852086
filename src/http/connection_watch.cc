#include "http/connection_watch.h"

#include <linux/tcp.h>
#include <netinet/in.h>
#include <sys/socket.h>

namespace robocall::http {
namespace {

using namespace std::chrono_literals;
using domain::SteadyTime;

constexpr auto kPeriod = 250ms;

// Connection deadlines run on real time even when the routes read a test
// clock (ServerOptions::clock): a socket does not wait for a ManualClock.
SteadyTime network_now() {
  return domain::system_clock().steady();
}

// The bytes of this connection the peer has acknowledged: what the client
// has taken, not what waits in the socket buffers (the same for TLS).
std::uint64_t bytes_acked(int fd) {
  tcp_info info{};
  socklen_t len = sizeof info;
  if (::getsockopt(fd, IPPROTO_TCP, TCP_INFO, &info, &len) != 0) return 0;
  return info.tcpi_bytes_acked;
}

}  // namespace

ConnectionWatch::ConnectionWatch(Limits limits) : limits_(limits) {}

ConnectionWatch::~ConnectionWatch() {
  stop();
}

void ConnectionWatch::start() {
  thread_ = std::thread([this] { run(); });
}

void ConnectionWatch::stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void ConnectionWatch::add(MHD_Connection* c, int fd, SteadyTime deadline) {
  std::lock_guard lock(mu_);
  watched_[c] = Watched{fd, deadline};
}

void ConnectionWatch::remove(MHD_Connection* c) {
  std::lock_guard lock(mu_);
  watched_.erase(c);
}

void ConnectionWatch::set_deadline(MHD_Connection* c, SteadyTime deadline) {
  std::lock_guard lock(mu_);
  if (auto it = watched_.find(c); it != watched_.end()) {
    it->second.deadline = deadline;
    it->second.sending = false;
  }
}

void ConnectionWatch::sending(MHD_Connection* c) {
  std::lock_guard lock(mu_);
  if (auto it = watched_.find(c); it != watched_.end()) {
    auto& w = it->second;
    w.deadline = SteadyTime::max();
    w.sending = true;
    w.checkpoint = network_now();
    w.acked_at_checkpoint = bytes_acked(w.fd);
  }
}

int ConnectionWatch::fd_of(MHD_Connection* c) {
  std::lock_guard lock(mu_);
  auto it = watched_.find(c);
  return it == watched_.end() ? -1 : it->second.fd;
}

void ConnectionWatch::cut(int fd) {
  // No lingering: what is still queued for a slow reader is dropped.
  linger no_linger{1, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &no_linger, sizeof no_linger);
  ::shutdown(fd, SHUT_RDWR);
}

void ConnectionWatch::check(Watched& w, SteadyTime now) {
  if (w.deadline <= now) {
    cut(w.fd);
    w.deadline = SteadyTime::max();
    return;
  }
  if (!w.sending || now - w.checkpoint < limits_.send_window) return;
  const auto acked = bytes_acked(w.fd);
  const auto needed =
      limits_.min_send_rate *
      static_cast<std::uint64_t>(
          std::chrono::duration_cast<std::chrono::seconds>(now - w.checkpoint).count());
  if (acked - w.acked_at_checkpoint < needed) {
    cut(w.fd);
    w.sending = false;
    return;
  }
  w.checkpoint = now;
  w.acked_at_checkpoint = acked;
}

// The fds stay valid while their entries exist: the daemon closes a socket
// only after its closed notification has removed the entry.
void ConnectionWatch::run() {
  std::unique_lock lock(mu_);
  while (!wake_.wait_for(lock, kPeriod, [this] { return stopping_; })) {
    const auto now = network_now();
    for (auto& [c, w] : watched_) check(w, now);
  }
}

}  // namespace robocall::http
