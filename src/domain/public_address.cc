#include "domain/public_address.h"

#include <arpa/inet.h>

#include <algorithm>
#include <charconv>

namespace robocall::domain {
namespace {

bool numeric(const std::string& host, bool v6) {
  unsigned char buf[16];
  return inet_pton(v6 ? AF_INET6 : AF_INET, host.c_str(), buf) == 1;
}

}  // namespace

Result<PublicAddress> parse_public_address(std::string_view text) {
  const auto bad = [&] {
    return Error::invalid(
        "Внешний адрес (NAT) должен быть IP-адресом, например 203.0.113.7 или "
        "203.0.113.7:5060, получено «" +
        std::string(text) + "»");
  };
  PublicAddress hp;
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

Status check_public_address(std::string_view text) {
  if (text.empty()) return {};
  auto hp = parse_public_address(text);
  if (!hp) return hp.error();
  return {};
}

}  // namespace robocall::domain
