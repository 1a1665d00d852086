// The role of a web UI user (docs/SECURITY.md "Users and roles"): an
// administrator may do everything, a registrar works with tasks only
// (list, details, upload, export, playback). Names are the stored and JSON
// spelling; Russian labels are in labels.h. Pure value type, any thread.
#pragma once

#include <optional>
#include <string_view>

namespace robocall::domain {

enum class Role { kAdmin, kRegistrar };

std::string_view to_string(Role role);  // "admin", "registrar"
std::optional<Role> role_from_string(std::string_view name);

}  // namespace robocall::domain
