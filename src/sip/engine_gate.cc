// The engine's guard against strangers (docs/SECURITY.md "SIP"): requests
// outside our calls are dropped unanswered, and inbound TCP connections are
// capped and closed when idle (TcpGuard). Loop thread only.
#include "sip/engine_impl.h"

namespace robocall::sip {
namespace {

// How often idle inbound TCP connections are looked for.
constexpr std::chrono::milliseconds kSweep{250};

}  // namespace

// Unreachable in practice: on_request drops every INVITE outside our calls
// before the session layer sees it. Not answering is the answer.
void Engine::Impl::on_incoming(const sip_msg*, void*) {}

// Requests that belong to none of our calls (no Call-ID of ours) get no
// answer at all: an answer would make us a reflector (docs/SECURITY.md
// "SIP"). An inbound TCP connection that carries one is shut down.
bool Engine::Impl::on_request(const sip_msg* msg, void* arg) {
  auto* self = static_cast<Impl*>(arg);
  tcp_conn* conn = msg->tp == SIP_TRANSP_TCP ? sip_msg_tcpconn(msg) : nullptr;
  if (self->dialogs.contains(std::string(msg->callid.p, msg->callid.l))) {
    if (conn) self->tcp_guard->touch(conn);
    return false;  // the session layer takes it
  }
  self->sip_dropped.fetch_add(1, std::memory_order_relaxed);
  if (conn) self->tcp_guard->close(conn);
  return true;
}

// Closes idle inbound TCP connections and comes back every kSweep.
void Engine::Impl::on_sweep(void* arg) {
  auto* self = static_cast<Impl*>(arg);
  self->tcp_guard->sweep();
  self->tcp_refused.store(self->tcp_guard->refused(), std::memory_order_relaxed);
  tmr_start(&self->sweep_timer, kSweep.count(), &Impl::on_sweep, self);
}

}  // namespace robocall::sip
