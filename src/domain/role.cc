#include "domain/role.h"

namespace robocall::domain {

std::string_view to_string(Role role) {
  switch (role) {
    case Role::kAdmin:
      return "admin";
    case Role::kRegistrar:
      return "registrar";
  }
  return "registrar";
}

std::optional<Role> role_from_string(std::string_view name) {
  for (auto role : {Role::kAdmin, Role::kRegistrar}) {
    if (to_string(role) == name) return role;
  }
  return std::nullopt;
}

}  // namespace robocall::domain
