// GET /metrics and GET /healthz over real HTTP (docs/DESIGN.md "Metrics and
// health"): metrics open on loopback, a token behind a TLS proxy (where every
// client looks local); HTTP requests counted by the router's pattern, never
// the raw path; health 200 with its checks, 503 naming a locked database.
#include "api_fixture.h"
#include "http/auth.h"
#include "http/openapi_document.h"

namespace robocall::http::testing {
namespace {

domain::Instant now_s() {
  return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
}

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

using Ops = ApiTest;

TEST_F(Ops, metrics_are_open_on_loopback_and_count_requests_by_route_pattern) {
  auto b = login();
  ASSERT_EQ(get(b, "/api/tasks/424242")->status, 404);
  auto res = client().Get("/metrics");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_TRUE(res->get_header_value("Content-Type").starts_with("text/plain; version=0.0.4"));
  const auto& t = res->body;
  EXPECT_TRUE(has(t, "robocall_up 1\n")) << t;
  EXPECT_TRUE(
      has(t, "robocall_http_requests_total{route=\"/api/login\",method=\"POST\",code=\"200\"} 1\n"))
      << t;
  const std::string task_route = R"x(route="/api/tasks/(\\d+)",method="GET",code="404"} 1)x";
  EXPECT_TRUE(has(t, "robocall_http_requests_total{" + task_route)) << t;
  EXPECT_FALSE(has(t, "424242")) << "a raw path must not become a label";
  EXPECT_TRUE(has(t,
                  "robocall_http_request_seconds_bucket{route=\"/api/"
                  "login\",method=\"POST\",le=\"+Inf\"} 1\n"));
  EXPECT_TRUE(has(t, "robocall_tasks{state=\"pending\"} 0\n"));
  EXPECT_TRUE(has(t, "robocall_webhook_queue 0\n"));
  EXPECT_TRUE(has(t, "robocall_imported_rows_total{source=\"xlsx\"} 0\n"));
}

class OpsBehindProxy : public ApiTest {
 protected:
  void configure(ServerOptions& o) override { o.behind_tls_proxy = true; }
};

TEST_F(OpsBehindProxy, metrics_need_an_api_token_when_clients_may_come_through_a_proxy) {
  auto none = client().Get("/metrics");
  ASSERT_TRUE(none);
  EXPECT_EQ(none->status, 401);
  EXPECT_EQ(none->get_header_value("WWW-Authenticate"), "Bearer");
  auto wrong = client().Get("/metrics", {{"Authorization", "Bearer not-a-token"}});
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->status, 401);
  auto token = create_token(db(), "prometheus", now_s());
  ASSERT_TRUE(token.ok());
  auto res = client().Get("/metrics", {{"Authorization", "Bearer " + *token}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_TRUE(has(res->body, "robocall_up 1\n"));
  EXPECT_FALSE(has(res->body, *token));
}

TEST_F(Ops, health_is_200_without_login_and_names_its_checks) {
  auto res = client().Get("/healthz");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  const auto j = body(res);
  EXPECT_EQ(j["status"], "ok");
  EXPECT_EQ(j["checks"]["process"], "ok");
  EXPECT_EQ(j["checks"]["database"], "ok");
  EXPECT_EQ(j["checks"]["sip"], "off");  // no dialer in this server
  EXPECT_EQ(j["checks"]["dialer"], "off");
}

TEST_F(Ops, health_is_503_naming_the_database_when_no_write_lock_can_be_taken) {
  ASSERT_TRUE(db().exec("BEGIN IMMEDIATE").ok());
  auto res = client().Get("/healthz");
  ASSERT_TRUE(db().exec("ROLLBACK").ok());
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 503);
  const auto j = body(res);
  EXPECT_EQ(j["status"], "error");
  EXPECT_TRUE(std::string(j["checks"]["database"]).starts_with("База данных")) << j.dump();
}

TEST_F(Ops, both_routes_are_in_the_openapi_document) {
  const std::string_view doc = openapi_document();
  EXPECT_TRUE(doc.find("\n  /metrics:\n") != std::string_view::npos);
  EXPECT_TRUE(doc.find("\n  /healthz:\n") != std::string_view::npos);
}

}  // namespace
}  // namespace robocall::http::testing
