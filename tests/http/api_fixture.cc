#include "api_fixture.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fstream>

#include "http/secrets.h"
#include "http/users.h"
#include "store/schema.h"

namespace robocall::http::testing {

void ApiTest::SetUpTestSuite() {
  init_sodium();
}

void ApiTest::SetUp() {
  data_dir_ = temp_.file("data");
  web_dir_ = temp_.file("web");
  std::filesystem::create_directories(data_dir_);
  std::filesystem::create_directories(web_dir_ / "assets");
  std::ofstream(web_dir_ / "index.html") << "<!doctype html><title>robocall</title>";
  std::ofstream(web_dir_ / "assets" / "app-1a2b3c.js") << "console.log(1)";
  std::ofstream(temp_.file("secret.txt")) << "outside the web root";

  const auto db_path = temp_.file("robocall.db");
  auto db = store::open_database(db_path);
  ASSERT_TRUE(db.ok()) << db.error().message;
  db_ = std::move(db).value();
  const auto now =
      std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
  ASSERT_TRUE(add_user(db_, kAdminLogin, kAdminPassword, now).ok());

  ServerOptions options;
  options.host = "127.0.0.1";
  options.port = 0;
  options.db_path = db_path;
  options.data_dir = data_dir_;
  options.web_dir = web_dir_;
  options.threads = 4;
  configure(options);
  server_ = std::make_unique<Server>(std::move(options));
  auto bound = server_->bind();
  ASSERT_TRUE(bound.ok()) << bound.error().message;
  thread_ = std::thread([this] { server_->run(); });
}

void ApiTest::TearDown() {
  if (server_) server_->stop();
  if (thread_.joinable()) thread_.join();
}

httpc::Client ApiTest::client() const {
  httpc::Client c("127.0.0.1", server_->port());
  c.set_read_timeout(std::chrono::seconds(30));
  return c;
}

Browser ApiTest::login() {
  return login_as(kAdminLogin, kAdminPassword);
}

std::int64_t ApiTest::add_user_with_role(std::string_view login, std::string_view password,
                                         domain::Role role) {
  const auto now =
      std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
  auto id = add_user(db_, UserSpec{std::string(login), std::string(password), role, false}, now);
  EXPECT_TRUE(id.ok()) << (id.ok() ? "" : id.error().message);
  return id.ok() ? *id : 0;
}

Browser ApiTest::login_as(std::string_view login, std::string_view password) {
  auto c = client();
  nlohmann::json creds = {{"login", login}, {"password", password}};
  auto res = c.Post("/api/login", creds.dump(), "application/json");
  Browser b;
  EXPECT_TRUE(res);
  if (!res) return b;
  EXPECT_EQ(res->status, 200) << res->body;
  auto set_cookie = res->get_header_value("Set-Cookie");
  auto semi = set_cookie.find(';');
  b.cookie = set_cookie.substr(0, semi);
  b.session_id = b.cookie.substr(b.cookie.find('=') + 1);
  b.csrf = nlohmann::json::parse(res->body).value("csrf_token", "");
  return b;
}

httpc::Headers ApiTest::headers(const Browser& b, bool with_csrf) const {
  httpc::Headers h{{"Cookie", b.cookie}};
  if (with_csrf) h.emplace("X-CSRF-Token", b.csrf);
  return h;
}

httpc::Result ApiTest::get(const Browser& b, const std::string& path) const {
  return client().Get(path, headers(b));
}

httpc::Result ApiTest::post_json(const Browser& b, const std::string& path,
                                 const nlohmann::json& body) const {
  return client().Post(path, headers(b), body.dump(), "application/json");
}

httpc::Result ApiTest::put_json(const Browser& b, const std::string& path,
                                const nlohmann::json& body) const {
  return client().Put(path, headers(b), body.dump(), "application/json");
}

httpc::Result ApiTest::del(const Browser& b, const std::string& path) const {
  return client().Delete(path, headers(b));
}

httpc::Result ApiTest::patch_json(const Browser& b, const std::string& path,
                                  const nlohmann::json& body) const {
  return client().Patch(path, headers(b), body.dump(), "application/json");
}

std::string ApiTest::error_code(const httpc::Result& res) {
  if (!res) return "";
  auto j = nlohmann::json::parse(res->body, nullptr, false);
  if (!j.is_object() || !j.contains("error")) return "";
  const auto& e = j["error"];
  if (!e.is_object() || !e.contains("code") || !e.contains("message") ||
      !e["message"].is_string() || e["message"].get<std::string>().empty()) {
    return "";
  }
  return e["code"].get<std::string>();
}

nlohmann::json ApiTest::body(const httpc::Result& res) {
  if (!res) return nullptr;
  return nlohmann::json::parse(res->body, nullptr, false);
}

std::string ApiTest::raw_request(const std::string& bytes) const {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(server_->port()));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return "";
  }
  timeval tv{10, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
  std::string out;
  char buf[4096];
  for (;;) {
    auto n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    out.append(buf, static_cast<std::size_t>(n));
    auto header_end = out.find("\r\n\r\n");
    if (header_end != std::string::npos) {
      auto cl = out.find("Content-Length: ");
      if (cl != std::string::npos && cl < header_end) {
        auto len = std::stoul(out.substr(cl + 16));
        if (out.size() >= header_end + 4 + len) break;
      }
    }
  }
  ::close(fd);
  return out;
}

}  // namespace robocall::http::testing
