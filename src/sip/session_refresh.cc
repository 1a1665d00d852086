// Session refreshes (RFC 4028, docs/BEHAVIOUR.md "Keys, hold and session
// refresh"): a re-INVITE with an SDP offer that carries Session-Expires, and
// any UPDATE (a refresh, a hold), is answered here, before libre's session layer (whose 2xx
// cannot carry the header), with the interval and refresher asked for
// (session_timer.h) and our SDP answer when one was offered. Loop thread.
#include <re.h>
#include <spdlog/spdlog.h>

#include "sip/engine_impl.h"
#include "sip/session_timer.h"

namespace robocall::sip {
namespace {

std::string_view view(const pl& p) {
  return p.p ? std::string_view(p.p, p.l) : std::string_view();
}

std::string_view header(const sip_msg* msg, sip_hdrid id) {
  const sip_hdr* h = sip_msg_hdr(msg, id);
  return h ? view(h->val) : std::string_view();
}

// RFC 3261 13.3.1.4: our 2xx to a re-INVITE goes again at T1, doubling up
// to T2, until its ACK comes or 64*T1 have passed (libre's transaction layer
// swallows the peer's retransmitted re-INVITE and answers nothing itself).
constexpr std::chrono::milliseconds kT1{500};
constexpr std::chrono::milliseconds kT2{4000};

void retransmit_until_ack(LiveCall& call) {
  if (call.refresh_elapsed >= 64 * kT1) {
    call.refresh_reply.reset();
    return;
  }
  tmr_start(
      &call.refresh_timer.timer, static_cast<std::uint64_t>(call.refresh_interval.count()),
      [](void* arg) {
        auto* c = static_cast<LiveCall*>(arg);
        if (!c->refresh_reply || c->ending) return;
        c->refresh_reply->pos = 0;
        sip_send(c->engine.sip.get(), nullptr, c->refresh_tp, &c->refresh_to,
                 c->refresh_reply.get());
        c->refresh_elapsed += c->refresh_interval;
        c->refresh_interval = std::min(2 * c->refresh_interval, kT2);
        retransmit_until_ack(*c);
      },
      &call);
}

// The ACK of our 2xx to a refresh ends its retransmissions; other ACKs are
// the session layer's.
bool on_refresh_ack(Engine::Impl& engine, const sip_msg* msg) {
  const auto dialog = engine.dialogs.find(std::string(view(msg->callid)));
  if (dialog == engine.dialogs.end()) return false;
  const auto found = engine.calls.find(dialog->second);
  if (found == engine.calls.end()) return false;
  LiveCall& call = *found->second;
  if (!call.refresh_reply || msg->cseq.num != call.refresh_cseq) return false;
  tmr_cancel(&call.refresh_timer.timer);
  call.refresh_reply.reset();
  return true;
}

}  // namespace

bool Engine::Impl::on_refresh(const sip_msg* msg, void* arg) {
  auto* self = static_cast<Impl*>(arg);
  if (pl_strcmp(&msg->met, "ACK") == 0) return on_refresh_ack(*self, msg);
  const bool invite = pl_strcmp(&msg->met, "INVITE") == 0 && pl_isset(&msg->to.tag);
  if (!invite && pl_strcmp(&msg->met, "UPDATE") != 0) return false;
  const std::string_view expires = header(msg, SIP_HDR_SESSION_EXPIRES);
  // A re-INVITE without Session-Expires, or whose answer would come in the
  // ACK, is the session layer's; every UPDATE (libre 1.1.0 has none) is ours.
  const bool offer = mbuf_get_left(msg->mb) > 0;
  if (invite && (expires.empty() || !offer)) return false;
  const auto dialog = self->dialogs.find(std::string(view(msg->callid)));
  if (dialog == self->dialogs.end()) return false;
  const auto found = self->calls.find(dialog->second);
  if (found == self->calls.end()) return false;
  LiveCall& call = *found->second;
  if (!call.answered || call.ending || !call.sess) return false;

  sip_dialog* dlg = sipsess_dialog(call.sess.get());
  if (!sip_dialog_rseq_valid(dlg, msg)) {
    sip_treply(nullptr, self->sip.get(), msg, 500, "Server Internal Error");
    return true;
  }
  const SessionRefreshReply timer =
      expires.empty() ? SessionRefreshReply{}
                      : answer_session_refresh(expires, header(msg, SIP_HDR_MIN_SE));
  if (timer.status != 200) {
    sip_treplyf(nullptr, nullptr, self->sip.get(), msg, false, timer.status,
                timer.status == 422 ? "Session Interval Too Small" : "Bad Request",
                "%sContent-Length: 0\r\n\r\n", timer.headers.c_str());
    return true;
  }
  ReHandle<mbuf> desc;
  if (offer && LiveCall::on_offer(out(desc), msg, &call) != 0) {
    sip_treply(nullptr, self->sip.get(), msg, 488, "Not Acceptable Here");
    return true;
  }
  if (invite) sip_dialog_update(dlg, msg);
  const std::size_t length = desc ? mbuf_get_left(desc.get()) : 0;
  ReHandle<mbuf> reply;
  sip_treplyf(nullptr, out(reply), self->sip.get(), msg, true, 200, "OK",
              "Contact: <sip:%s@%J%s>\r\n"
              "%s"
              "%s"
              "Content-Length: %zu\r\n"
              "\r\n"
              "%b",
              call.addresses.contact_user.c_str(), &msg->dst, sip_transp_param(msg->tp),
              timer.headers.c_str(), length ? "Content-Type: application/sdp\r\n" : "", length,
              length ? mbuf_buf(desc.get()) : nullptr, length);
  if (invite && reply) {
    call.refresh_cseq = msg->cseq.num;
    call.refresh_reply = std::move(reply);
    call.refresh_to = msg->src;
    call.refresh_tp = msg->tp;
    call.refresh_interval = kT1;
    call.refresh_elapsed = std::chrono::milliseconds(0);
    retransmit_until_ack(call);
  }
  return true;
}

}  // namespace robocall::sip
