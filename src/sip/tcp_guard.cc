#include "sip/tcp_guard.h"

#include <dlfcn.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <mutex>

namespace robocall::sip {
namespace {

using Clock = std::chrono::steady_clock;
using AcceptFn = int(tcp_conn**, tcp_sock*, tcp_estab_h*, tcp_recv_h*, tcp_close_h*, void*);

// The installed guards of this process, one per engine.
std::mutex registry_mu;
std::vector<TcpGuard*> registry;     // guarded by registry_mu
std::vector<sa> registry_listeners;  // guarded by registry_mu, beside registry

ino_t inode_of(int fd) {
  struct stat st {};
  return fstat(fd, &st) == 0 ? st.st_ino : 0;
}

TcpGuard* guard_of(const tcp_sock* listener) {
  sa local{};
  if (tcp_sock_local_get(listener, &local) != 0) return nullptr;
  std::lock_guard lock(registry_mu);
  for (std::size_t i = 0; i < registry.size(); ++i)
    if (sa_cmp(&registry_listeners[i], &local, SA_ALL)) return registry[i];
  return nullptr;
}

}  // namespace

std::unique_ptr<TcpGuard> TcpGuard::install(const sa& listener, TcpLimits limits) {
  std::unique_ptr<TcpGuard> guard(new TcpGuard(limits));
  std::lock_guard lock(registry_mu);
  registry.push_back(guard.get());
  registry_listeners.push_back(listener);
  return guard;
}

TcpGuard::~TcpGuard() {
  std::lock_guard lock(registry_mu);
  const auto it = std::find(registry.begin(), registry.end(), this);
  if (it == registry.end()) return;
  registry_listeners.erase(registry_listeners.begin() + (it - registry.begin()));
  registry.erase(it);
}

void TcpGuard::prune() {
  std::erase_if(inbound_, [](const Entry& e) { return inode_of(e.fd) != e.inode; });
}

TcpGuard::Entry* TcpGuard::find(tcp_conn* conn) {
  const int fd = conn ? tcp_conn_fd(conn) : -1;
  if (fd < 0) return nullptr;
  const ino_t inode = inode_of(fd);
  for (auto& e : inbound_)
    if (e.fd == fd && e.inode == inode) return &e;
  return nullptr;
}

bool TcpGuard::admit(tcp_conn* conn) {
  prune();
  Entry e{tcp_conn_fd(conn), 0, {}, Clock::now()};
  e.inode = inode_of(e.fd);
  if (tcp_conn_peer_get(conn, &e.peer) != 0) return false;
  const auto same_host = std::count_if(inbound_.begin(), inbound_.end(), [&](const Entry& other) {
    return sa_cmp(&other.peer, &e.peer, SA_ADDR);
  });
  if (inbound_.size() >= limits_.total ||
      static_cast<std::size_t>(same_host) >= limits_.per_address) {
    if (refused_++ % 1000 == 0)
      spdlog::warn("SIP TCP: inbound connection refused at the cap ({} refused so far)", refused_);
    return false;
  }
  inbound_.push_back(e);
  return true;
}

void TcpGuard::touch(tcp_conn* conn) {
  if (Entry* e = find(conn)) e->active = Clock::now();
}

void TcpGuard::close(tcp_conn* conn) {
  if (Entry* e = find(conn)) shutdown(e->fd, SHUT_RDWR);
}

void TcpGuard::sweep() {
  prune();
  const auto now = Clock::now();
  for (const auto& e : inbound_)
    if (now - e.active > limits_.idle) shutdown(e.fd, SHUT_RDWR);
}

}  // namespace robocall::sip

// libre's SIP transport accepts each inbound TCP connection through this
// exported libre function (called through the PLT, so the executable's
// definition wins); the real one is found with dlsym(RTLD_NEXT).
extern "C" int tcp_accept(tcp_conn** tcp, tcp_sock* ts, tcp_estab_h* eh, tcp_recv_h* rh,
                          tcp_close_h* ch, void* arg) {
  using robocall::sip::AcceptFn;
  static AcceptFn* const real = reinterpret_cast<AcceptFn*>(dlsym(RTLD_NEXT, "tcp_accept"));
  if (!real || !tcp) return EINVAL;
  tcp_conn* conn = nullptr;
  if (const int err = real(&conn, ts, eh, rh, ch, arg)) return err;
  robocall::sip::TcpGuard* guard = robocall::sip::guard_of(ts);
  if (guard && !guard->admit(conn)) {
    mem_deref(conn);  // closes the socket; libre's caller then drops its half-made connection
    return ECONNREFUSED;
  }
  *tcp = conn;
  return 0;
}
