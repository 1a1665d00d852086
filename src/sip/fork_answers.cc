// Forked answers (docs/BEHAVIOUR.md "Keys, hold and session refresh"): when
// a proxy forks our INVITE and a second phone answers too, libre 1.1.0 has
// already ended the client transaction at the first 2xx and would leave the
// extra answer unacknowledged, its patient in silence. Each extra 2xx (another
// To-tag) is acknowledged and its dialog hung up with BYE; retransmissions of
// it are acknowledged again. libre cannot fork a dialog once it is
// established, so both requests are built here from the answer itself (its
// Contact and, reversed, its Record-Route: RFC 3261 12.1.2). Loop thread.
#include <re.h>
#include <spdlog/spdlog.h>

#include <cstring>
#include <vector>

#include "sip/engine_impl.h"

namespace robocall::sip {
namespace {

std::string text(const pl& p) {
  return p.p ? std::string(p.p, p.l) : std::string();
}

// The request URI, the next hop and the Route lines of the extra answer's dialog.
struct ForkTarget {
  std::string uri;
  std::vector<std::string> routes;  // in the order the requests carry them
};

bool collect_route(const sip_hdr* hdr, const sip_msg*, void* arg) {
  static_cast<std::vector<std::string>*>(arg)->push_back(text(hdr->val));
  return false;  // go on
}

int send_request(struct sip* sip, const char* method, const ForkTarget& target,
                 const sip_msg* answer, std::uint32_t cseq, bool stateful) {
  std::string route_lines;
  for (const auto& r : target.routes) route_lines += "Route: " + r + "\r\n";
  sip_addr next{};
  pl next_pl{};
  if (!target.routes.empty()) {
    pl_set_str(&next_pl, target.routes.front().c_str());
    if (const int err = sip_addr_decode(&next, &next_pl)) return err;
  }
  return sip_requestf(
      nullptr, sip, stateful, method, target.uri.c_str(),
      target.routes.empty() ? nullptr : &next.uri, nullptr, nullptr, nullptr, nullptr,
      "%s"
      "From: %r\r\n"
      "To: %r\r\n"
      "Call-ID: %r\r\n"
      "CSeq: %u %s\r\n"
      "Content-Length: 0\r\n"
      "\r\n",
      route_lines.c_str(), &answer->from.val, &answer->to.val, &answer->callid, cseq, method);
}

}  // namespace

bool Engine::Impl::on_response(const sip_msg* msg, void* arg) {
  auto* self = static_cast<Impl*>(arg);
  if (pl_strcmp(&msg->cseq.met, "INVITE") != 0 || msg->scode < 200 || msg->scode > 299)
    return false;
  const auto dialog = self->dialogs.find(text(msg->callid));
  if (dialog == self->dialogs.end()) return false;
  const auto found = self->calls.find(dialog->second);
  if (found == self->calls.end() || !found->second->sess) return false;
  LiveCall& call = *found->second;
  const sip_dialog* ours = sipsess_dialog(call.sess.get());
  // Our own answer (or its retransmission): the session layer acknowledges it.
  if (!ours || !sip_dialog_established(ours) || sip_dialog_cmp(ours, msg)) return false;

  ForkTarget target;
  const sip_hdr* contact = sip_msg_hdr(msg, SIP_HDR_CONTACT);
  sip_addr addr{};
  if (!contact || sip_addr_decode(&addr, &contact->val) != 0) {
    spdlog::warn("call {}: an extra answer without a Contact cannot be acknowledged", call.id);
    return true;
  }
  target.uri = text(addr.auri);
  sip_msg_hdr_apply(msg, false, SIP_HDR_RECORD_ROUTE, &collect_route, &target.routes);

  if (const int err = send_request(self->sip.get(), "ACK", target, msg, msg->cseq.num, false))
    spdlog::warn("call {}: ACK of an extra answer not sent: {}", call.id, std::strerror(err));
  if (call.forks_ended.insert(text(msg->to.tag)).second) {
    spdlog::info("call {}: a second phone answered the forked call: hung up", call.id);
    if (const int err = send_request(self->sip.get(), "BYE", target, msg, msg->cseq.num + 1, true))
      spdlog::warn("call {}: BYE of an extra answer not sent: {}", call.id, std::strerror(err));
  }
  return true;
}

}  // namespace robocall::sip
