// Account: the settings of one SIP trunk account and the URIs built from them
// for an outbound call. Plain value type and pure functions: any thread may use
// them.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/result.h"

namespace robocall::sip {

enum class Transport { kUdp, kTcp, kTls };

struct Account {
  std::string name;      // label shown to administrators
  std::string username;  // digest user, and From user unless from_user is set
  std::string password;
  std::string server;  // host or host:port of the trunk
  Transport transport = Transport::kUdp;
  std::string prefix;  // dialled before the 10 digits, may be empty
  // «Номер для определителя»: a Russian number in any usual writing; the From
  // display name as typed and, as E.164, the P-Asserted-Identity. Empty: none.
  std::string caller_id;
  std::string from_user;  // overrides username in From when set
  std::string from_host;  // overrides server in From when set
  // The digest realm our credentials answer; empty: the From domain's host
  // (from_host, else server), as providers and kamailio challenge.
  std::string realm;
  bool register_enabled = false;  // «Регистрация»: REGISTER before and while calling
  int register_expiry_s = 600;    // requested expiry, 60..86400
  std::string outbound_proxy;     // host[:port], empty: none (loose routing, Route ;lr)
  std::string public_address;     // IP or host for Contact and SDP behind NAT, empty: ours
};

// The addresses one call uses, ready for the SIP stack.
struct CallAddresses {
  std::string request_uri;        // sip:<prefix><digits>@<server>[;transport=tcp]
  std::string from_uri;           // sip:<from_user|username>@<from_host|server>
  std::string from_display_name;  // caller_id as typed, may be empty
  // P-Asserted-Identity: <sip:+74951234567@<from host>;user=phone>; empty when
  // no caller_id (see asserted_identity_of).
  std::string asserted_identity;
  std::string route;         // sip:<outbound proxy>;lr[;transport=tcp], empty when none
  std::string contact_user;  // the user part of our Contact: the From user
};

// The addresses of an account's REGISTER (RFC 3261 section 10.2).
struct RegisterAddresses {
  std::string registrar_uri;  // sip:<server>[;transport=tcp]
  std::string aor;            // To and From: the call's From URI
  std::string contact_user;   // the user part of our Contact
  std::string route;          // as CallAddresses::route
};

// The realm a challenge must name for the account's credentials to be sent
// (docs/SECURITY.md "SIP"): realm, else the host of from_host or server.
std::string expected_realm(const Account& account);

// Realms compare without regard to ASCII case, as domain names do.
bool same_realm(std::string_view a, std::string_view b);

// True for exactly ten ASCII digits.
bool is_ten_digits(std::string_view digits);

// The caller ID as the E.164 number «+7XXXXXXXXXX» (domain/phone.h rules:
// 10 digits, 8 or 7 and 10 digits, +7, separators). Anything else:
// Errc::kInvalidArgument with a Russian message naming the field.
Result<std::string> caller_id_e164(std::string_view caller_id);

// The P-Asserted-Identity value for an E.164 number and the From host. A SIP
// URI with user=phone rather than tel: trunks route and check it like the
// From (same domain, RFC 3325 section 9.1 allows either); kamailio and the
// Russian carriers we met parse it, while some drop a bare tel: URI.
std::string asserted_identity_of(std::string_view e164, std::string_view host);

// Checks the account (server present, host:port well formed, prefix digits or
// '+', no characters that break a SIP header) and the 10 digits, then builds
// the addresses. A TLS account is refused (the SIP stack here has no TLS
// transport). Bad input: Errc::kInvalidArgument with a Russian message.
Result<CallAddresses> call_addresses(const Account& account, std::string_view to_digits);

// The same checks, then the REGISTER's addresses.
Result<RegisterAddresses> register_addresses(const Account& account);

}  // namespace robocall::sip
