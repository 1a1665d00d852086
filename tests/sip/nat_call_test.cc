// Calls from behind NAT (README "Connecting a real SIP provider", NAT).
// In network namespaces the test makes: `robocall call` inside, behind a
// router that masquerades, SIPp outside as provider and phone; robocall
// announces the router's outer address. And on 127.0.0.1: symmetric RTP, our
// media sent where the patient's comes from rather than where its SDP says.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>
#include <thread>

#include "peer_sockets.h"
#include "sip_call_fixture.h"

namespace robocall::sip::testing {
namespace {

using namespace std::chrono_literals;

// Runs a shell command; its standard output, and whether it exited 0.
std::pair<bool, std::string> sh(const std::string& cmd) {
  std::string out;
  FILE* p = popen((cmd + " 2>&1").c_str(), "r");
  if (!p) return {false, ""};
  char buf[4096];
  for (std::size_t n; (n = fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
  const int st = pclose(p);
  return {WIFEXITED(st) && WEXITSTATUS(st) == 0, out};
}

// Three namespaces, named after this process so that parallel runs never
// meet: "in" (robocall, 10.77.1.2) -> "nat" (10.77.1.1 | 198.51.100.1,
// masquerading to the outside) -> "out" (SIPp, 198.51.100.2). "out" has no
// route back to 10.77.1.0/24: only the router's outer address reaches in.
// The destructor removes them (and their interfaces), even after a failure.
class NatNetwork {
 public:
  static constexpr const char* kInner = "10.77.1.2";
  static constexpr const char* kPublic = "198.51.100.1";
  static constexpr const char* kOuter = "198.51.100.2";
  static constexpr int kPhoneMediaPort = 6000;

  NatNetwork() : id_(std::to_string(getpid())) {}
  ~NatNetwork() {
    for (const auto& ns : created_) sh("ip netns del " + ns);
  }

  std::string ns(const char* role) const { return "rc" + std::string(role) + id_; }

  // Builds the network; on failure, the step that failed and its output.
  std::optional<std::string> build() {
    for (const char* role : {"in", "nat", "out"}) {
      if (auto r = sh("ip netns add " + ns(role)); !r.first) return "ip netns add: " + r.second;
      created_.push_back(ns(role));
    }
    const std::string a_in = "rcai" + id_, a_nat = "rcan" + id_;
    const std::string b_nat = "rcbn" + id_, b_out = "rcbo" + id_;
    const std::string in = "ip -n " + ns("in"), nat = "ip -n " + ns("nat"),
                      out = "ip -n " + ns("out");
    const std::string nft_nat =
        "table ip rcnat { chain post { type nat hook postrouting "
        "priority 100; oifname \"" +
        b_nat + "\" masquerade; }; }";
    const std::string nft_count =
        "table inet rccount { chain in { type filter hook input "
        "priority 0; udp dport " +
        std::to_string(kPhoneMediaPort) + " counter; }; }";
    const std::vector<std::string> steps = {
        "ip link add " + a_in + " netns " + ns("in") + " type veth peer name " + a_nat + " netns " +
            ns("nat"),
        "ip link add " + b_nat + " netns " + ns("nat") + " type veth peer name " + b_out +
            " netns " + ns("out"),
        in + " addr add " + kInner + "/24 dev " + a_in,
        nat + " addr add 10.77.1.1/24 dev " + a_nat,
        nat + " addr add " + std::string(kPublic) + "/24 dev " + b_nat,
        out + " addr add " + std::string(kOuter) + "/24 dev " + b_out,
        in + " link set lo up",
        nat + " link set lo up",
        out + " link set lo up",
        in + " link set " + a_in + " up",
        nat + " link set " + a_nat + " up",
        nat + " link set " + b_nat + " up",
        out + " link set " + b_out + " up",
        in + " route add default via 10.77.1.1",
        "ip netns exec " + ns("nat") + " sysctl -qw net.ipv4.ip_forward=1",
        "printf '%s\\n' '" + nft_nat + "' | ip netns exec " + ns("nat") + " nft -f -",
        "printf '%s\\n' '" + nft_count + "' | ip netns exec " + ns("out") + " nft -f -",
    };
    for (const auto& step : steps)
      if (auto r = sh(step); !r.first) return step + ": " + r.second;
    return std::nullopt;
  }

  // UDP packets that reached the phone's media port in "out".
  long packets_to_phone_media() const {
    const auto r = sh("ip netns exec " + ns("out") + " nft list table inet rccount");
    std::smatch m;
    static const std::regex kPackets("packets ([0-9]+)");
    return std::regex_search(r.second, m, kPackets) ? std::stol(m[1]) : -1;
  }

 private:
  std::string id_;
  std::vector<std::string> created_;
};

// A process started in a namespace (`ip netns exec` execs it in place, so
// the PID is the program's own); killed by that PID if still running.
class NsProcess {
 public:
  NsProcess(const std::string& ns, const std::vector<std::string>& argv,
            const std::filesystem::path& log) {
    std::vector<std::string> args = {"ip", "netns", "exec", ns};
    args.insert(args.end(), argv.begin(), argv.end());
    pid_ = fork();
    if (pid_ == 0) {
      std::freopen(log.c_str(), "w", stdout);
      dup2(fileno(stdout), STDERR_FILENO);
      std::freopen("/dev/null", "r", stdin);
      std::vector<char*> raw;
      for (auto& a : args) raw.push_back(a.data());
      raw.push_back(nullptr);
      execvp("ip", raw.data());
      _exit(127);
    }
  }
  ~NsProcess() {
    if (pid_ > 0 && !exited_) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
  }
  // The exit status, or nullopt when still running after timeout.
  std::optional<int> wait_exit(std::chrono::milliseconds timeout) {
    const auto until = std::chrono::steady_clock::now() + timeout;
    while (true) {
      int st = 0;
      if (waitpid(pid_, &st, WNOHANG) == pid_) {
        exited_ = true;
        return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
      }
      if (std::chrono::steady_clock::now() > until) return std::nullopt;
      std::this_thread::sleep_for(50ms);
    }
  }

 private:
  pid_t pid_ = -1;
  bool exited_ = false;
};

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The patient: a second of speech, then 1 pressed in band, then silence.
std::vector<std::int16_t> patient_speaks_then_presses_1() {
  std::vector<std::int16_t> s = sine(440, 0, 1000, 3000);
  s.resize(s.size() + 8 * 200, 0);
  const auto key = sine(697, 1209, 300, 6000);
  s.insert(s.end(), key.begin(), key.end());
  s.resize(s.size() + 8 * 1000, 0);
  return s;
}

TEST(NatCall, a_call_from_behind_masquerade_announces_the_public_address_and_has_audio_both_ways) {
  if (geteuid() != 0) GTEST_SKIP() << "network namespaces need root";
  NatNetwork net;
  if (auto failed = net.build()) {
    if (failed->rfind("ip netns add", 0) == 0) GTEST_SKIP() << "no network namespaces: " << *failed;
    FAIL() << *failed;
  }
  const auto dir = make_temp_dir("robocall-nat-test");
  write_g711_pcap(dir / "patient.pcap", patient_speaks_then_presses_1(), 8);
  const std::string escaped_public =
      std::regex_replace(NatNetwork::kPublic, std::regex("\\."), "\\.");
  std::string xml =
      read_file(std::filesystem::path(ROBOCALL_SCENARIOS_DIR) / "answer_behind_nat.xml");
  for (const auto& [token, value] :
       {std::pair<std::string, std::string>{"@PUBLIC@", escaped_public},
        {"@PCAP@", (dir / "patient.pcap").string()}})
    for (auto pos = xml.find(token); pos != std::string::npos; pos = xml.find(token, pos))
      xml.replace(pos, token.size(), value);
  std::ofstream(dir / "answer_behind_nat.xml") << xml;

  NsProcess sipp(
      net.ns("out"),
      {"sipp", "-sf", (dir / "answer_behind_nat.xml").string(), "-i", NatNetwork::kOuter, "-p",
       "5060", "-mi", NatNetwork::kOuter, "-mp", std::to_string(NatNetwork::kPhoneMediaPort), "-m",
       "1", "-nostdin", "-trace_err", "-error_file", (dir / "sipp_errors.log").string()},
      dir / "sipp.log");
  std::ofstream(dir / "password") << "secret\n";
  NsProcess robocall(
      net.ns("in"),
      {"sh", "-c",
       std::string(ROBOCALL_BINARY_PATH) + " call --server " + NatNetwork::kOuter +
           ":5060 --user clinic --password-stdin --to 9161234567 --bind " + NatNetwork::kInner +
           " --public-address " + NatNetwork::kPublic + " --json --record " +
           (dir / "call.wav").string() + " < " + (dir / "password").string()},
      dir / "robocall.out");

  const auto robocall_exit = robocall.wait_exit(40s);
  const auto sipp_exit = sipp.wait_exit(10s);
  const std::string sipp_log = read_file(dir / "sipp.log") + read_file(dir / "sipp_errors.log");
  const std::string out = read_file(dir / "robocall.out");
  EXPECT_EQ(robocall_exit, 0) << out;
  EXPECT_EQ(sipp_exit, 0) << sipp_log;
  const std::string json = out.substr(out.rfind('{') == std::string::npos ? 0 : out.rfind('{'));
  const auto j = nlohmann::json::parse(json, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << out;
  EXPECT_EQ(j.value("outcome", ""), "confirmed") << out;
  EXPECT_EQ(j.value("digits", ""), "1") << out;

  // The phone heard us: our RTP crossed the NAT to its media port ...
  EXPECT_GT(net.packets_to_phone_media(), 0);
  // ... and we heard the phone, which sent to the address our SDP named.
  auto pcm = audio::read_wav(dir / "call.wav");
  ASSERT_TRUE(pcm.ok()) << (pcm.ok() ? "" : pcm.error().message);
  double patient = 0;
  for (std::size_t i = 0; i < pcm->samples.size(); i += 2)
    patient += static_cast<double>(pcm->samples[i]) * pcm->samples[i];
  EXPECT_GT(std::sqrt(patient / static_cast<double>(std::max<std::size_t>(pcm->frames(), 1))),
            500.0);
  std::filesystem::remove_all(dir);
}

// Symmetric RTP on 127.0.0.1: the phone's SDP names a port where nothing
// listens; its media comes from another socket (a phone behind its own NAT).
// Our audio must reach that socket: it goes where the patient's media comes
// from, not where the SDP says.
TEST_F(SipCall, our_media_goes_where_the_patients_media_comes_from_not_to_its_sdp) {
  const Ports p = slot(54);
  const auto port_file = dir_ / "rtp_port";
  SippPeer peer({"answer_elsewhere_report_rtp_port.xml",
                 {{"SDP_PORT", std::to_string(p.media + 10)}, {"PORT_FILE", port_file.string()}},
                 p.sip,
                 p.media});
  const Fd phone(socket(AF_INET, SOCK_DGRAM, 0));
  const sockaddr_in any = loopback(0);
  ASSERT_EQ(bind(phone.get(), reinterpret_cast<const sockaddr*>(&any), sizeof any), 0);
  std::string heard;
  std::thread patient([&] {
    const auto port = wait_for_port(port_file, 10s);
    if (!port) return;
    const sockaddr_in to = loopback(*port);
    for (std::uint16_t seq = 1; seq <= 25; ++seq) {  // half a second of A-law silence
      std::uint8_t pkt[12 + 160];
      const std::uint32_t ts = seq * 160u;
      const std::uint8_t header[12] = {0x80,
                                       8,
                                       static_cast<std::uint8_t>(seq >> 8),
                                       static_cast<std::uint8_t>(seq),
                                       static_cast<std::uint8_t>(ts >> 24),
                                       static_cast<std::uint8_t>(ts >> 16),
                                       static_cast<std::uint8_t>(ts >> 8),
                                       static_cast<std::uint8_t>(ts),
                                       0x12,
                                       0x34,
                                       0x56,
                                       0x78};
      std::memcpy(pkt, header, sizeof header);
      std::memset(pkt + 12, 0xd5, 160);
      sendto(phone.get(), pkt, sizeof pkt, 0, reinterpret_cast<const sockaddr*>(&to), sizeof to);
      std::this_thread::sleep_for(20ms);
    }
    heard = receive_for(phone.get(), 2s);
  });
  const Result r = call(account(p), recorded(), phrase(3000));
  patient.join();
  EXPECT_TRUE(r.end.answered);
  EXPECT_EQ(r.end.rtp_dropped, 0u);
  EXPECT_GE(heard.size(), 12u + 160u) << "none of our RTP reached the patient's media socket";
  expect_peer_done(peer);
}

}  // namespace
}  // namespace robocall::sip::testing
