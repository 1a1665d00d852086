// The TLS rule (docs/SECURITY.md "TLS and proxies"): the server refuses to
// listen on an address other than loopback without TLS unless it is told
// it sits behind a TLS proxy; behind one (or with TLS) the session cookie
// is Secure and every answer carries Strict-Transport-Security.
#include "api_fixture.h"
#include "store/schema.h"

namespace robocall::http::testing {
namespace {

Status bind_on(const std::string& host, bool behind_tls_proxy) {
  store::TempDir temp;
  const auto db_path = temp.file("robocall.db");
  EXPECT_TRUE(store::open_database(db_path).ok());
  ServerOptions o;
  o.host = host;
  o.port = 0;
  o.db_path = db_path;
  o.data_dir = temp.file("data");
  o.behind_tls_proxy = behind_tls_proxy;
  Server server(std::move(o));
  auto st = server.bind();
  server.stop();
  return st;
}

TEST(TlsRule, a_server_on_every_address_without_tls_or_a_proxy_refuses_to_start) {
  for (std::string host : {"0.0.0.0", "::", "192.0.2.10"}) {
    auto st = bind_on(host, false);
    ASSERT_FALSE(st.ok()) << host;
    EXPECT_NE(st.error().message.find("--tls-cert"), std::string::npos) << st.error().message;
    EXPECT_NE(st.error().message.find("--behind-tls-proxy"), std::string::npos)
        << st.error().message;
  }
}

TEST(TlsRule, loopback_needs_neither_tls_nor_a_proxy) {
  for (std::string host : {"127.0.0.1", "localhost"}) {
    auto st = bind_on(host, false);
    EXPECT_TRUE(st.ok()) << host << ": " << st.error().message;
  }
}

class BehindTlsProxy : public ApiTest {
 protected:
  void configure(ServerOptions& o) override { o.behind_tls_proxy = true; }
};

TEST_F(BehindTlsProxy, the_session_cookie_is_secure_and_answers_carry_hsts) {
  auto c = client();
  auto res = c.Post("/api/login",
                    nlohmann::json{{"login", kAdminLogin}, {"password", kAdminPassword}}.dump(),
                    "application/json");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  EXPECT_NE(res->get_header_value("Set-Cookie").find("; Secure"), std::string::npos)
      << res->get_header_value("Set-Cookie");
  EXPECT_EQ(res->get_header_value("Strict-Transport-Security"), "max-age=31536000");
  auto page = client().Get("/");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->get_header_value("Strict-Transport-Security"), "max-age=31536000");
}

class PlainLoopback : public ApiTest {};

TEST_F(PlainLoopback, plain_http_on_loopback_sets_neither_secure_nor_hsts) {
  auto c = client();
  auto res = c.Post("/api/login",
                    nlohmann::json{{"login", kAdminLogin}, {"password", kAdminPassword}}.dump(),
                    "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->get_header_value("Set-Cookie").find("Secure"), std::string::npos);
  EXPECT_FALSE(res->has_header("Strict-Transport-Security"));
}

}  // namespace
}  // namespace robocall::http::testing
