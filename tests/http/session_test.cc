// Login, logout, "who am I", session cookies, CSRF, idle expiry, login rate
// limiting and the audit of it all, over real HTTP.
#include "api_fixture.h"
#include "domain/clock.h"
#include "http/secrets.h"
#include "store/audit_repo.h"
#include "store/auth_repo.h"

namespace robocall::http::testing {
namespace {

using Session = ApiTest;

bool has_action(store::Connection& db, std::string_view action) {
  auto entries = store::AuditRepo(db).list(100);
  if (!entries.ok()) return false;
  for (const auto& e : *entries) {
    if (e.action == action) return true;
  }
  return false;
}

TEST_F(Session, login_sets_a_strict_http_only_browser_session_cookie) {
  auto res = client().Post(
      "/api/login", nlohmann::json{{"login", kAdminLogin}, {"password", kAdminPassword}}.dump(),
      "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  auto cookie = res->get_header_value("Set-Cookie");
  EXPECT_TRUE(cookie.starts_with("robocall_session=")) << cookie;
  EXPECT_NE(cookie.find("; HttpOnly"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("; SameSite=Strict"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("; Path=/"), std::string::npos) << cookie;
  EXPECT_EQ(cookie.find("Max-Age"), std::string::npos) << cookie;
  EXPECT_EQ(cookie.find("Expires"), std::string::npos) << cookie;
  EXPECT_EQ(cookie.find("Secure"), std::string::npos) << "no TLS here: " << cookie;
  auto j = body(res);
  EXPECT_EQ(j["user"]["login"], kAdminLogin);
  EXPECT_EQ(j["csrf_token"].get<std::string>().size(), 64u);
  EXPECT_EQ(j["user"]["role"], "admin");
  EXPECT_EQ(j["user"]["must_change_password"], false);
  j["user"].erase("must_change_password");
  EXPECT_EQ(j.dump().find("password"), std::string::npos) << "no password, no hash";
  EXPECT_EQ(res->body.find("argon2"), std::string::npos);
  EXPECT_TRUE(has_action(db(), "auth.login"));
}

TEST_F(Session, me_answers_with_the_user_and_the_same_csrf_token) {
  auto b = login();
  auto res = get(b, "/api/me");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(body(res)["user"]["login"], kAdminLogin);
  EXPECT_EQ(body(res)["csrf_token"], b.csrf);
}

TEST_F(Session, only_the_hash_of_the_session_id_is_stored) {
  auto b = login();
  auto by_id = store::AuthRepo(db()).find_session(b.session_id);
  ASSERT_TRUE(by_id.ok());
  EXPECT_FALSE(*by_id);
  auto by_hash = store::AuthRepo(db()).find_session(sha256_hex(b.session_id));
  ASSERT_TRUE(by_hash.ok());
  EXPECT_TRUE(*by_hash);
}

TEST_F(Session, requests_without_a_valid_session_are_401) {
  Browser nobody;
  Browser forged{"robocall_session=" + std::string(64, 'a'), std::string(64, 'a'), ""};
  Browser malformed{"robocall_session=../../etc/passwd", "", ""};
  for (const auto& b : {nobody, forged, malformed}) {
    auto res = get(b, "/api/me");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 401) << b.cookie;
    EXPECT_EQ(error_code(res), "unauthenticated");
  }
}

TEST_F(Session, logout_ends_the_session_and_clears_the_cookie) {
  auto b = login();
  auto res = client().Post("/api/logout", headers(b), "", "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 204);
  EXPECT_NE(res->get_header_value("Set-Cookie").find("Max-Age=0"), std::string::npos);
  auto after = get(b, "/api/me");
  ASSERT_TRUE(after);
  EXPECT_EQ(after->status, 401);
  EXPECT_TRUE(has_action(db(), "auth.logout"));
}

TEST_F(Session, a_state_change_without_or_with_a_forged_csrf_token_is_refused) {
  auto b = login();
  for (auto token : {std::string(), std::string(64, '0'), b.csrf.substr(1), b.csrf + "x"}) {
    httpc::Headers h{{"Cookie", b.cookie}};
    if (!token.empty()) h.emplace("X-CSRF-Token", token);
    auto res = client().Post("/api/logout", h, "", "application/json");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 403) << token;
    EXPECT_EQ(error_code(res), "csrf");
  }
  auto still = get(b, "/api/me");
  ASSERT_TRUE(still);
  EXPECT_EQ(still->status, 200) << "nothing changed";
}

TEST_F(Session, another_sessions_csrf_token_does_not_pass) {
  auto a = login();
  auto b = login();
  httpc::Headers h{{"Cookie", a.cookie}, {"X-CSRF-Token", b.csrf}};
  auto res = client().Post("/api/logout", h, "", "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 403);
}

TEST_F(Session, an_idle_session_expires) {
  auto b = login();
  const auto long_ago =
      std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now()) -
      std::chrono::hours(1);
  ASSERT_TRUE(store::AuthRepo(db()).touch_session(sha256_hex(b.session_id), long_ago).ok());
  auto res = get(b, "/api/me");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 401);
  EXPECT_EQ(error_code(res), "unauthenticated");
  auto gone = store::AuthRepo(db()).find_session(sha256_hex(b.session_id));
  ASSERT_TRUE(gone.ok());
  EXPECT_FALSE(*gone);
}

// A server whose clock stands still until the test moves it.
class SessionOnAManualClock : public ApiTest {
 protected:
  void configure(ServerOptions& options) override { options.clock = &clock_; }

  const domain::Instant start_{std::chrono::sys_days{std::chrono::year{2026} / 11 / 27} +
                               std::chrono::hours{10}};
  domain::ManualClock clock_{start_};
};

TEST_F(SessionOnAManualClock, idles_out_and_is_audited_by_the_servers_clock) {
  auto b = login();
  clock_.advance(std::chrono::minutes(29));
  EXPECT_EQ(get(b, "/api/me")->status, 200) << "29 minutes idle";
  clock_.advance(std::chrono::minutes(31));
  EXPECT_EQ(get(b, "/api/me")->status, 401) << "31 minutes idle";
  auto entries = store::AuditRepo(db()).list(100);
  ASSERT_TRUE(entries.ok());
  bool logged_in = false;
  for (const auto& e : *entries) {
    if (e.action != "auth.login") continue;
    logged_in = true;
    EXPECT_EQ(e.at, start_);
  }
  EXPECT_TRUE(logged_in);
}

// A one-minute idle timeout on the manual clock, for the live status polls.
class SessionPolledByTheUi : public SessionOnAManualClock {
 protected:
  void configure(ServerOptions& options) override {
    SessionOnAManualClock::configure(options);
    options.session_idle = std::chrono::minutes(1);
  }
};

TEST_F(SessionPolledByTheUi, status_polls_do_not_keep_an_unattended_session_alive) {
  auto b = login();
  for (int i = 1; i <= 11; ++i) {  // the UI polls every 5 s: 5 ... 55 s after the login
    clock_.advance(std::chrono::seconds(5));
    ASSERT_EQ(get(b, "/api/status")->status, 200) << i * 5 << " s";
  }
  clock_.advance(std::chrono::seconds(10));
  auto res = get(b, "/api/status");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 401) << "65 s after the last request of the user's";
  EXPECT_EQ(error_code(res), "unauthenticated");
  EXPECT_FALSE(store::AuthRepo(db()).find_session(sha256_hex(b.session_id)).value());
}

TEST_F(SessionPolledByTheUi, a_request_of_the_users_between_polls_renews_the_session) {
  auto b = login();
  clock_.advance(std::chrono::seconds(30));
  ASSERT_EQ(get(b, "/api/status")->status, 200);
  ASSERT_EQ(get(b, "/api/me")->status, 200);
  clock_.advance(std::chrono::seconds(50));
  EXPECT_EQ(get(b, "/api/status")->status, 200) << "50 s after /api/me";
  clock_.advance(std::chrono::seconds(15));
  EXPECT_EQ(get(b, "/api/status")->status, 401) << "65 s after /api/me";
}

TEST_F(Session, a_wrong_password_and_an_unknown_login_get_the_same_answer) {
  auto c = client();
  auto wrong = c.Post("/api/login", nlohmann::json{{"login", "admin"}, {"password", "нет"}}.dump(),
                      "application/json");
  auto unknown =
      c.Post("/api/login", nlohmann::json{{"login", "nobody"}, {"password", "нет"}}.dump(),
             "application/json");
  ASSERT_TRUE(wrong && unknown);
  EXPECT_EQ(wrong->status, 401);
  EXPECT_EQ(unknown->status, 401);
  EXPECT_EQ(wrong->body, unknown->body);
  EXPECT_TRUE(wrong->get_header_value("Set-Cookie").empty());
  EXPECT_TRUE(has_action(db(), "auth.login_failed"));
}

TEST_F(Session, bad_login_bodies_are_400_with_a_json_error) {
  struct Case {
    std::string body;
    std::string why;
  } cases[] = {
      {"", "empty"},
      {"{", "malformed"},
      {"[1,2]", "not an object"},
      {R"({"login":"admin"})", "missing password"},
      {R"({"login":1,"password":"x"})", "login not a string"},
      {R"({"login":"admin","password":null})", "null password"},
      {"{\"login\":\"\xff\xfe\",\"password\":\"x\"}", "not UTF-8"},
  };
  for (const auto& c : cases) {
    auto res = client().Post("/api/login", c.body, "application/json");
    ASSERT_TRUE(res) << c.why;
    EXPECT_EQ(res->status, 400) << c.why;
    EXPECT_EQ(error_code(res), "invalid_argument") << c.why;
  }
}

TEST_F(Session, login_failures_are_limited_per_account) {
  auto c = client();
  const auto bad = nlohmann::json{{"login", "admin"}, {"password", "неверный"}}.dump();
  for (int i = 0; i < 5; ++i) {
    auto res = c.Post("/api/login", bad, "application/json");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 401) << i;
  }
  auto limited = c.Post("/api/login",
                        nlohmann::json{{"login", kAdminLogin}, {"password", kAdminPassword}}.dump(),
                        "application/json");
  ASSERT_TRUE(limited);
  EXPECT_EQ(limited->status, 429) << "even the right password waits";
  EXPECT_EQ(error_code(limited), "too_many_requests");
  auto retry_after = std::stoi(limited->get_header_value("Retry-After"));
  EXPECT_GT(retry_after, 0);
  EXPECT_LE(retry_after, 15 * 60);
  EXPECT_TRUE(has_action(db(), "auth.login_limited")) << "a 429 is audited";
}

Browser session_of(const httpc::Result& res) {
  Browser b;
  auto set_cookie = res->get_header_value("Set-Cookie");
  b.cookie = set_cookie.substr(0, set_cookie.find(';'));
  b.session_id = b.cookie.substr(b.cookie.find('=') + 1);
  b.csrf = nlohmann::json::parse(res->body).value("csrf_token", "");
  return b;
}

TEST_F(Session, wrong_passwords_for_one_account_neither_lock_another_nor_are_reset_by_its_login) {
  add_user_with_role("b-user", "пароль-б-123", domain::Role::kRegistrar);
  auto c = client();
  auto try_login = [&](std::string_view login, std::string_view password) {
    return c.Post("/api/login", nlohmann::json{{"login", login}, {"password", password}}.dump(),
                  "application/json");
  };
  for (int i = 0; i < 6; ++i) try_login(kAdminLogin, "неверный");
  EXPECT_EQ(try_login(kAdminLogin, kAdminPassword)->status, 429) << "account A is locked";
  auto b = try_login("b-user", "пароль-б-123");
  ASSERT_TRUE(b);
  EXPECT_EQ(b->status, 200) << "account B from the same address is not";
  EXPECT_EQ(get(session_of(b), "/api/me")->status, 200);
  EXPECT_EQ(try_login(kAdminLogin, kAdminPassword)->status, 429)
      << "B's success does not reset A's count";
}

class SessionWithFewAddressFailures : public ApiTest {
 protected:
  void configure(ServerOptions& options) override { options.login_failures_per_address = 8; }
};

TEST_F(SessionWithFewAddressFailures, failures_from_one_address_are_limited_across_accounts) {
  auto c = client();
  for (int i = 0; i < 8; ++i) {
    auto res =
        c.Post("/api/login",
               nlohmann::json{{"login", "guess-" + std::to_string(i)}, {"password", "x"}}.dump(),
               "application/json");
    EXPECT_EQ(res->status, 401) << i;
  }
  auto limited = c.Post("/api/login",
                        nlohmann::json{{"login", kAdminLogin}, {"password", kAdminPassword}}.dump(),
                        "application/json");
  ASSERT_TRUE(limited);
  EXPECT_EQ(limited->status, 429);
}

TEST_F(SessionOnAManualClock, a_session_past_its_absolute_lifetime_is_refused_even_while_active) {
  auto b = login();
  for (int i = 0; i < 12 * 3 - 1; ++i) {  // a request every 20 minutes for 11 h 40 min
    clock_.advance(std::chrono::minutes(20));
    ASSERT_EQ(get(b, "/api/me")->status, 200) << i;
  }
  clock_.advance(std::chrono::minutes(21));
  auto res = get(b, "/api/me");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 401) << "12 h after the login, however active";
  EXPECT_FALSE(store::AuthRepo(db()).find_session(sha256_hex(b.session_id)).value());
}

TEST_F(Session, a_password_change_ends_the_other_sessions_and_keeps_this_one) {
  auto here = login();
  auto there = login();
  auto res = post_json(here, "/api/password",
                       {{"current_password", kAdminPassword}, {"new_password", "новый-пароль-2"}});
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(get(here, "/api/me")->status, 200);
  EXPECT_EQ(get(there, "/api/me")->status, 401);
  EXPECT_TRUE(has_action(db(), "auth.password"));
  login_as(kAdminLogin, "новый-пароль-2");
}

TEST_F(Session, a_password_change_needs_the_current_password_and_a_strong_new_one) {
  auto b = login();
  for (const auto& change :
       {nlohmann::json{{"current_password", "неверный"}, {"new_password", "новый-пароль-2"}},
        nlohmann::json{{"current_password", kAdminPassword}, {"new_password", "short"}},
        nlohmann::json{{"current_password", kAdminPassword}, {"new_password", kAdminPassword}}}) {
    auto res = post_json(b, "/api/password", change);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 400) << change.dump();
  }
  login_as(kAdminLogin, kAdminPassword);
}

}  // namespace
}  // namespace robocall::http::testing
