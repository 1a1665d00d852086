#include "sip/nat.h"

#include "domain/public_address.h"

namespace robocall::sip {

std::string_view effective_public_address(const Account& account, std::string_view engine_default) {
  return account.public_address.empty() ? engine_default : account.public_address;
}

Result<Announced> announced_addresses(std::string_view public_address, std::string_view local_ip,
                                      std::uint16_t sip_port, Transport transport,
                                      std::string_view contact_user) {
  if (public_address.empty()) return Announced{std::string(contact_user), std::string(local_ip)};
  auto hp = domain::parse_public_address(public_address);
  if (!hp) return hp.error();
  const std::string host = hp->v6 ? "[" + hp->host + "]" : hp->host;
  std::string contact = "sip:" + std::string(contact_user) + "@" + host + ":" +
                        std::to_string(hp->port ? hp->port : sip_port);
  if (transport == Transport::kTcp) contact += ";transport=tcp";
  return Announced{std::move(contact), hp->host};
}

}  // namespace robocall::sip
