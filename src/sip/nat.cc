#include "sip/nat.h"

#include <arpa/inet.h>

#include <algorithm>
#include <charconv>

namespace robocall::sip {
namespace {

struct HostPort {
  std::string host;  // without brackets
  bool v6 = false;
  std::uint16_t port = 0;  // 0: none given
};

bool numeric(const std::string& host, bool v6) {
  unsigned char buf[16];
  return inet_pton(v6 ? AF_INET6 : AF_INET, host.c_str(), buf) == 1;
}

Result<HostPort> parse(std::string_view text) {
  const auto bad = [&] {
    return Error::invalid(
        "Публичный адрес должен быть IP-адресом, например 203.0.113.7 или "
        "203.0.113.7:5060, получено «" +
        std::string(text) + "»");
  };
  HostPort hp;
  std::string_view rest;
  if (!text.empty() && text.front() == '[') {
    const auto end = text.find(']');
    if (end == std::string_view::npos) return bad();
    hp.host = std::string(text.substr(1, end - 1));
    hp.v6 = true;
    rest = text.substr(end + 1);
  } else if (std::count(text.begin(), text.end(), ':') > 1) {
    hp.host = std::string(text);
    hp.v6 = true;
  } else {
    const auto colon = text.find(':');
    hp.host = std::string(text.substr(0, colon));
    if (colon != std::string_view::npos) rest = text.substr(colon);
  }
  if (!rest.empty()) {
    if (rest.front() != ':' || rest.size() == 1) return bad();
    const auto digits = rest.substr(1);
    unsigned port = 0;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), port);
    if (ec != std::errc() || end != digits.data() + digits.size() || port == 0 || port > 65535)
      return bad();
    hp.port = static_cast<std::uint16_t>(port);
  }
  if (!numeric(hp.host, hp.v6)) return bad();
  return hp;
}

}  // namespace

Status check_public_address(std::string_view public_address) {
  if (public_address.empty()) return {};
  auto hp = parse(public_address);
  if (!hp) return hp.error();
  return {};
}

std::string_view effective_public_address(const Account& account, std::string_view engine_default) {
  return account.public_address.empty() ? engine_default : account.public_address;
}

Result<Announced> announced_addresses(std::string_view public_address, std::string_view local_ip,
                                      std::uint16_t sip_port, Transport transport,
                                      std::string_view contact_user) {
  if (public_address.empty()) return Announced{std::string(contact_user), std::string(local_ip)};
  auto hp = parse(public_address);
  if (!hp) return hp.error();
  const std::string host = hp->v6 ? "[" + hp->host + "]" : hp->host;
  std::string contact = "sip:" + std::string(contact_user) + "@" + host + ":" +
                        std::to_string(hp->port ? hp->port : sip_port);
  if (transport == Transport::kTcp) contact += ";transport=tcp";
  return Announced{std::move(contact), hp->host};
}

}  // namespace robocall::sip
