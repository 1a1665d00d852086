// AuthRepo: the web UI's users (argon2id hashes, a role), their browser
// sessions (stored by the hash of the cookie value, with the CSRF token) and
// the integration API's bearer tokens (hash only, optional expiry). Hashing
// is the caller's; nothing secret in clear is stored. Borrows a Connection:
// use it on that connection's thread only.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "domain/role.h"
#include "domain/task.h"
#include "store/connection.h"

namespace robocall::store {

struct User {
  std::int64_t id = 0;
  std::string login;
  std::string password_hash;  // argon2id encoded string
  domain::Instant created{};
  bool disabled = false;
  domain::Role role = domain::Role::kAdmin;
  bool must_change_password = false;
  std::optional<domain::Instant> last_login;
};

struct NewUser {
  std::string login;
  std::string password_hash;
  domain::Role role = domain::Role::kRegistrar;
  bool must_change_password = false;
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
  std::optional<domain::Instant> expires;
};

class AuthRepo {
 public:
  explicit AuthRepo(Connection& db) : db_(db) {}

  // A taken login is kConflict.
  Result<std::int64_t> create_user(const NewUser& user, domain::Instant now);
  Result<std::optional<User>> find_user(std::string_view login);
  Result<User> get_user(std::int64_t id);
  Result<std::vector<User>> users();  // by login
  Result<std::int64_t> count_users();
  // Administrators who are not disabled.
  Result<std::int64_t> count_active_admins();
  // Ends every session of the user except `keep_session` (a session id hash).
  Status set_password(std::int64_t user_id, std::string_view password_hash,
                      bool must_change_password, std::string_view keep_session = {});
  // Ends every session of the user when disabling.
  Status set_disabled(std::int64_t user_id, bool disabled);
  Status set_role(std::int64_t user_id, domain::Role role);
  Status set_last_login(std::int64_t user_id, domain::Instant at);

  Status create_session(const Session& session);
  Result<std::optional<Session>> find_session(std::string_view id_hash);
  Status touch_session(std::string_view id_hash, domain::Instant now);
  Status delete_session(std::string_view id_hash);
  // Ends sessions not seen since `seen_before` or opened before
  // `created_before`; returns how many.
  Result<std::int64_t> delete_stale_sessions(domain::Instant seen_before,
                                             domain::Instant created_before);

  // A taken name is kConflict.
  Result<std::int64_t> create_token(std::string_view name, std::string_view hash,
                                    domain::Instant now,
                                    std::optional<domain::Instant> expires = std::nullopt);
  // The token with this hash unless revoked (expired ones included).
  Result<std::optional<ApiToken>> find_token(std::string_view hash);
  Status touch_token(std::int64_t id, domain::Instant now);
  Status revoke_token(std::int64_t id);
  Result<std::vector<ApiToken>> tokens();  // by name, revoked included

 private:
  Connection& db_;
};

}  // namespace robocall::store
