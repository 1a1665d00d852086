// User administration (docs/SECURITY.md "Users and roles"): add a user with
// a role, change the role, disable or enable, set a password, create the
// first administrator. The last active administrator can be neither
// disabled nor demoted. The API (routes_users.cc) and the CLI (robocall
// user) call these; any thread, with that thread's Connection.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/result.h"
#include "domain/role.h"
#include "domain/task.h"
#include "store/connection.h"

namespace robocall::http {

struct UserSpec {
  std::string login;
  std::string password;
  domain::Role role = domain::Role::kAdmin;
  // The user must choose a new password at the next login (a password an
  // administrator gave them).
  bool must_change_password = false;
};

// Returns the new user's id; a taken login is kConflict, a bad login or a
// short password kInvalidArgument.
Result<std::int64_t> add_user(store::Connection& db, const UserSpec& user, domain::Instant now);
// An administrator who need not change the password (the CLI, test fixtures).
Status add_user(store::Connection& db, std::string_view login, std::string_view password,
                domain::Instant now);

// The id of the user with this login; kNotFound with a Russian message.
Result<std::int64_t> user_id(store::Connection& db, std::string_view login);

// Sets a password and ends every session of the user.
Status set_password(store::Connection& db, std::int64_t user_id, std::string_view password,
                    bool must_change_password);
// Both refuse (kConflict) to leave no active administrator. Disabling ends
// every session of the user.
Status set_role(store::Connection& db, std::int64_t user_id, domain::Role role);
Status set_disabled(store::Connection& db, std::int64_t user_id, bool disabled);

// On first start (no users at all) creates the administrator "admin" with a
// random password that must be changed at the first login, and returns that
// password (for the 0600 file, never the log); otherwise nullopt.
Result<std::optional<std::string>> ensure_admin(store::Connection& db, domain::Instant now);

}  // namespace robocall::http
