#include "sip/account.h"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "domain/phone.h"
#include "sip/tls.h"

namespace robocall::sip {
namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// Characters allowed in a SIP user part or host we build ourselves: unreserved
// URI characters plus the few user-part marks trunks use.
bool is_uri_safe(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.' ||
           c == '+' || c == '*' || c == '#' || c == '~' || c == '!';
  });
}

// host or host:port with a port in 1..65535; IPv6 literals in brackets.
bool is_host_port(std::string_view s) {
  if (s.empty()) return false;
  std::string_view host = s;
  std::string_view port;
  if (s.front() == '[') {
    const auto close = s.find(']');
    if (close == std::string_view::npos) return false;
    host = s.substr(0, close + 1);
    const auto rest = s.substr(close + 1);
    if (!rest.empty()) {
      if (rest.front() != ':') return false;
      port = rest.substr(1);
      if (port.empty()) return false;
    }
  } else {
    const auto colon = s.find(':');
    if (colon != std::string_view::npos) {
      host = s.substr(0, colon);
      port = s.substr(colon + 1);
      if (port.empty()) return false;
    }
    if (host.empty() || !is_uri_safe(host)) return false;
  }
  if (!port.empty()) {
    unsigned value = 0;
    const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
    if (ec != std::errc{} || end != port.data() + port.size() || value == 0 || value > 65535)
      return false;
  }
  return true;
}

bool has_header_breakers(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) {
    return c == '"' || c == '\\' || c == '\r' || c == '\n' || c == '<' || c == '>';
  });
}

// The host of host or host:port ([v6] literals keep their brackets).
std::string host_of(std::string_view host_port) {
  if (!host_port.empty() && host_port.front() == '[') {
    const auto close = host_port.find(']');
    return std::string(host_port.substr(0, close == std::string_view::npos ? close : close + 1));
  }
  return std::string(host_port.substr(0, host_port.find(':')));
}

}  // namespace

std::string expected_realm(const Account& account) {
  if (!account.realm.empty()) return account.realm;
  return host_of(account.from_host.empty() ? account.server : account.from_host);
}

bool same_realm(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

Result<std::string> caller_id_e164(std::string_view caller_id) {
  auto phone = domain::normalize_phone(caller_id);
  if (!phone)
    return Error::invalid(
        "Номер для определителя «" + std::string(caller_id) +
        "» не похож на номер телефона: " + std::string(domain::phone_error_message(phone.error())));
  return "+7" + phone.value().digits;
}

std::string asserted_identity_of(std::string_view e164, std::string_view host) {
  return "<sip:" + std::string(e164) + "@" + host_of(host) + ";user=phone>";
}

bool is_ten_digits(std::string_view digits) {
  return digits.size() == 10 && std::all_of(digits.begin(), digits.end(), is_digit);
}

namespace {

// The checks both a call and a REGISTER need.
Status check_account(const Account& account) {
  if (!is_host_port(account.server))
    return Error::invalid("адрес SIP-сервера должен иметь вид host или host:port, получено «" +
                          account.server + "»");
  if (!std::all_of(account.prefix.begin(), account.prefix.end(),
                   [](char c) { return is_digit(c) || c == '+' || c == '*' || c == '#'; }))
    return Error::invalid("префикс может содержать только цифры, «+», «*» и «#»");
  const std::string& user = account.from_user.empty() ? account.username : account.from_user;
  const std::string& host = account.from_host.empty() ? account.server : account.from_host;
  if (user.empty() || !is_uri_safe(user))
    return Error::invalid("имя пользователя SIP пустое или содержит недопустимые символы");
  if (!is_host_port(host))
    return Error::invalid("домен отправителя (From) должен иметь вид host или host:port");
  if (has_header_breakers(account.caller_id))
    return Error::invalid(
        "Caller ID содержит недопустимые символы (кавычки, скобки, перевод строки)");
  if (has_header_breakers(account.realm))
    return Error::invalid("область (realm) содержит недопустимые символы");
  if (!account.outbound_proxy.empty() && !is_host_port(account.outbound_proxy))
    return Error::invalid("исходящий прокси должен иметь вид host или host:port, получено «" +
                          account.outbound_proxy + "»");
  if (auto st = check_transport_supported(account.transport); !st) return st.error();
  return {};
}

std::string transport_param(const Account& account) {
  return account.transport == Transport::kTcp ? ";transport=tcp" : "";
}

std::string route_of(const Account& account) {
  if (account.outbound_proxy.empty()) return {};
  return "sip:" + account.outbound_proxy + ";lr" + transport_param(account);
}

std::string from_uri_of(const Account& account) {
  const std::string& user = account.from_user.empty() ? account.username : account.from_user;
  const std::string& host = account.from_host.empty() ? account.server : account.from_host;
  return "sip:" + user + "@" + host;
}

}  // namespace

Result<CallAddresses> call_addresses(const Account& account, std::string_view to_digits) {
  if (!is_ten_digits(to_digits))
    return Error::invalid("номер должен состоять ровно из 10 цифр, получено «" +
                          std::string(to_digits) + "»");
  if (auto st = check_account(account); !st) return st.error();
  CallAddresses a;
  a.request_uri = "sip:" + account.prefix + std::string(to_digits) + "@" + account.server +
                  transport_param(account);
  a.from_uri = from_uri_of(account);
  a.contact_user = account.from_user.empty() ? account.username : account.from_user;
  a.from_display_name = account.caller_id;
  // A caller ID saved before it had to be a number (a name such as
  // «Poliklinika») stays the display name only: no assertion is better than
  // asserting the login.
  if (auto e164 = caller_id_e164(account.caller_id); e164 && !account.caller_id.empty())
    a.asserted_identity =
        asserted_identity_of(*e164, account.from_host.empty() ? account.server : account.from_host);
  a.route = route_of(account);
  return a;
}

Result<RegisterAddresses> register_addresses(const Account& account) {
  if (auto st = check_account(account); !st) return st.error();
  RegisterAddresses a;
  a.registrar_uri = "sip:" + account.server + transport_param(account);
  a.aor = from_uri_of(account);
  a.contact_user = account.from_user.empty() ? account.username : account.from_user;
  a.route = route_of(account);
  return a;
}

}  // namespace robocall::sip
