#include "peers.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>

#include "harness.h"
#include "sipp_peer.h"

namespace robocall::interop {
namespace {

using sip::testing::read_all;

void replace_all(std::string& text, const std::string& token, const std::string& value) {
  for (auto at = text.find(token); at != std::string::npos; at = text.find(token, at))
    text.replace(at, token.size(), value);
}

int count_lines_with(const std::string& text, const std::string& what) {
  int n = 0;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) n += line.find(what) != std::string::npos;
  return n;
}

// Starts args[0] in its own process group, its output in `output`, its
// standard input from `input` (-1: /dev/null) and `home` as HOME when given.
pid_t spawn(const std::vector<std::string>& args, const std::filesystem::path& output, int input,
            const std::filesystem::path& home = {}) {
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    setpgid(0, 0);
    const int fd = open(output.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(fd, 1);
    dup2(fd, 2);
    dup2(input >= 0 ? input : open("/dev/null", O_RDONLY), 0);
    if (!home.empty()) setenv("HOME", home.c_str(), 1);
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execvp(argv[0], argv.data());
    _exit(127);
  }
  return pid;
}

bool exited_within(pid_t pid, std::chrono::milliseconds limit) {
  return eventually(
      [pid] {
        int status = 0;
        return waitpid(pid, &status, WNOHANG) != 0;
      },
      limit);
}

// Stops the process and whatever it left in its process group.
void stop(pid_t pid, int signal, std::chrono::seconds grace) {
  if (pid <= 0) return;
  if (signal) kill(pid, signal);
  if (!exited_within(pid, grace)) {
    kill(pid, SIGKILL);
    exited_within(pid, std::chrono::seconds(5));
  }
  kill(-pid, SIGKILL);
}

// A UDP port on 127.0.0.1 whose TCP twin is free too.
std::uint16_t free_udp_and_tcp_port() {
  for (int tries = 0; tries < 100; ++tries) {
    const std::uint16_t port = sip::testing::free_peer_ports().sip;
    if (!sip::testing::port_taken(SOCK_STREAM, port)) return port;
  }
  throw std::runtime_error("no port free for both UDP and TCP on 127.0.0.1");
}

}  // namespace

Kamailio::Kamailio(const std::filesystem::path& dir, const ProviderOptions& o)
    : dir_(dir / "kamailio"), port_(free_udp_and_tcp_port()) {
  std::filesystem::create_directories(dir_ / "run");
  std::string cfg = read_all(std::filesystem::path(ROBOCALL_INTEROP_DIR) / "kamailio.cfg");
  replace_all(cfg, "@PORT@", std::to_string(port_));
  replace_all(cfg, "@USER@", o.user);
  replace_all(cfg, "@CHALLENGE@", o.proxy_challenge ? "proxy" : "www");
  replace_all(cfg, "@QOP@", o.qop ? "auth" : "");
  replace_all(cfg, "@REGISTERED_ONLY@", o.registered_only ? "1" : "0");
  std::ofstream(dir_ / "kamailio.cfg") << cfg;
  pid_ = spawn({"kamailio", "-f", (dir_ / "kamailio.cfg").string(), "-DD", "-E", "-Y",
                (dir_ / "run").string(), "-P", (dir_ / "kamailio.pid").string()},
               dir_ / "kamailio.log", -1);
  const bool up = eventually(
      [&] { return sip::testing::port_taken(SOCK_DGRAM, port_) || exited_within(pid_, {}); },
      std::chrono::seconds(10));
  if (!up || !sip::testing::port_taken(SOCK_DGRAM, port_)) {
    stop(pid_, SIGKILL, std::chrono::seconds(1));
    throw std::runtime_error("kamailio did not start:\n" + log());
  }
}

Kamailio::~Kamailio() {
  stop(pid_, SIGTERM, std::chrono::seconds(5));
}

std::string Kamailio::log() const {
  return read_all(dir_ / "kamailio.log");
}

bool Kamailio::wait_log(const std::string& text, int count, std::chrono::seconds limit) const {
  return eventually([&] { return count_lines_with(log(), text) >= count; }, limit);
}

Linphone::Linphone(const std::filesystem::path& dir, const std::string& name,
                   const Kamailio& provider, const std::string& number, KeyMode keys)
    : dir_(dir / name) {
  std::filesystem::create_directories(dir_ / "home/.local/share/linphone");
  const auto ports = sip::testing::free_peer_ports();
  std::ofstream(dir_ / "linphonerc")
      << "[sip]\nsip_port=" << ports.sip << "\nsip_tcp_port=0\nsip_tls_port=0\ndefault_proxy=0\n"
      << "use_rfc2833=" << (keys == KeyMode::kRfc4733)
      << "\nuse_info=" << (keys == KeyMode::kSipInfo) << "\ninc_timeout=60\n"
      << "[rtp]\naudio_rtp_port=" << ports.media << "\nvideo_rtp_port=" << ports.media + 2
      << "\n[sound]\nechocancellation=0\n"
      << "[proxy_0]\nreg_proxy=sip:" << provider.server() << "\nreg_identity=sip:" << number << "@"
      << provider.server() << "\nreg_expires=600\nreg_sendregister=1\npublish=0\n";
  const std::string registered = "REGISTERED " + number;
  const int before = count_lines_with(provider.log(), registered);
  // A socket rather than a pipe: typing to a phone that died fails the
  // send (MSG_NOSIGNAL) instead of killing the test with SIGPIPE.
  int typing[2];
  if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, typing) != 0)
    throw std::runtime_error("socketpair failed");
  stdin_ = typing[1];
  pid_ = spawn({"linphonec", "-c", (dir_ / "linphonerc").string(), "-a", "-d", "6", "-l",
                (dir_ / "linphone.log").string()},
               dir_ / "console.log", typing[0], dir_ / "home");
  close(typing[0]);
  type("soundcard use files");
  if (!provider.wait_log(registered, before + 1, std::chrono::seconds(15))) {
    const std::string why =
        "linphonec " + name + " did not register:\n" + report() + "\nkamailio:\n" + provider.log();
    quit();
    throw std::runtime_error(why);
  }
}

Linphone::~Linphone() {
  quit();
}

void Linphone::quit() {
  const std::string text = "quit\n";
  [[maybe_unused]] const auto n = send(stdin_, text.data(), text.size(), MSG_NOSIGNAL);
  stop(pid_, 0, std::chrono::seconds(5));
  close(stdin_);
}

void Linphone::type(const std::string& line) {
  const std::string text = line + "\n";
  if (send(stdin_, text.data(), text.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(text.size()))
    throw std::runtime_error("cannot type to linphonec");
}

std::string Linphone::output() const {
  return read_all(dir_ / "console.log");
}

bool Linphone::wait_output(const std::string& text, std::chrono::seconds limit, int count) const {
  return eventually([&] { return count_lines_with(output(), text) >= count; }, limit);
}

std::string Linphone::report() const {
  return "linphonec console (" + dir_.string() + "):\n" + output() + "\nlinphonec log tail:\n" +
         [&] {
           const std::string log = read_all(dir_ / "linphone.log");
           return log.size() > 20000 ? log.substr(log.size() - 20000) : log;
         }();
}

// belle-sip logs each message it reads as "... received [N] new bytes from
// [UDP://127.0.0.1:PORT]:" followed by the message itself.
std::vector<Received> Linphone::received() const {
  std::vector<Received> out;
  std::istringstream in(read_all(dir_ / "linphone.log"));
  const std::string marker = "new bytes from [UDP://127.0.0.1:";
  for (std::string line; std::getline(in, line);) {
    const auto at = line.find(marker);
    if (at == std::string::npos) continue;
    const auto port = static_cast<std::uint16_t>(std::stoi(line.substr(at + marker.size())));
    std::string first;
    if (!std::getline(in, first)) break;
    const std::string method = first.substr(0, first.find(' '));
    if (method != "SIP/2.0") out.push_back({method, port});
  }
  return out;
}

bool Linphone::wait_received(const std::string& method, std::chrono::seconds limit) const {
  return eventually(
      [&] {
        for (const auto& r : received())
          if (r.method == method) return true;
        return false;
      },
      limit);
}

std::future<CallResult> call_through(const std::filesystem::path& dir, const Kamailio& provider,
                                     const std::string& number,
                                     const std::vector<std::string>& extra) {
  const auto password = dir / "password";
  std::ofstream(password) << "secret\n";
  std::filesystem::permissions(
      password, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  std::vector<std::string> args = {"call",   "--server",        provider.server(), "--user",
                                   "clinic", "--password-file", password.string(), "--to",
                                   number,   "--bind",          "127.0.0.1",       "--json"};
  args.insert(args.end(), extra.begin(), extra.end());
  return std::async(std::launch::async, [dir, args] {
    CallResult r;
    r.status = dialer::testing::run_robocall(dir, args, r.output, std::chrono::seconds(120));
    std::istringstream lines(r.output);
    for (std::string line; std::getline(lines, line);)
      if (line.starts_with("{")) r.json = nlohmann::json::parse(line, nullptr, false);
    return r;
  });
}

}  // namespace robocall::interop
