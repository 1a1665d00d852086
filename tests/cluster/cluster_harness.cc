#include "cluster_harness.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace robocall::cluster::testing {

Patients::Patients(const std::filesystem::path& dir, sip::testing::PeerPorts ports,
                   std::chrono::milliseconds hold, std::chrono::milliseconds give_up)
    : log_(dir / "patients.log"), port_(ports.sip) {
  sip::testing::SippOptions o(
      ROBOCALL_CLUSTER_SCENARIO,
      {{"HOLD_MS", std::to_string(hold.count())}, {"GIVE_UP_MS", std::to_string(give_up.count())}},
      ports.sip, ports.media);
  o.calls = 1000000;  // a UAS SIPp quits after -m calls: never, here
  o.extra_args = {"-trace_logs", "-log_file", log_.string(), "-max_socket", "4096"};
  sipp_ = std::make_unique<sip::testing::SippPeer>(o);
}

Patients::~Patients() = default;

std::string Patients::log() const {
  return sipp_->log();
}

std::vector<PatientCall> Patients::stop_and_read() {
  if (const pid_t pid = sipp_->pid(); pid > 0) {
    // The first SIGUSR1 stops new calls, the second makes SIPp quit at once,
    // flushing its log.
    kill(pid, SIGUSR1);
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    kill(pid, SIGUSR1);
    sipp_->wait_exit(std::chrono::seconds(5));  // else the destructor kills it
  }
  return parse_patient_log(sip::testing::read_all(log_));
}

std::vector<PatientCall> parse_patient_log(const std::string& text) {
  std::map<std::string, PatientCall> by_id;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    std::istringstream words(line);
    std::string kind, phone, call_id;
    double s = 0, us = 0;
    if (!(words >> kind >> phone >> s >> us >> call_id)) continue;
    if (kind != "START" && kind != "END") continue;
    // The rest: the counter (SIPp prints nothing for 0) and how it happened.
    std::vector<std::string> rest;
    for (std::string w; words >> w;) rest.push_back(w);
    auto& c = by_id[call_id];
    c.phone = phone;
    if (kind == "START") {
      c.start = s + us / 1e6;
      c.lines = rest.size() >= 2 ? static_cast<int>(std::stod(rest[0])) : 0;
    } else {
      c.end = s + us / 1e6;
      c.gone = !rest.empty() && rest.back() == "GONE";
    }
  }
  std::vector<PatientCall> calls;
  for (auto& [id, c] : by_id) calls.push_back(c);
  std::sort(calls.begin(), calls.end(),
            [](const PatientCall& a, const PatientCall& b) { return a.start < b.start; });
  return calls;
}

int peak_lines(const std::vector<PatientCall>& calls) {
  int best = 0;
  for (const auto& c : calls) best = std::max(best, c.lines);
  return best;
}

std::string number_in_two_calls(const std::vector<PatientCall>& calls) {
  std::map<std::string, double> last_end;  // calls come by start time
  for (const auto& c : calls) {
    if (c.end == 0) continue;
    const auto it = last_end.find(c.phone);
    if (it != last_end.end() && c.start < it->second) return c.phone;
    last_end[c.phone] = c.end;
  }
  return {};
}

std::filesystem::path write_secret_key(const std::filesystem::path& dir) {
  const auto path = dir / "secret.key";
  std::random_device rd;
  std::string hex;
  for (int i = 0; i < 32; ++i) {
    char byte[3];
    std::snprintf(byte, sizeof byte, "%02x", static_cast<unsigned>(rd() & 0xff));
    hex += byte;
  }
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) throw std::runtime_error("cannot create " + path.string());
  const std::string text = hex + "\n";
  const bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  ::close(fd);
  if (!ok) throw std::runtime_error("cannot write " + path.string());
  return path;
}

std::unique_ptr<dialer::testing::ServeProcess> start_node(const std::filesystem::path& dir,
                                                          const std::string& db,
                                                          const std::string& name,
                                                          const std::filesystem::path& key) {
  const auto home = dir / name;
  std::filesystem::create_directories(home);
  return std::make_unique<dialer::testing::ServeProcess>(
      home, db,
      std::vector<std::string>{"--node", name, "--secret-key-file", key.string(),
                               "--recordings-dir", (dir / "recordings").string()});
}

}  // namespace robocall::cluster::testing
