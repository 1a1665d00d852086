// Roles, user administration and API tokens over real HTTP
// (docs/SECURITY.md "Users and roles", "Sessions and tokens"): each test
// attacks one rule as a registrar, a disabled user or a stale token would.
#include <regex>

#include "api_fixture.h"
#include "domain/clock.h"
#include "store/audit_repo.h"
#include "store/auth_repo.h"

namespace robocall::http::testing {
namespace {

using Roles = ApiTest;

constexpr std::string_view kRegistrarPassword = "регистратор-1";

// A path the route's pattern matches: every group (an id, a fragment name) becomes 1.
std::string concrete_path(const std::string& pattern) {
  return std::regex_replace(pattern, std::regex(R"(\([^()]*\))"), "1");
}

int count_action(store::Connection& db, std::string_view action) {
  auto entries = store::AuditRepo(db).list(1000);
  if (!entries.ok()) return -1;
  return static_cast<int>(std::count_if(entries->begin(), entries->end(),
                                        [&](const auto& e) { return e.action == action; }));
}

TEST_F(Roles, a_registrar_gets_403_on_every_administrators_route) {
  add_user_with_role("reg", kRegistrarPassword, domain::Role::kRegistrar);
  auto reg = login_as("reg", kRegistrarPassword);
  int admin_routes = 0;
  for (const auto& route : routes()) {
    if (!route.admin_only) continue;
    ++admin_routes;
    const auto path = concrete_path(route.pattern);
    auto c = client();
    httpc::Result res = route.method == "GET"      ? c.Get(path, headers(reg))
                        : route.method == "DELETE" ? c.Delete(path, headers(reg))
                        : route.method == "PUT"
                            ? c.Put(path, headers(reg), "{}", "application/json")
                            : c.Post(path, headers(reg), "{}", "application/json");
    ASSERT_TRUE(res) << route.method << " " << path;
    EXPECT_EQ(res->status, 403) << route.method << " " << path << ": " << res->body;
    EXPECT_EQ(error_code(res), "permission_denied") << route.method << " " << path;
  }
  // Settings, SIP, phrases, webhook, dialer on/off, users, tokens, audit.
  EXPECT_GE(admin_routes, 25);
  EXPECT_EQ(count_action(db(), "access.denied"), admin_routes) << "every refusal is audited";
  auto me = get(reg, "/api/me");
  ASSERT_TRUE(me);
  EXPECT_EQ(body(me)["user"]["role"], "registrar");
}

TEST_F(Roles, a_registrar_still_works_with_tasks_and_the_live_status) {
  add_user_with_role("reg", kRegistrarPassword, domain::Role::kRegistrar);
  auto reg = login_as("reg", kRegistrarPassword);
  for (auto path : {"/api/tasks", "/api/status", "/api/imports/example.xlsx"}) {
    auto res = get(reg, path);
    ASSERT_TRUE(res) << path;
    EXPECT_EQ(res->status, 200) << path << ": " << res->body;
  }
}

TEST_F(Roles, an_administrator_adds_a_registrar_who_must_first_change_the_password) {
  auto admin = login();
  auto made = post_json(admin, "/api/users",
                        {{"login", "reg"}, {"password", "временный-1"}, {"role", "registrar"}});
  ASSERT_TRUE(made);
  ASSERT_EQ(made->status, 201) << made->body;
  EXPECT_EQ(body(made)["role"], "registrar");
  EXPECT_EQ(made->body.find("временный"), std::string::npos) << "no password in the answer";
  auto reg = login_as("reg", "временный-1");
  EXPECT_EQ(body(get(reg, "/api/me"))["user"]["must_change_password"], true);
  auto refused = get(reg, "/api/tasks");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 403);
  EXPECT_EQ(error_code(refused), "password_change_required");
  auto changed =
      post_json(reg, "/api/password",
                {{"current_password", "временный-1"}, {"new_password", "свой-пароль-1"}});
  ASSERT_TRUE(changed);
  ASSERT_EQ(changed->status, 200) << changed->body;
  EXPECT_EQ(get(reg, "/api/tasks")->status, 200) << "the changing session goes on";
  EXPECT_EQ(count_action(db(), "user.create"), 1);
  auto list = body(get(admin, "/api/users"));
  ASSERT_EQ(list["items"].size(), 2u);
  EXPECT_EQ(list["items"][1]["login"], "reg");
  EXPECT_FALSE(list["items"][1]["last_login_at"].is_null());
}

TEST_F(Roles, a_user_switched_off_loses_their_live_session_at_once) {
  const auto id = add_user_with_role("reg", kRegistrarPassword, domain::Role::kRegistrar);
  auto reg = login_as("reg", kRegistrarPassword);
  ASSERT_EQ(get(reg, "/api/tasks")->status, 200);
  auto admin = login();
  auto res = put_json(admin, "/api/users/" + std::to_string(id), {{"disabled", true}});
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  auto after = get(reg, "/api/tasks");
  ASSERT_TRUE(after);
  EXPECT_EQ(after->status, 401);
  auto again = client().Post(
      "/api/login", nlohmann::json{{"login", "reg"}, {"password", kRegistrarPassword}}.dump(),
      "application/json");
  EXPECT_EQ(again->status, 401) << "nor can they log in";
  EXPECT_EQ(count_action(db(), "user.disable"), 1);
}

TEST_F(Roles, the_last_active_administrator_can_be_neither_switched_off_nor_demoted) {
  auto admin = login();
  const auto self = body(get(admin, "/api/me"))["user"]["id"].get<std::int64_t>();
  const auto path = "/api/users/" + std::to_string(self);
  for (const auto& change :
       {nlohmann::json{{"disabled", true}}, nlohmann::json{{"role", "registrar"}}}) {
    auto res = put_json(admin, path, change);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 409) << change.dump();
    EXPECT_NE(body(res)["error"]["message"].get<std::string>().find("последний"),
              std::string::npos);
  }
  auto user = store::AuthRepo(db()).get_user(self).value();
  EXPECT_EQ(user.role, domain::Role::kAdmin);
  EXPECT_FALSE(user.disabled);
  EXPECT_EQ(get(admin, "/api/me")->status, 200);
}

TEST_F(Roles, a_password_reset_ends_the_users_sessions_and_requires_a_change) {
  const auto id = add_user_with_role("reg", kRegistrarPassword, domain::Role::kRegistrar);
  auto reg = login_as("reg", kRegistrarPassword);
  auto admin = login();
  auto res = post_json(admin, "/api/users/" + std::to_string(id) + "/password",
                       {{"password", "новый-временный"}});
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 204) << res->body;
  EXPECT_EQ(get(reg, "/api/tasks")->status, 401);
  auto fresh = login_as("reg", "новый-временный");
  EXPECT_EQ(get(fresh, "/api/tasks")->status, 403);
  EXPECT_EQ(count_action(db(), "user.password_reset"), 1);
}

TEST_F(Roles, bad_user_input_is_refused_and_changes_nothing) {
  auto admin = login();
  struct Case {
    nlohmann::json body;
    int status;
  } cases[] = {
      {{{"login", "x"}, {"password", "короткий"}, {"role", "root"}}, 400},
      {{{"login", "x"}, {"password", "1234567"}, {"role", "registrar"}}, 400},
      {{{"login", "с пробелом"}, {"password", "12345678"}, {"role", "registrar"}}, 400},
      {{{"login", "admin"}, {"password", "12345678"}, {"role", "registrar"}}, 409},
  };
  for (const auto& c : cases) {
    auto res = post_json(admin, "/api/users", c.body);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, c.status) << c.body.dump() << ": " << res->body;
  }
  EXPECT_EQ(store::AuthRepo(db()).count_users().value(), 1);
}

// Tokens on a server whose clock stands still until the test moves it.
class Tokens : public ApiTest {
 protected:
  void configure(ServerOptions& options) override { options.clock = &clock_; }

  httpc::Result read_tasks(const std::string& token) {
    return client().Get("/api/v1/tasks", {{"Authorization", "Bearer " + token}});
  }

  domain::ManualClock clock_{
      domain::Instant{std::chrono::sys_days{std::chrono::year{2026} / 11 / 27}}};
};

TEST_F(Tokens, a_revoked_and_an_expired_token_get_401) {
  auto admin = login();
  auto kept = post_json(admin, "/api/tokens", {{"name", "mis"}});
  auto revoked = post_json(admin, "/api/tokens", {{"name", "old-mis"}});
  auto expiring = post_json(admin, "/api/tokens", {{"name", "trial"}, {"expires_days", 1}});
  ASSERT_TRUE(kept && revoked && expiring);
  ASSERT_EQ(expiring->status, 201) << expiring->body;
  const std::string kept_token = body(kept)["token"];
  const std::string revoked_token = body(revoked)["token"];
  const std::string expiring_token = body(expiring)["token"];
  for (const auto& t : {kept_token, revoked_token, expiring_token}) {
    EXPECT_EQ(read_tasks(t)->status, 200);
  }
  auto list = body(get(admin, "/api/tokens"));
  ASSERT_EQ(list["items"].size(), 3u);
  std::int64_t old_id = 0;
  for (const auto& item : list["items"]) {
    EXPECT_FALSE(item.contains("token"));
    EXPECT_FALSE(item.contains("hash"));
    if (item["name"] == "old-mis") old_id = item["id"];
    EXPECT_FALSE(item["last_used_at"].is_null()) << item.dump();
  }
  auto res = post_json(admin, "/api/tokens/" + std::to_string(old_id) + "/revoke",
                       nlohmann::json::object());
  ASSERT_EQ(res->status, 204) << res->body;
  EXPECT_EQ(read_tasks(revoked_token)->status, 401);
  clock_.advance(std::chrono::hours(24));
  EXPECT_EQ(read_tasks(expiring_token)->status, 401);
  EXPECT_EQ(read_tasks(kept_token)->status, 200);
  EXPECT_EQ(count_action(db(), "token.revoke"), 1);
  EXPECT_NE(kept->body.find(kept_token), std::string::npos);
  for (const auto& t : {kept_token, revoked_token, expiring_token}) {
    auto stored = store::AuthRepo(db()).tokens().value();
    for (const auto& s : stored) EXPECT_NE(s.hash, t) << "only the hash is stored";
  }
}

}  // namespace
}  // namespace robocall::http::testing
