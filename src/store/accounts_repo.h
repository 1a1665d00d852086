// AccountsRepo: the SIP trunk accounts, with exactly one default whenever any
// account exists (the first one becomes default; choosing another clears the
// old one; removing the default promotes the oldest remaining account).
// Borrows a Connection: use it on that connection's thread only.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "domain/task.h"
#include "store/connection.h"

namespace robocall::store {

struct SipAccountRecord {
  std::int64_t id = 0;
  std::string name;  // unique label
  std::string username;
  std::string password;  // never send it to a browser
  std::string server;
  std::string prefix;
  std::string caller_id;
  std::string from_user;
  std::string from_host;
  std::string realm;              // digest realm for the password; empty: the server's domain
  std::string transport = "udp";  // "udp" | "tcp" | "tls"
  bool register_enabled = false;  // REGISTER before and while calling
  int register_expiry_s = 600;    // requested expiry, 60..86400
  std::string outbound_proxy;     // host[:port]; empty: none
  std::string public_address;     // IP or host for Contact and SDP behind NAT
  bool is_default = false;
  domain::Instant updated{};
};

class AccountsRepo {
 public:
  explicit AccountsRepo(Connection& db) : db_(db) {}

  // Adds an account and returns its id. It becomes the default when asked or
  // when it is the first. A taken name is kConflict.
  Result<std::int64_t> create(const SipAccountRecord& account, domain::Instant now);
  // Changes every field of account.id; an empty password keeps the stored
  // one. is_default = true makes it the default; false on the current default
  // is kConflict (choose another default instead).
  Status update(const SipAccountRecord& account, domain::Instant now);
  Status set_default(std::int64_t id, domain::Instant now);
  Status remove(std::int64_t id);

  Result<SipAccountRecord> get(std::int64_t id);
  Result<std::optional<SipAccountRecord>> get_default();
  Result<std::vector<SipAccountRecord>> list();  // by name

 private:
  Connection& db_;
};

}  // namespace robocall::store
