// TcpGuard: the caps on inbound SIP TCP connections of one engine
// (docs/SECURITY.md "SIP"). libre 1.1.0 accepts every connection on its SIP
// TCP listener and keeps it for up to 15 minutes per keep-alive; it offers no
// hook for that, so tcp_guard.cc interposes libre's own tcp_accept(), which
// its SIP transport calls for each accepted socket: a connection over the
// caps is closed at once and never reaches the SIP stack. Connections that
// carry no request for one of our calls for `idle` are shut down, and so is
// one that sends a request outside our calls.
// THREADS: install() and the destructor from the engine's loop thread, like
// every other method; the registry the interposed tcp_accept() reads is
// guarded by a mutex, since each engine runs its own loop thread.
#pragma once

#include <re.h>
#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <vector>

#include "sip/engine.h"

namespace robocall::sip {

class TcpGuard {
 public:
  // Guards the listener bound to `listener` (the SIP TCP transport's address)
  // until the guard is destroyed.
  static std::unique_ptr<TcpGuard> install(const sa& listener, TcpLimits limits);
  ~TcpGuard();
  TcpGuard(const TcpGuard&) = delete;
  TcpGuard& operator=(const TcpGuard&) = delete;

  // Called by the interposed tcp_accept: false closes the connection.
  bool admit(tcp_conn* conn);
  // A request for one of our calls came on `conn` (our outbound ones are
  // not inbound and are ignored).
  void touch(tcp_conn* conn);
  // Shuts down an inbound connection; libre then closes it as the peer's.
  void close(tcp_conn* conn);
  // Shuts down inbound connections idle for longer than the limit.
  void sweep();

  std::uint64_t refused() const { return refused_; }

 private:
  struct Entry {
    int fd;
    ino_t inode;  // tells a live connection from a later socket that reuses the fd
    sa peer;
    std::chrono::steady_clock::time_point active;
  };
  explicit TcpGuard(TcpLimits limits) : limits_(limits) {}
  void prune();
  Entry* find(tcp_conn* conn);

  const TcpLimits limits_;
  std::vector<Entry> inbound_;
  std::uint64_t refused_ = 0;
};

}  // namespace robocall::sip
