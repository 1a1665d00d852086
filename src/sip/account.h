// Account: the settings of one SIP trunk account and the URIs built from them
// for an outbound call. Plain value type and pure functions: any thread may use
// them.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/result.h"

namespace robocall::sip {

enum class Transport { kUdp, kTcp, kTls };  // kTls added

struct Account {
  std::string name;      // label shown to administrators
  std::string username;  // digest user, and From user unless from_user is set
  std::string password;
  std::string server;  // host or host:port of the trunk
  Transport transport = Transport::kUdp;
  std::string prefix;     // dialled before the 10 digits, may be empty
  std::string caller_id;  // From display name and P-Asserted-Identity when set
  std::string from_user;  // overrides username in From when set
  std::string from_host;  // overrides server in From when set
  // The digest realm our credentials answer; empty: the From domain's host
  // (from_host, else server), as providers and kamailio challenge.
  std::string realm;
  std::string public_address;  // IP or host for Contact and SDP behind NAT, empty: ours
};

// The addresses one call uses, ready for the SIP stack.
struct CallAddresses {
  std::string request_uri;        // sip:<prefix><digits>@<server>[;transport=tcp]
  std::string from_uri;           // sip:<from_user|username>@<from_host|server>
  std::string from_display_name;  // caller_id, may be empty
  std::string asserted_identity;  // P-Asserted-Identity value, empty when no caller_id
  std::string contact_user;       // the user part of our Contact: the From user
};

// The realm a challenge must name for the account's credentials to be sent
// (docs/SECURITY.md "SIP"): realm, else the host of from_host or server.
std::string expected_realm(const Account& account);

// Realms compare without regard to ASCII case, as domain names do.
bool same_realm(std::string_view a, std::string_view b);

// True for exactly ten ASCII digits.
bool is_ten_digits(std::string_view digits);

// Checks the account (server present, host:port well formed, prefix digits or
// '+', no characters that break a SIP header) and the 10 digits, then builds
// the addresses. Bad input: Errc::kInvalidArgument with a Russian message.
Result<CallAddresses> call_addresses(const Account& account, std::string_view to_digits);

}  // namespace robocall::sip
