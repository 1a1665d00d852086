// Two `robocall serve` nodes on one PostgreSQL (docs/BEHAVIOUR.md "Several
// nodes: changes and sessions"): what an administrator saves through node A
// (dialing on/off, a SIP account, the schedule) shows in node B's live
// status within a generous bound, far below the dialer's minute-long reload;
// a session made on A works on B; B's change listener comes back after its
// backend is terminated; a node whose secret key is not the cluster's refuses
// to start. Needs ROBOCALL_TEST_POSTGRES (the ctest fixture postgres_server);
// the nodes listen on 127.0.0.1:0 and are stopped by their PIDs.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <thread>
#include <vector>

#include "http_client.h"
#include "store/test_db.h"

namespace robocall {
namespace {

using namespace std::chrono_literals;

// Far below the dialer's periodic reload (60 s): only a notification is this quick.
constexpr auto kBound = 20s;

std::string read_all(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

bool eventually(const std::function<bool()>& done, std::chrono::seconds limit) {
  const auto until = std::chrono::steady_clock::now() + limit;
  while (!done()) {
    if (std::chrono::steady_clock::now() > until) return false;
    std::this_thread::sleep_for(50ms);
  }
  return true;
}

// One `robocall serve`, its output in a file.
class Node {
 public:
  Node(std::string location, std::filesystem::path dir, std::vector<std::string> extra)
      : dir_(std::move(dir)), output_(dir_.string() + ".out") {
    std::filesystem::create_directories(dir_);
    std::vector<std::string> args = {ROBOCALL_BINARY, "serve",       "--db",        location,
                                     "--data-dir",    dir_.string(), "--listen",    "127.0.0.1:0",
                                     "--sip-bind",    "127.0.0.1",   "--log-level", "debug"};
    args.insert(args.end(), extra.begin(), extra.end());
    pid_ = fork();
    if (pid_ == 0) {
      FILE* out = std::fopen(output_.c_str(), "w");
      if (out == nullptr) _exit(127);
      dup2(fileno(out), STDOUT_FILENO);
      dup2(fileno(out), STDERR_FILENO);
      std::vector<char*> argv;
      for (auto& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      execv(ROBOCALL_BINARY, argv.data());
      _exit(127);
    }
  }
  ~Node() { stop(); }

  // The port once it listens, or 0 when it exited first (then exit_code()).
  int wait_listening() {
    static const std::regex kListening(R"(http://127\.0\.0\.1:(\d+)/)");
    eventually(
        [&] {
          std::smatch m;
          const auto text = output();
          if (std::regex_search(text, m, kListening)) port_ = std::stoi(m[1]);
          return port_ != 0 || exited();
        },
        60s);
    return port_;
  }
  bool exited() {
    if (pid_ <= 0) return true;
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) != pid_) return false;
    exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128;
    pid_ = -1;
    return true;
  }
  int exit_code() const { return exit_code_; }
  void stop() {
    if (pid_ <= 0) return;
    kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
  }
  std::string output() const { return read_all(output_); }
  const std::filesystem::path& dir() const { return dir_; }
  httpc::Client client() const {
    httpc::Client c("127.0.0.1", port_);
    c.set_read_timeout(30s);
    return c;
  }

 private:
  std::filesystem::path dir_;
  std::filesystem::path output_;
  pid_t pid_ = -1;
  int port_ = 0;
  int exit_code_ = -1;
};

class TwoNodes : public ::testing::Test {
 protected:
  void SetUp() override {
    if (db_.backend() != store::Backend::kPostgres)
      GTEST_SKIP() << "needs ROBOCALL_TEST_POSTGRES (the ctest fixture postgres_server)";
    a_ = std::make_unique<Node>(db_.location(), dir_.file("a"), std::vector<std::string>{});
    ASSERT_NE(a_->wait_listening(), 0) << a_->output();
    b_ = std::make_unique<Node>(
        db_.location(), dir_.file("b"),
        std::vector<std::string>{"--secret-key-file", (a_->dir() / "secret.key").string()});
    ASSERT_NE(b_->wait_listening(), 0) << b_->output();
    log_in_on_a();
  }

  // The first administrator's session, made on A (its password changed there).
  void log_in_on_a() {
    auto password = read_all(a_->dir() / "admin-password.txt");
    ASSERT_FALSE(password.empty()) << a_->output();
    if (password.back() == '\n') password.pop_back();
    auto c = a_->client();
    auto login =
        c.Post("/api/login", nlohmann::json{{"login", "admin"}, {"password", password}}.dump(),
               "application/json");
    ASSERT_TRUE(login && login->status == 200) << (login ? login->body : login.error());
    const auto me = nlohmann::json::parse(login->body);
    const auto cookie = login->get_header_value("Set-Cookie");
    headers_ = {{"Cookie", cookie.substr(0, cookie.find(';'))},
                {"X-CSRF-Token", me["csrf_token"].get<std::string>()}};
    auto changed =
        c.Post("/api/password", headers_,
               nlohmann::json{{"current_password", password}, {"new_password", "пароль-кластера-1"}}
                   .dump(),
               "application/json");
    ASSERT_TRUE(changed && changed->status == 200) << (changed ? changed->body : changed.error());
  }

  void on_a(const char* method, const std::string& path, const nlohmann::json& body, int expected) {
    auto c = a_->client();
    const auto text = body.dump();
    auto res = std::string(method) == "PUT" ? c.Put(path, headers_, text, "application/json")
                                            : c.Post(path, headers_, text, "application/json");
    ASSERT_TRUE(res && res->status == expected)
        << method << " " << path << ": " << (res ? res->body : res.error());
  }

  // Node B's dialer state, asked with the session made on A.
  std::string b_state() {
    auto res = b_->client().Get("/api/status", headers_);
    if (!res || res->status != 200) return "error " + (res ? res->body : res.error());
    return nlohmann::json::parse(res->body)["dialer"].get<std::string>();
  }

  // Prints how long B took (a figure, not asserted beyond kBound).
  bool b_reaches(const std::function<bool(const std::string&)>& wanted) {
    std::string last;
    const auto from = std::chrono::steady_clock::now();
    const bool ok = eventually(
        [&] {
          last = b_state();
          return wanted(last);
        },
        kBound);
    if (!ok) ADD_FAILURE() << "node B still says " << last << "\n" << b_->output();
    const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - from);
    std::printf("node B says %s after %lld ms\n", last.c_str(),
                static_cast<long long>(took.count()));
    return ok;
  }
  bool b_says(const std::string& state) {
    return b_reaches([&](const std::string& s) { return s == state; });
  }

  static nlohmann::json schedule(const char* mode) {
    return {{"working", {{"start", "00:00"}, {"end", "23:59"}}},
            {"shortened", {{"start", "00:00"}, {"end", "23:59"}}},
            {"weekdays", std::vector<std::string>(7, mode)}};
  }

  store::TestDatabase db_;
  store::TempDir dir_;
  std::unique_ptr<Node> a_;
  std::unique_ptr<Node> b_;
  httpc::Headers headers_;
};

TEST_F(TwoNodes, what_node_a_saves_node_b_applies_and_a_session_of_a_works_on_b) {
  EXPECT_FALSE(std::filesystem::exists(b_->dir() / "admin-password.txt")) << "one first admin";
  ASSERT_TRUE(b_says("stopped"));
  on_a("POST", "/api/dialer", {{"enabled", true}}, 200);
  ASSERT_TRUE(b_says("sip_error")) << "on, without an account";
  on_a("POST", "/api/sip/accounts",
       {{"name", "линия"},
        {"username", "u1"},
        {"password", "sip-secret-1"},
        {"server", "127.0.0.1:5999"}},
       201);
  ASSERT_TRUE(b_reaches([](const std::string& s) {
    return s == "running" || s == "outside_hours";
  })) << "the account reached B";
  on_a("PUT", "/api/settings/exceptions", nlohmann::json::array(), 200);  // no holiday today
  on_a("PUT", "/api/settings/schedule", schedule("working"), 200);
  ASSERT_TRUE(b_says("running"));
  on_a("PUT", "/api/settings/schedule", schedule("day_off"), 200);
  ASSERT_TRUE(b_says("outside_hours"));
  on_a("POST", "/api/dialer", {{"enabled", false}}, 200);
  ASSERT_TRUE(b_says("stopped"));

  // A CSRF-checked write through B with A's session, then the logout on B
  // ends the session on A too.
  auto c = b_->client();
  auto logout = c.Post("/api/logout", headers_, "{}", "application/json");
  ASSERT_TRUE(logout && logout->status == 204) << (logout ? logout->body : logout.error());
  auto me = a_->client().Get("/api/me", headers_);
  ASSERT_TRUE(me);
  EXPECT_EQ(me->status, 401);
}

TEST_F(TwoNodes, the_listener_comes_back_after_its_backend_is_terminated) {
  ASSERT_TRUE(b_says("stopped"));
  auto admin = db_.open();
  ASSERT_TRUE(admin.ok()) << admin.error().message;
  auto killed = admin->query_int(
      "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
      " WHERE application_name = 'robocall-changes' AND datname = current_database()");
  ASSERT_TRUE(killed.ok()) << killed.error().message;
  EXPECT_EQ(*killed, 2) << "one listener a node";
  ASSERT_TRUE(
      eventually([&] { return b_->output().find("listening again") != std::string::npos; }, kBound))
      << b_->output();
  on_a("POST", "/api/dialer", {{"enabled", true}}, 200);
  EXPECT_TRUE(b_says("sip_error"));
}

TEST_F(TwoNodes, a_node_with_another_secret_key_refuses_to_start_and_says_how_to_share_it) {
  Node keyless(db_.location(), dir_.file("c"), {"--no-dialer"});
  EXPECT_EQ(keyless.wait_listening(), 0);
  EXPECT_EQ(keyless.exit_code(), 1);
  EXPECT_NE(keyless.output().find("скопируйте файл ключа"), std::string::npos) << keyless.output();
  EXPECT_FALSE(std::filesystem::exists(keyless.dir() / "secret.key")) << "no key of its own";

  const auto other_key = dir_.file("other.key");
  {
    std::ofstream out(other_key);
    out << std::string(64, '7') << "\n";
  }
  std::filesystem::permissions(
      other_key, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  Node other(db_.location(), dir_.file("d"), {"--no-dialer", "--secret-key-file", other_key});
  EXPECT_EQ(other.wait_listening(), 0);
  EXPECT_EQ(other.exit_code(), 1);
  EXPECT_NE(other.output().find("один ключ"), std::string::npos) << other.output();
}

}  // namespace
}  // namespace robocall
