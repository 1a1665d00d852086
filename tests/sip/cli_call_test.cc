// `robocall call` end to end: the binary against a SIPp peer, its refusal of
// a bad number before anything is sent, and the SIP password kept off the
// command line (stdin or an owner-only file).
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "sipp_peer.h"

namespace robocall::sip {
namespace {

using namespace std::chrono_literals;

struct CliRun {
  int status = -1;
  std::string out;
};

// Runs `robocall call args` with `stdin_text` on its standard input.
CliRun run_cli(const std::string& args, const std::string& stdin_text = "secret\n") {
  const std::string cmd = "printf '%s' '" + stdin_text + "' | " +
                          std::string(ROBOCALL_BINARY_PATH) + " call " + args + " 2>/dev/null";
  CliRun r;
  FILE* p = popen(cmd.c_str(), "r");
  char buf[4096];
  for (std::size_t n; (n = fread(buf, 1, sizeof buf, p)) > 0;) r.out.append(buf, n);
  const int st = pclose(p);
  r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return r;
}

TEST(RobocallCall, prints_one_json_object_for_a_confirmed_call) {
  testing::SippPeer peer({"answer_key.xml",
                          {{"PCAP", "/usr/share/sip-tester/dtmf_2833_1.pcap"}},
                          21000 + 4 * 16,
                          22000 + 20 * 16});
  const auto dir = testing::make_temp_dir("robocall-cli-test");
  const CliRun r = run_cli(
      "--server 127.0.0.1:21064 --user clinic --password-stdin --to 9161234567 "
      "--bind 127.0.0.1 --json --record " +
      (dir / "call.wav").string());
  EXPECT_EQ(r.status, 0) << r.out;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j.at("outcome"), "confirmed");
  EXPECT_EQ(j.at("sip_code"), 200);
  EXPECT_EQ(j.at("digits"), "1");
  EXPECT_EQ(j.at("answered"), true);
  EXPECT_GT(j.at("duration_s").get<double>(), 0.0);
  EXPECT_EQ(j.size(), 5u);
  EXPECT_EQ(peer.wait_exit(10s), 0) << peer.log();
  EXPECT_TRUE(std::filesystem::exists(dir / "call.wav"));
  std::filesystem::remove_all(dir);
}

TEST(RobocallCall, prints_the_classified_outcome_of_a_busy_line) {
  testing::SippPeer peer(
      {"reject.xml", {{"CODE", "486"}, {"REASON", "Busy Here"}}, 21000 + 4 * 17, 22000 + 20 * 17});
  const auto pass = peer.dir() / "password";
  std::ofstream(pass) << "secret\n";
  chmod(pass.c_str(), 0600);
  const CliRun r =
      run_cli("--server 127.0.0.1:21068 --user clinic --password-file " + pass.string() +
              " --to 9161234567 "
              "--bind 127.0.0.1 --json");
  EXPECT_EQ(r.status, 1) << r.out;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j.at("outcome"), "busy");
  EXPECT_EQ(j.at("sip_code"), 486);
  EXPECT_EQ(j.at("answered"), false);
}

TEST(RobocallCall, refuses_a_number_that_is_not_ten_digits) {
  for (const char* bad : {"916123456", "89161234567", "91612345ab"}) {
    const CliRun r =
        run_cli(std::string("--server 127.0.0.1:1 --user u --password-stdin --json --to ") + bad);
    EXPECT_EQ(r.status, 2) << bad;
    EXPECT_NE(r.out.find("10 цифр"), std::string::npos) << r.out;
  }
}

TEST(RobocallCall, refuses_a_password_file_that_others_may_read) {
  const auto dir = testing::make_temp_dir("robocall-cli-test");
  const auto pass = dir / "password";
  std::ofstream(pass) << "secret\n";
  chmod(pass.c_str(), 0644);
  const CliRun r = run_cli("--server 127.0.0.1:1 --user u --json --to 9161234567 --password-file " +
                           pass.string());
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.out.find("chmod 600"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("0644"), std::string::npos) << r.out;
  std::filesystem::remove_all(dir);
}

TEST(RobocallCall, takes_no_password_on_the_command_line) {
  const CliRun none = run_cli("--server 127.0.0.1:1 --user u --json --to 9161234567");
  EXPECT_EQ(none.status, 2);
  EXPECT_NE(none.out.find("--password-stdin"), std::string::npos) << none.out;
  const CliRun plain =
      run_cli("--server 127.0.0.1:1 --user u --password secret --json --to 9161234567");
  EXPECT_NE(plain.status, 0);
  EXPECT_EQ(plain.out.find("outcome"), std::string::npos) << plain.out;
}

}  // namespace
}  // namespace robocall::sip
