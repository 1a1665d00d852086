// Security headers, body limits, the JSON error model for unknown paths,
// static files of the UI without path traversal, and the OpenAPI document.
#include "api_fixture.h"
#include "store/auth_repo.h"

namespace robocall::http::testing {
namespace {

using Security = ApiTest;

void expect_security_headers(const httpc::Response& res, const std::string& what) {
  auto csp = res.get_header_value("Content-Security-Policy");
  EXPECT_NE(csp.find("default-src 'self'"), std::string::npos) << what;
  EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos) << what;
  EXPECT_EQ(res.get_header_value("X-Content-Type-Options"), "nosniff") << what;
  EXPECT_EQ(res.get_header_value("X-Frame-Options"), "DENY") << what;
  EXPECT_EQ(res.get_header_value("Referrer-Policy"), "no-referrer") << what;
}

TEST_F(Security, every_response_carries_the_security_headers) {
  auto b = login();
  auto c = client();
  struct Case {
    std::string what;
    httpc::Result res;
  } cases[] = {
      {"api ok", get(b, "/api/me")},
      {"api 401", c.Get("/api/me")},
      {"api 404", c.Get("/api/nothing-here")},
      {"static", c.Get("/")},
      {"asset", c.Get("/assets/app-1a2b3c.js")},
      {"static 404", c.Get("/assets/missing.js")},
  };
  for (auto& x : cases) {
    ASSERT_TRUE(x.res) << x.what;
    expect_security_headers(*x.res, x.what);
  }
}

TEST_F(Security, api_responses_are_never_cached) {
  auto b = login();
  httpc::Result results[] = {get(b, "/api/me"), client().Get("/api/me"),
                             client().Get("/api/nothing")};
  for (const auto& res : results) {
    ASSERT_TRUE(res);
    EXPECT_EQ(res->get_header_value("Cache-Control"), "no-store");
  }
}

TEST_F(Security, unknown_api_paths_are_404_in_the_json_error_model) {
  auto b = login();
  for (auto path : {"/api/nothing", "/api/tasks/abc", "/api/", "/api/v2/tasks"}) {
    auto res = get(b, path);
    ASSERT_TRUE(res) << path;
    EXPECT_EQ(res->status, 404) << path;
    EXPECT_EQ(error_code(res), "not_found") << path;
    EXPECT_EQ(res->get_header_value("Content-Type"), "application/json; charset=utf-8");
  }
}

TEST_F(Security, a_declared_body_over_the_limit_is_413_before_it_is_read) {
  auto response = raw_request(
      "POST /api/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
      "Content-Length: 2097152\r\n\r\n{");
  EXPECT_TRUE(response.starts_with("HTTP/1.1 413")) << response.substr(0, 200);
  EXPECT_NE(response.find("payload_too_large"), std::string::npos);
  EXPECT_NE(response.find("Connection: close"), std::string::npos);
}

TEST_F(Security, a_sent_body_over_the_limit_is_413_and_changes_nothing) {
  auto b = login();
  std::string huge = "{\"login\":\"" + std::string(2 * 1024 * 1024, 'a') + "\"}";
  auto res = client().Post("/api/login", huge, "application/json");
  if (res) {
    EXPECT_EQ(res->status, 413);
    EXPECT_EQ(error_code(res), "payload_too_large");
  }
  auto still = get(b, "/api/me");
  ASSERT_TRUE(still);
  EXPECT_EQ(still->status, 200);
}

TEST_F(Security, a_json_post_without_the_json_content_type_is_415_and_changes_nothing) {
  auto b = login();
  const auto creds = nlohmann::json{{"login", kAdminLogin}, {"password", kAdminPassword}}.dump();
  const auto user =
      nlohmann::json{{"login", "intruder"}, {"password", "12345678"}, {"role", "admin"}}.dump();
  for (auto type : {"text/plain", "application/x-www-form-urlencoded", "", "application/jsonx"}) {
    // A cross-site form can send these: login CSRF, or a change in the victim's session.
    auto login = client().Post("/api/login", creds, type);
    ASSERT_TRUE(login) << type;
    EXPECT_EQ(login->status, 415) << type;
    EXPECT_EQ(error_code(login), "unsupported_media_type") << type;
    EXPECT_TRUE(login->get_header_value("Set-Cookie").empty()) << type;
    auto made = client().Post("/api/users", headers(b), user, type);
    ASSERT_TRUE(made) << type;
    EXPECT_EQ(made->status, 415) << type;
    auto password = client().Post(
        "/api/password", headers(b),
        nlohmann::json{{"current_password", kAdminPassword}, {"new_password", "чужой-пароль"}}
            .dump(),
        type);
    EXPECT_EQ(password->status, 415) << type;
  }
  EXPECT_EQ(store::AuthRepo(db()).count_users().value(), 1);
  EXPECT_EQ(get(b, "/api/me")->status, 200) << "the password did not change";
  auto with_charset = client().Post("/api/login", creds, "application/json; charset=utf-8");
  EXPECT_EQ(with_charset->status, 200);
}

TEST_F(Security, serves_the_ui_with_the_single_page_fallback) {
  auto c = client();
  auto index = c.Get("/");
  ASSERT_TRUE(index);
  EXPECT_EQ(index->status, 200);
  EXPECT_NE(index->body.find("<title>robocall</title>"), std::string::npos);
  EXPECT_EQ(index->get_header_value("Cache-Control"), "no-cache");
  auto route = c.Get("/settings/sip");
  ASSERT_TRUE(route);
  EXPECT_EQ(route->status, 200);
  EXPECT_EQ(route->body, index->body);
  auto asset = c.Get("/assets/app-1a2b3c.js");
  ASSERT_TRUE(asset);
  EXPECT_EQ(asset->get_header_value("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_NE(asset->get_header_value("Cache-Control").find("immutable"), std::string::npos);
}

TEST_F(Security, path_traversal_never_leaves_the_web_root) {
  for (auto target :
       {"/../secret.txt", "/assets/../../secret.txt", "/%2e%2e/secret.txt", "/%2e%2e%2fsecret.txt",
        "/..%2fsecret.txt", "/assets/..%5c..%5csecret.txt", "/.%2e/.%2e/secret.txt"}) {
    auto response = raw_request(std::string("GET ") + target +
                                " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    EXPECT_EQ(response.find("outside the web root"), std::string::npos) << target;
    EXPECT_TRUE(response.starts_with("HTTP/1.1 404") || response.starts_with("HTTP/1.1 400"))
        << target << ": " << response.substr(0, 40);
  }
}

TEST_F(Security, the_openapi_document_is_served_without_login) {
  auto res = client().Get("/api/openapi.yaml");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_TRUE(res->body.starts_with("openapi: 3"));
  EXPECT_NE(res->body.find("/api/tasks/export"), std::string::npos);
}

}  // namespace
}  // namespace robocall::http::testing
