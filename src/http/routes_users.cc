// Routes (administrators): GET/POST /api/users, PUT /api/users/{id} (role,
// disabled), POST /api/users/{id}/password (reset), GET/POST /api/tokens,
// POST /api/tokens/{id}/revoke. Every change is audited
// (docs/SECURITY.md "Users and roles", "Sessions and tokens").
#include <nlohmann/json.hpp>

#include "http/auth.h"
#include "http/json_input.h"
#include "http/reply.h"
#include "http/routes.h"
#include "http/time_format.h"
#include "http/users.h"
#include "store/auth_repo.h"

namespace robocall::http {
namespace {

nlohmann::json optional_time(const std::optional<domain::Instant>& t) {
  return t ? nlohmann::json(rfc3339(*t)) : nlohmann::json(nullptr);
}

nlohmann::json user_json(const store::User& u) {
  return {{"id", u.id},
          {"login", u.login},
          {"role", domain::to_string(u.role)},
          {"disabled", u.disabled},
          {"must_change_password", u.must_change_password},
          {"created_at", rfc3339(u.created)},
          {"last_login_at", optional_time(u.last_login)}};
}

nlohmann::json token_json(const store::ApiToken& t) {
  return {{"id", t.id},
          {"name", t.name},
          {"created_at", rfc3339(t.created)},
          {"last_used_at", optional_time(t.last_used)},
          {"expires_at", optional_time(t.expires)},
          {"revoked", t.revoked}};
}

Result<domain::Role> read_role(FieldReader& fields) {
  auto name = fields.string("role", 20);
  if (!fields.ok()) return fields.error();
  auto role = domain::role_from_string(*name);
  if (!role)
    return Error::invalid("Роль должна быть «admin» (Администратор) или «registrar» (Регистратор)");
  return *role;
}

Status list_users(RequestContext& ctx) {
  auto users = store::AuthRepo(ctx.db).users();
  if (!users.ok()) return users.error();
  auto items = nlohmann::json::array();
  for (const auto& u : *users) items.push_back(user_json(u));
  send_json(ctx.res, {{"items", std::move(items)}});
  return {};
}

Status create_user(RequestContext& ctx) {
  auto body = parse_json(ctx.req.body);
  if (!body.ok()) return body.error();
  FieldReader fields(*body);
  auto login_name = fields.string("login", 100);
  auto password = fields.string("password", 1000);
  if (!fields.ok()) return fields.error();
  auto role = read_role(fields);
  if (!role.ok()) return role.error();
  // A password an administrator chose is changed by its user at the first login.
  auto id = add_user(ctx.db, UserSpec{*login_name, *password, *role, true}, now(ctx));
  if (!id.ok()) return id.error();
  auto user = store::AuthRepo(ctx.db).get_user(*id);
  if (!user.ok()) return user.error();
  auto st = audit(ctx, "user.create",
                  {{"user_id", *id}, {"login", *login_name}, {"role", domain::to_string(*role)}});
  if (!st.ok()) return st;
  send_json(ctx.res, user_json(*user), 201);
  return {};
}

Status update_user(RequestContext& ctx) {
  auto id = path_id(ctx.req);
  if (!id.ok()) return id.error();
  auto body = parse_json(ctx.req.body);
  if (!body.ok()) return body.error();
  FieldReader fields(*body);
  if (!fields.has("role") && !fields.has("disabled")) {
    return Error::invalid("Укажите роль («role») или блокировку («disabled»)");
  }
  store::AuthRepo repo(ctx.db);
  auto before = repo.get_user(*id);
  if (!before.ok()) return before.error();
  if (fields.has("role")) {
    auto role = read_role(fields);
    if (!role.ok()) return role.error();
    if (*role != before->role) {
      if (auto st = set_role(ctx.db, *id, *role); !st.ok()) return st;
      auto st =
          audit(ctx, "user.role",
                {{"user_id", *id}, {"login", before->login}, {"role", domain::to_string(*role)}});
      if (!st.ok()) return st;
    }
  }
  if (fields.has("disabled")) {
    auto disabled = fields.boolean("disabled");
    if (!fields.ok()) return fields.error();
    if (*disabled != before->disabled) {
      if (auto st = set_disabled(ctx.db, *id, *disabled); !st.ok()) return st;
      auto st = audit(ctx, *disabled ? "user.disable" : "user.enable",
                      {{"user_id", *id}, {"login", before->login}});
      if (!st.ok()) return st;
    }
  }
  auto after = repo.get_user(*id);
  if (!after.ok()) return after.error();
  send_json(ctx.res, user_json(*after));
  return {};
}

Status reset_password(RequestContext& ctx) {
  auto id = path_id(ctx.req);
  if (!id.ok()) return id.error();
  auto body = parse_json(ctx.req.body);
  if (!body.ok()) return body.error();
  FieldReader fields(*body);
  auto password = fields.string("password", 1000);
  if (!fields.ok()) return fields.error();
  auto user = store::AuthRepo(ctx.db).get_user(*id);
  if (!user.ok()) return user.error();
  if (auto st = set_password(ctx.db, *id, *password, true); !st.ok()) return st;
  auto st = audit(ctx, "user.password_reset", {{"user_id", *id}, {"login", user->login}});
  if (!st.ok()) return st;
  ctx.res.status = 204;
  return {};
}

Status list_tokens(RequestContext& ctx) {
  auto tokens = store::AuthRepo(ctx.db).tokens();
  if (!tokens.ok()) return tokens.error();
  auto items = nlohmann::json::array();
  for (const auto& t : *tokens) items.push_back(token_json(t));
  send_json(ctx.res, {{"items", std::move(items)}});
  return {};
}

Status create_api_token(RequestContext& ctx) {
  auto body = parse_json(ctx.req.body);
  if (!body.ok()) return body.error();
  FieldReader fields(*body);
  auto name = fields.string("name", 100, false);
  std::optional<std::int64_t> days;
  if (fields.has("expires_days") && !fields.is_null("expires_days")) {
    days = fields.integer("expires_days", 1, 3650);
  }
  if (!fields.ok()) return fields.error();
  const auto at = now(ctx);
  std::optional<domain::Instant> expires;
  if (days) expires = at + std::chrono::days(*days);
  auto token = create_token(ctx.db, *name, at, expires);
  if (!token.ok()) return token.error();
  auto st = audit(ctx, "token.create", {{"name", *name}, {"expires_at", optional_time(expires)}});
  if (!st.ok()) return st;
  send_json(ctx.res, {{"name", *name}, {"token", *token}}, 201);
  return {};
}

Status revoke_api_token(RequestContext& ctx) {
  auto id = path_id(ctx.req);
  if (!id.ok()) return id.error();
  if (auto st = store::AuthRepo(ctx.db).revoke_token(*id); !st.ok()) return st;
  if (auto st = audit(ctx, "token.revoke", {{"token_id", *id}}); !st.ok()) return st;
  ctx.res.status = 204;
  return {};
}

}  // namespace

void add_user_routes(Router& router) {
  router.get("/api/users", Access::kAdmin, list_users);
  router.post("/api/users", Access::kAdmin, create_user);
  router.put(R"(/api/users/(\d+))", Access::kAdmin, update_user);
  router.post(R"(/api/users/(\d+)/password)", Access::kAdmin, reset_password);
  router.get("/api/tokens", Access::kAdmin, list_tokens);
  router.post("/api/tokens", Access::kAdmin, create_api_token);
  router.post(R"(/api/tokens/(\d+)/revoke)", Access::kAdmin, revoke_api_token);
}

}  // namespace robocall::http
