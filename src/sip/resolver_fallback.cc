// Sending the INVITE, and the system resolver as the fallback of the engine's
// DNS client (system_resolver.h): when DNS finds nothing for a named trunk
// before any response, getaddrinfo runs off the loop thread and the INVITE
// goes again, routed to the address found (the Request-URI keeps the name).
// The call's own timers bound the wait. Loop thread, except the lookup.
#include <re.h>
#include <spdlog/spdlog.h>

#include <cstring>

#include "sip/engine_impl.h"
#include "sip/system_resolver.h"

namespace robocall::sip {
namespace {

// A name found by the system resolver is trusted this long before DNS is
// tried again.
constexpr std::chrono::minutes kSystemHostTtl{5};

}  // namespace

int LiveCall::send_invite(const std::string& offer, const char* route) {
  ReHandle<mbuf> desc(mbuf_alloc(offer.size()));
  if (!desc) return ENOMEM;
  mbuf_write_str(desc.get(), offer.c_str());
  desc->pos = 0;
  const char* display =
      addresses.from_display_name.empty() ? nullptr : addresses.from_display_name.c_str();
  const std::string extra_headers =
      addresses.asserted_identity.empty()
          ? std::string()
          : "P-Asserted-Identity: " + addresses.asserted_identity + "\r\n";
  const char* routev[] = {route};
  const int err = sipsess_connect(
      out(sess), engine.sock.get(), addresses.request_uri.c_str(), display,
      addresses.from_uri.c_str(), contact.c_str(), route ? routev : nullptr, route ? 1 : 0,
      "application/sdp", desc.get(), &LiveCall::on_auth, this, false, &LiveCall::on_offer,
      &LiveCall::on_answer, &LiveCall::on_progress, &LiveCall::on_established, &LiveCall::on_info,
      &LiveCall::on_refer, &LiveCall::on_close, this, extra_headers.empty() ? nullptr : "%s",
      extra_headers.c_str());
  if (err) return err;
  engine.dialogs.erase(call_id);  // the failed first INVITE's, on a redial
  call_id = sip_dialog_callid(sipsess_dialog(sess.get()));
  engine.dialogs.emplace(call_id, id);
  return 0;
}

bool LiveCall::try_system_resolver(int err) {
  if (system_resolver_tried || ending || !falls_back_to_system_resolver(err, got_response, server))
    return false;
  system_resolver_tried = true;
  const std::string host = named_host(server)->host;
  spdlog::info("call {}: DNS does not know {}: asking the system resolver", id, host);
  std::erase_if(engine.lookups, [](const std::future<void>& f) {
    return f.wait_for(std::chrono::seconds(0)) == std::future_status::ready;
  });
  Engine::Impl* e = &engine;
  engine.lookups.push_back(
      std::async(std::launch::async, [e, host, weak = std::weak_ptr(shared_from_this()), err] {
        auto ip = resolve_with_system(host);
        e->post_internal([weak, ip, err] {
          if (auto call = weak.lock()) call->redial(ip, err);
        });
      }));
  return true;
}

void LiveCall::redial(const std::optional<std::string>& ip, int first_err) {
  if (ending) return;
  const auto named = named_host(server);
  if (!ip) {
    finish(EndCause::kTransportError, 0,
           std::string(std::strerror(first_err)) + ": адрес «" + named->host +
               "» не найден ни в DNS, ни системным резолвером");
    return;
  }
  engine.system_hosts[named->host] = {*ip, std::chrono::steady_clock::now()};
  sess.reset();  // the session DNS failed (its close handler has returned)
  auto offer = sdp->offer();
  const int err = offer ? send_invite(*offer, route_to(*ip, named->port, tcp).c_str()) : EINVAL;
  if (err)
    finish(EndCause::kTransportError, 0,
           "не удалось отправить INVITE на " + *ip + ": " + std::strerror(err));
}

std::string Engine::Impl::system_route(const std::string& server, bool tcp) {
  const auto named = named_host(server);
  if (!named) return {};
  const auto found = system_hosts.find(named->host);
  if (found == system_hosts.end()) return {};
  if (std::chrono::steady_clock::now() - found->second.found > kSystemHostTtl) {
    system_hosts.erase(found);
    return {};
  }
  return route_to(found->second.ip, named->port, tcp);
}

}  // namespace robocall::sip
