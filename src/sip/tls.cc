#include "sip/tls.h"

#include <string>

namespace robocall::sip {

Status check_transport_supported(Transport transport) {
  if (transport == Transport::kTls) return Error::invalid(std::string(domain::kTlsRefused));
  return {};
}

}  // namespace robocall::sip
