#include "http/ops_access.h"

namespace robocall::http {

bool is_loopback_peer(std::string_view address) {
  if (address.starts_with("::ffff:")) address.remove_prefix(7);
  return address == "::1" || (address.starts_with("127.") && address.size() <= 15);
}

bool metrics_open_to(std::string_view peer, bool behind_tls_proxy) {
  return !behind_tls_proxy && is_loopback_peer(peer);
}

}  // namespace robocall::http
