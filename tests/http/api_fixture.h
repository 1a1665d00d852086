// ApiTest: a real robocall HTTP server on an ephemeral 127.0.0.1 port over a
// fresh temporary database, one per test, with the test client
// (http_client.h) and helpers to log in and call the API as the browser does
// (cookie + CSRF header).
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "domain/role.h"
#include "domain/scoped_tz.h"
#include "http/server.h"
#include "http_client.h"
#include "store/connection.h"
#include "store/test_db.h"

namespace robocall::http::testing {

inline constexpr std::string_view kAdminLogin = "admin";
inline constexpr std::string_view kAdminPassword = "верный-пароль-1";

// A logged-in browser: its session cookie and CSRF token.
struct Browser {
  std::string cookie;  // "robocall_session=<id>"
  std::string session_id;
  std::string csrf;
};

class ApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite();
  void SetUp() override;
  void TearDown() override;

  // Adjusts the options before the server starts (call from a subclass's SetUp first).
  virtual void configure(ServerOptions&) {}

  httpc::Client client() const;
  store::Connection& db() { return db_; }
  const std::filesystem::path& data_dir() const { return data_dir_; }
  const std::filesystem::path& web_dir() const { return web_dir_; }
  int port() const { return server_->port(); }

  // Logs in as the admin; fails the test if that does not work.
  Browser login();
  // Logs in as this user; fails the test unless the login answers 200.
  Browser login_as(std::string_view login, std::string_view password);
  // A user made as the CLI makes them (no password change required); returns the id.
  std::int64_t add_user_with_role(std::string_view login, std::string_view password,
                                  domain::Role role);
  // The server's route table.
  std::vector<RouteSummary> routes() const { return server_->routes(); }
  httpc::Headers headers(const Browser& b, bool with_csrf = true) const;

  httpc::Result get(const Browser& b, const std::string& path) const;
  httpc::Result post_json(const Browser& b, const std::string& path,
                          const nlohmann::json& body) const;
  httpc::Result put_json(const Browser& b, const std::string& path,
                         const nlohmann::json& body) const;
  httpc::Result del(const Browser& b, const std::string& path) const;
  httpc::Result patch_json(const Browser& b, const std::string& path,
                           const nlohmann::json& body) const;

  // The error code of a JSON error body ("" when the body is not one).
  static std::string error_code(const httpc::Result& res);
  static nlohmann::json body(const httpc::Result& res);

  // Sends raw bytes on a new connection and returns the raw response.
  std::string raw_request(const std::string& bytes) const;

 private:
  // The tests write appointments in Moscow time and read them back as the
  // server's local time: the zone is pinned, whatever runs the binary, from
  // before the server starts until after it stops.
  domain::ScopedTz tz_{"Europe/Moscow"};
  store::TempDir temp_;
  std::filesystem::path data_dir_;
  std::filesystem::path web_dir_;
  store::Connection db_;
  std::unique_ptr<Server> server_;
  std::thread thread_;
};

}  // namespace robocall::http::testing
