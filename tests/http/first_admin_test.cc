// The first administrator (docs/SECURITY.md "Users and roles"): a real
// `robocall serve` on a fresh database writes the generated password to a
// 0600 file, never to its output, and every route but the password change,
// "who am I" and logout answers 403 until that password is changed. Runs the
// binary on 127.0.0.1:0 with --no-dialer and stops it by its PID.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <thread>

#include "http_client.h"
#include "store/test_db.h"

namespace robocall::http::testing {
namespace {

std::string read_all(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

class FirstAdmin : public ::testing::Test {
 protected:
  void SetUp() override {
    data_ = dir_.file("data");
    output_ = dir_.file("serve.out");
    pid_ = fork();
    ASSERT_GE(pid_, 0);
    if (pid_ == 0) {
      FILE* out = std::fopen(output_.c_str(), "w");
      if (out == nullptr) _exit(127);
      dup2(fileno(out), STDOUT_FILENO);
      dup2(fileno(out), STDERR_FILENO);
      const std::string db = dir_.file("robocall.db").string();
      execl(ROBOCALL_BINARY, ROBOCALL_BINARY, "serve", "--db", db.c_str(), "--data-dir",
            data_.c_str(), "--listen", "127.0.0.1:0", "--no-dialer", static_cast<char*>(nullptr));
      _exit(127);
    }
    // The port, from the line the server prints once it listens (30 s at most).
    static const std::regex kListening(R"(http://127\.0\.0\.1:(\d+)/)");
    for (int i = 0; i < 300 && port_ == 0; ++i) {
      std::smatch m;
      const auto text = read_all(output_);
      if (std::regex_search(text, m, kListening)) port_ = std::stoi(m[1]);
      if (port_ == 0) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    ASSERT_NE(port_, 0) << read_all(output_);
  }

  void TearDown() override {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      int status = 0;
      waitpid(pid_, &status, 0);
    }
  }

  httpc::Client client() const {
    httpc::Client c("127.0.0.1", port_);
    c.set_read_timeout(std::chrono::seconds(30));
    return c;
  }

  store::TempDir dir_;
  std::filesystem::path data_;
  std::filesystem::path output_;
  pid_t pid_ = -1;
  int port_ = 0;
};

TEST_F(FirstAdmin, the_password_is_in_a_0600_file_not_in_the_output_and_must_be_changed_first) {
  const auto file = data_ / "admin-password.txt";
  struct stat st {};
  ASSERT_EQ(stat(file.c_str(), &st), 0) << read_all(output_);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  auto password = read_all(file);
  ASSERT_FALSE(password.empty());
  if (password.back() == '\n') password.pop_back();
  ASSERT_GE(password.size(), 12u);
  const auto output = read_all(output_);
  EXPECT_EQ(output.find(password), std::string::npos) << "the password is not printed";
  EXPECT_NE(output.find(file.string()), std::string::npos) << "the file's path is";

  auto c = client();
  auto login =
      c.Post("/api/login", nlohmann::json{{"login", "admin"}, {"password", password}}.dump(),
             "application/json");
  ASSERT_TRUE(login);
  ASSERT_EQ(login->status, 200) << login->body;
  const auto me = nlohmann::json::parse(login->body);
  EXPECT_EQ(me["user"]["must_change_password"], true);
  EXPECT_EQ(me["user"]["role"], "admin");
  const auto set_cookie = login->get_header_value("Set-Cookie");
  httpc::Headers h{{"Cookie", set_cookie.substr(0, set_cookie.find(';'))},
                   {"X-CSRF-Token", me["csrf_token"].get<std::string>()}};
  for (auto path : {"/api/tasks", "/api/users", "/api/settings/robocall", "/api/status"}) {
    auto res = c.Get(path, h);
    ASSERT_TRUE(res) << path;
    EXPECT_EQ(res->status, 403) << path;
    EXPECT_NE(res->body.find("password_change_required"), std::string::npos) << path;
  }
  EXPECT_EQ(c.Get("/api/me", h)->status, 200);
  auto changed =
      c.Post("/api/password", h,
             nlohmann::json{{"current_password", password}, {"new_password", "новый-пароль-админа"}}
                 .dump(),
             "application/json");
  ASSERT_TRUE(changed);
  ASSERT_EQ(changed->status, 200) << changed->body;
  EXPECT_EQ(c.Get("/api/tasks", h)->status, 200);
  EXPECT_EQ(c.Get("/api/users", h)->status, 200);
}

// docs/SECURITY.md "TLS and proxies": a start refused for its listen address
// leaves nothing behind, no database and no first administrator's password.
TEST(ServeListenRule, a_refused_address_creates_neither_a_database_nor_a_password) {
  store::TempDir dir;
  const auto db = dir.file("robocall.db");
  const auto data = dir.file("data");
  const auto output = dir.file("serve.out");
  const pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    FILE* out = std::fopen(output.c_str(), "w");
    if (out == nullptr) _exit(127);
    dup2(fileno(out), STDOUT_FILENO);
    dup2(fileno(out), STDERR_FILENO);
    execl(ROBOCALL_BINARY, ROBOCALL_BINARY, "serve", "--db", db.c_str(), "--data-dir", data.c_str(),
          "--listen", "0.0.0.0:0", "--no-dialer", static_cast<char*>(nullptr));
    _exit(127);
  }
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 1);
  EXPECT_NE(read_all(output).find("--behind-tls-proxy"), std::string::npos) << read_all(output);
  EXPECT_FALSE(std::filesystem::exists(db));
  EXPECT_FALSE(std::filesystem::exists(data / "admin-password.txt"));
}

}  // namespace
}  // namespace robocall::http::testing
