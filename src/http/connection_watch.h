// ConnectionWatch: the server's watchdog over its open connections
// (docs/SECURITY.md "HTTP limits"). A connection has a deadline for the
// request being read; while a response is sent, the client must take at
// least min_send_rate bytes a second over every send_window. A connection
// that misses either is cut (reset). Runs its own thread on real time;
// every method is thread-safe.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "domain/clock.h"

struct MHD_Connection;

namespace robocall::http {

class ConnectionWatch {
 public:
  struct Limits {
    std::chrono::seconds send_window{20};
    std::size_t min_send_rate = 1024;  // bytes a second
  };

  explicit ConnectionWatch(Limits limits);
  ~ConnectionWatch();
  ConnectionWatch(const ConnectionWatch&) = delete;
  ConnectionWatch& operator=(const ConnectionWatch&) = delete;

  void start();
  // Idempotent; the connections stay as they are.
  void stop();

  // The connection's socket, watched from now with the request deadline.
  void add(MHD_Connection* c, int fd, domain::SteadyTime deadline);
  // REQUIRES: called before the daemon closes the socket.
  void remove(MHD_Connection* c);
  // A new deadline for the request being read (SteadyTime::max(): none, a
  // handler runs); ends the rate watch of a response.
  void set_deadline(MHD_Connection* c, domain::SteadyTime deadline);
  // A response starts: from now on its sending rate is watched.
  void sending(MHD_Connection* c);
  // The connection's socket, or -1.
  int fd_of(MHD_Connection* c);

  // Ends the connection at once with a reset: the daemon sees the socket
  // fail and closes it. The socket must still be open.
  static void cut(int fd);

 private:
  struct Watched {
    int fd = -1;
    domain::SteadyTime deadline = domain::SteadyTime::max();
    bool sending = false;
    domain::SteadyTime checkpoint{};  // the start of the current send window
    std::uint64_t acked_at_checkpoint = 0;
  };

  void run();
  void check(Watched& w, domain::SteadyTime now);

  const Limits limits_;

  std::mutex mu_;
  std::condition_variable wake_;
  // Guarded by mu_.
  std::unordered_map<MHD_Connection*, Watched> watched_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace robocall::http
