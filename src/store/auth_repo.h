// AuthRepo: administrators (argon2id hashes), their browser sessions (stored
// by the hash of the cookie value, with the CSRF token) and the integration
// API's bearer tokens (hash only). Hashing is the caller's; nothing secret in
// clear is stored. Borrows a Connection: use it on that connection's thread only.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "domain/task.h"
#include "store/connection.h"

namespace robocall::store {

struct User {
  std::int64_t id = 0;
  std::string login;
  std::string password_hash;  // argon2id encoded string
  domain::Instant created{};
  bool disabled = false;
};

struct Session {
  std::string id_hash;  // hash of the cookie value
  std::int64_t user_id = 0;
  std::string csrf_token;
  domain::Instant created{};
  domain::Instant last_seen{};
};

struct ApiToken {
  std::int64_t id = 0;
  std::string name;
  std::string hash;
  domain::Instant created{};
  std::optional<domain::Instant> last_used;
  bool revoked = false;
};

class AuthRepo {
 public:
  explicit AuthRepo(Connection& db) : db_(db) {}

  // A taken login is kConflict.
  Result<std::int64_t> create_user(std::string_view login, std::string_view password_hash,
                                   domain::Instant now);
  Result<std::optional<User>> find_user(std::string_view login);
  Result<User> get_user(std::int64_t id);
  Result<std::int64_t> count_users();
  // Both end every session of the user.
  Status set_password(std::int64_t user_id, std::string_view password_hash);
  Status set_disabled(std::int64_t user_id, bool disabled);

  Status create_session(const Session& session);
  Result<std::optional<Session>> find_session(std::string_view id_hash);
  Status touch_session(std::string_view id_hash, domain::Instant now);
  Status delete_session(std::string_view id_hash);
  // Ends sessions not seen since `seen_before`; returns how many.
  Result<std::int64_t> delete_idle_sessions(domain::Instant seen_before);

  // A taken name is kConflict.
  Result<std::int64_t> create_token(std::string_view name, std::string_view hash,
                                    domain::Instant now);
  // The token with this hash unless revoked.
  Result<std::optional<ApiToken>> find_token(std::string_view hash);
  Status touch_token(std::int64_t id, domain::Instant now);
  Status revoke_token(std::string_view name);
  Result<std::vector<ApiToken>> tokens();  // by name, revoked included

 private:
  Connection& db_;
};

}  // namespace robocall::store
