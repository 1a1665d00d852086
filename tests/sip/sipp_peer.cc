#include "sipp_peer.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "audio/g711.h"

namespace robocall::sip::testing {
namespace {

std::filesystem::path scenarios_dir() {
  return ROBOCALL_SCENARIOS_DIR;
}

// SIPp listens on UDP or TCP depending on its -t option.
bool sipp_listening(std::uint16_t port) {
  return port_taken(SOCK_DGRAM, port) || port_taken(SOCK_STREAM, port);
}

template <class T>
void put(std::string& out, T v) {
  out.append(reinterpret_cast<const char*>(&v), sizeof v);
}

}  // namespace

std::string read_all(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool port_taken(int type, std::uint16_t port) {
  const int fd = socket(AF_INET, type, 0);
  const int one = 1;
  if (type == SOCK_STREAM) setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(port);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const bool taken = bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0;
  close(fd);
  return taken;
}

namespace {

// An even UDP port below 60000 that the kernel just handed out as free.
std::uint16_t ephemeral_even_port() {
  for (int tries = 0; tries < 1000; ++tries) {
    const int fd = socket(AF_INET, SOCK_DGRAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
    socklen_t len = sizeof a;
    getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
    close(fd);
    const std::uint16_t port = ntohs(a.sin_port);
    if (port < 60000 && port % 2 == 0) return port;
  }
  throw std::runtime_error("no free UDP port on 127.0.0.1");
}

}  // namespace

PeerPorts free_peer_ports() {
  const std::uint16_t sip = ephemeral_even_port();
  for (int tries = 0; tries < 1000; ++tries) {
    const std::uint16_t media = ephemeral_even_port();
    if (media + 4 > sip && media < sip + 4) continue;
    bool free = true;
    for (std::uint16_t p = media; p < media + 4 && free; ++p) free = !port_taken(SOCK_DGRAM, p);
    if (free) return {sip, media};
  }
  throw std::runtime_error("no four free UDP ports on 127.0.0.1 for SIPp's media");
}

std::filesystem::path make_temp_dir(const std::string& prefix) {
  std::string templ = (std::filesystem::temp_directory_path() / (prefix + "-XXXXXX")).string();
  if (!mkdtemp(templ.data())) throw std::runtime_error("mkdtemp failed");
  return templ;
}

SippPeer::SippPeer(SippOptions o) : dir_(make_temp_dir("robocall-sipp")) {
  const std::filesystem::path source = std::filesystem::path(o.scenario).is_absolute()
                                           ? std::filesystem::path(o.scenario)
                                           : scenarios_dir() / o.scenario;
  std::string xml = read_all(source);
  if (xml.empty()) throw std::runtime_error("no scenario " + o.scenario);
  for (const auto& [key, value] : o.tokens) {
    const std::string token = "@" + key + "@";
    for (auto pos = xml.find(token); pos != std::string::npos; pos = xml.find(token, pos))
      xml.replace(pos, token.size(), value);
  }
  const auto scenario = dir_ / source.filename();
  std::ofstream(scenario) << xml;

  std::vector<std::string> args = {"sipp",
                                   "-sf",
                                   scenario.string(),
                                   "-i",
                                   "127.0.0.1",
                                   "-p",
                                   std::to_string(o.sip_port),
                                   "-mi",
                                   "127.0.0.1",
                                   "-mp",
                                   std::to_string(o.media_port),
                                   "-m",
                                   std::to_string(o.calls),
                                   "-nostdin",
                                   "-trace_err",
                                   "-error_file",
                                   (dir_ / "errors.log").string()};
  if (o.rtp_echo) args.push_back("-rtp_echo");
  args.insert(args.end(), o.extra_args.begin(), o.extra_args.end());

  pid_ = fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    const int out = open((dir_ / "sipp.log").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(out, STDOUT_FILENO);
    dup2(out, STDERR_FILENO);
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    execvp("sipp", argv.data());
    _exit(127);
  }
  for (int i = 0; i < 500 && !sipp_listening(o.sip_port); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  if (!sipp_listening(o.sip_port)) throw std::runtime_error("SIPp did not start:\n" + log());
}

SippPeer::~SippPeer() {
  if (pid_ > 0) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

std::optional<int> SippPeer::wait_exit(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (pid_ > 0) {
    int status = 0;
    const pid_t r = waitpid(pid_, &status, WNOHANG);
    if (r == pid_) {
      pid_ = -1;
      return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return std::nullopt;
}

std::string SippPeer::log() const {
  return read_all(dir_ / "sipp.log") + read_all(dir_ / "errors.log");
}

void write_g711_pcap(const std::filesystem::path& path, const std::vector<std::int16_t>& samples,
                     std::uint8_t pt) {
  std::string out;
  put<std::uint32_t>(out, 0xa1b2c3d4);
  put<std::uint16_t>(out, 2);
  put<std::uint16_t>(out, 4);
  put<std::int32_t>(out, 0);
  put<std::uint32_t>(out, 0);
  put<std::uint32_t>(out, 65535);
  put<std::uint32_t>(out, 1);  // Ethernet
  const std::size_t frames = samples.size() / 160;
  for (std::size_t f = 0; f < frames; ++f) {
    std::string pkt;
    pkt.append(12, '\0');       // MAC addresses
    pkt.append("\x08\x00", 2);  // IPv4
    const std::uint16_t ip_len = 20 + 8 + 12 + 160;
    pkt.append("\x45\x00", 2);
    pkt.push_back(static_cast<char>(ip_len >> 8));
    pkt.push_back(static_cast<char>(ip_len & 0xff));
    pkt.append("\x00\x00\x40\x00\x40\x11\x00\x00", 8);  // id, DF, TTL 64, UDP, no checksum
    pkt.append("\x7f\x00\x00\x01\x7f\x00\x00\x01", 8);
    const std::uint16_t udp_len = 8 + 12 + 160;
    pkt.append("\x23\x28\x23\x2a", 4);  // ports 9000 -> 9002
    pkt.push_back(static_cast<char>(udp_len >> 8));
    pkt.push_back(static_cast<char>(udp_len & 0xff));
    pkt.append("\x00\x00", 2);
    const std::uint16_t seq = static_cast<std::uint16_t>(f + 1);
    const std::uint32_t ts = static_cast<std::uint32_t>(f * 160);
    pkt.push_back(static_cast<char>(0x80));
    pkt.push_back(static_cast<char>(pt | (f == 0 ? 0x80 : 0)));
    pkt.push_back(static_cast<char>(seq >> 8));
    pkt.push_back(static_cast<char>(seq & 0xff));
    for (int s = 24; s >= 0; s -= 8) pkt.push_back(static_cast<char>((ts >> s) & 0xff));
    pkt.append("\x12\x34\x56\x78", 4);
    for (std::size_t i = 0; i < 160; ++i) {
      const std::int16_t v = samples[f * 160 + i];
      pkt.push_back(
          static_cast<char>(pt == 8 ? audio::linear_to_alaw(v) : audio::linear_to_ulaw(v)));
    }
    const std::uint32_t usec_total = static_cast<std::uint32_t>(f * 20000);
    put<std::uint32_t>(out, 1000 + usec_total / 1000000);
    put<std::uint32_t>(out, usec_total % 1000000);
    put<std::uint32_t>(out, static_cast<std::uint32_t>(pkt.size()));
    put<std::uint32_t>(out, static_cast<std::uint32_t>(pkt.size()));
    out += pkt;
  }
  std::ofstream(path, std::ios::binary) << out;
}

}  // namespace robocall::sip::testing
