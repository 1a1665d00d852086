#include "harness.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "sipp_peer.h"
#include "store/accounts_repo.h"
#include "store/schema.h"
#include "store/settings_repo.h"
#include "store/tasks_repo.h"

namespace robocall::dialer::testing {
namespace {

using sip::testing::read_all;

std::filesystem::path source_dir() {
  const char* src = std::getenv("ROBOCALL_SOURCE_DIR");
  return src ? src : ROBOCALL_SOURCE_DIR_DEFAULT;
}

pid_t spawn(const std::vector<std::string>& args, const std::filesystem::path& output) {
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    setpgid(0, 0);
    const int fd = open(output.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(fd, 1);
    dup2(fd, 2);
    const int null = open("/dev/null", O_RDONLY);
    dup2(null, 0);
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execvp(argv[0], argv.data());
    _exit(127);
  }
  return pid;
}

// Waits for pid; its exit status, or nullopt after the limit.
std::optional<int> wait_for(pid_t pid, std::chrono::milliseconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  for (;;) {
    int status = 0;
    const pid_t r = waitpid(pid, &status, WNOHANG);
    if (r == pid) return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    if (r < 0) return -1;
    if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

std::string local_time_of_day(domain::Instant t) {
  const std::time_t tt = t.time_since_epoch().count();
  std::tm local{};
  localtime_r(&tt, &local);
  char buf[16];
  std::strftime(buf, sizeof buf, "%H:%M:%S", &local);
  return buf;
}

}  // namespace

std::string phone_of(Patient p, int n) {
  std::string digits = std::to_string(100000000 + n);
  return std::string(1, static_cast<char>(p)) + digits.substr(digits.size() - 9);
}

std::filesystem::path make_temp_dir() {
  return sip::testing::make_temp_dir("robocall-dialer");
}

SippPeer::SippPeer(const std::filesystem::path& dir, sip::testing::PeerPorts ports,
                   std::chrono::milliseconds key_delay, const std::string& scenario)
    : log_(dir / "peer.log"), port_(ports.sip) {
  std::string xml = read_all(source_dir() / "tests/dialer/scenarios" / scenario);
  const std::string token = "@KEY_DELAY_MS@";
  for (auto at = xml.find(token); at != std::string::npos; at = xml.find(token))
    xml.replace(at, token.size(), std::to_string(key_delay.count()));
  const auto scenario_file = dir / scenario;
  std::ofstream(scenario_file) << xml;
  pid_ = spawn({"sipp",
                "-sf",
                scenario_file.string(),
                "-i",
                "127.0.0.1",
                "-p",
                std::to_string(ports.sip),
                "-mi",
                "127.0.0.1",
                "-mp",
                std::to_string(ports.media),
                "-nostdin",
                "-trace_logs",
                "-log_file",
                log_.string(),
                "-l",
                "2000",
                "-trace_err",
                "-error_file",
                (dir / "peer-errors.log").string()},
               dir / "peer-out.log");
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (!sip::testing::port_taken(SOCK_DGRAM, ports.sip)) {
    if (std::chrono::steady_clock::now() > deadline || wait_for(pid_, std::chrono::milliseconds(0)))
      throw std::runtime_error("SIPp did not start: " + read_all(dir / "peer-out.log"));
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

SippPeer::~SippPeer() {
  if (pid_ > 0) {
    kill(pid_, SIGKILL);
    wait_for(pid_, std::chrono::seconds(5));
  }
}

std::vector<PeerCall> SippPeer::stop_and_read() {
  if (pid_ > 0) {
    // The first SIGUSR1 stops new calls; the second makes SIPp quit at once,
    // flushing its log (calls of a killed caller would otherwise hold it).
    kill(pid_, SIGUSR1);
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    kill(pid_, SIGUSR1);
    if (!wait_for(pid_, std::chrono::seconds(5))) {
      kill(pid_, SIGKILL);
      wait_for(pid_, std::chrono::seconds(3));
    }
    pid_ = -1;
  }
  std::map<std::string, PeerCall> by_id;
  std::istringstream in(read_all(log_));
  for (std::string line; std::getline(in, line);) {
    std::istringstream words(line);
    std::string kind, phone, call_id;
    double s = 0, us = 0;
    if (!(words >> kind >> phone >> s >> us >> call_id)) continue;
    if (kind != "START" && kind != "END") continue;
    const double t = s + us / 1e6;
    auto& c = by_id[call_id];
    c.phone = phone;
    (kind == "START" ? c.start : c.end) = t;
  }
  std::vector<PeerCall> calls;
  for (auto& [id, c] : by_id) calls.push_back(c);
  std::sort(calls.begin(), calls.end(),
            [](const PeerCall& a, const PeerCall& b) { return a.start < b.start; });
  return calls;
}

ServeProcess::ServeProcess(const std::filesystem::path& dir, const std::filesystem::path& db,
                           const std::vector<std::string>& extra) {
  static int n = 0;
  log_ = dir / ("serve-" + std::to_string(++n) + ".log");
  const char* env = std::getenv("ROBOCALL_BINARY");
  const std::string binary = env ? env : ROBOCALL_BINARY_DEFAULT;
  std::vector<std::string> args = {
      binary,     "serve",       "--db",       db.string(), "--data-dir", (dir / "data").string(),
      "--listen", "127.0.0.1:0", "--sip-port", "0"};
  args.insert(args.end(), extra.begin(), extra.end());
  pid_ = spawn(args, log_);
}

int run_robocall(const std::filesystem::path& dir, const std::vector<std::string>& args,
                 std::string& output, std::chrono::seconds limit) {
  static int n = 0;
  const auto log = dir / ("command-" + std::to_string(++n) + ".log");
  const char* env = std::getenv("ROBOCALL_BINARY");
  std::vector<std::string> argv = {env ? env : ROBOCALL_BINARY_DEFAULT};
  argv.insert(argv.end(), args.begin(), args.end());
  const pid_t pid = spawn(argv, log);
  auto status = wait_for(pid, limit);
  if (!status) {
    kill(pid, SIGKILL);
    wait_for(pid, std::chrono::seconds(5));
  }
  output = read_all(log);
  return status.value_or(-1);
}

int ServeProcess::wait_exit(std::chrono::seconds limit) {
  if (pid_ <= 0) return -1;
  auto status = wait_for(pid_, limit);
  if (!status) return -1;
  pid_ = -1;
  return *status;
}

ServeProcess::~ServeProcess() {
  if (pid_ > 0) terminate(std::chrono::seconds(30));
}

void ServeProcess::kill9() {
  kill(pid_, SIGKILL);
  wait_for(pid_, std::chrono::seconds(5));
  pid_ = -1;
}

int ServeProcess::terminate(std::chrono::seconds limit) {
  if (pid_ <= 0) return -1;
  kill(pid_, SIGTERM);
  auto status = wait_for(pid_, limit);
  if (!status) {
    kill(pid_, SIGKILL);
    wait_for(pid_, std::chrono::seconds(5));
  }
  pid_ = -1;
  return status.value_or(-1);
}

std::string ServeProcess::log() const {
  return read_all(log_);
}

int max_simultaneous(const std::vector<PeerCall>& calls) {
  std::vector<std::pair<double, int>> events;
  for (const auto& c : calls) {
    if (c.end == 0) continue;
    events.emplace_back(c.start, +1);
    events.emplace_back(c.end, -1);
  }
  std::sort(events.begin(), events.end());  // at equal times an end (-1) comes first
  int now = 0, best = 0;
  for (const auto& [t, d] : events) best = std::max(best, now += d);
  return best;
}

int max_starts_within(const std::vector<PeerCall>& calls, double window) {
  int best = 0;
  for (std::size_t i = 0, j = 0; j < calls.size(); ++j) {
    while (calls[j].start - calls[i].start >= window) ++i;
    best = std::max(best, static_cast<int>(j - i + 1));
  }
  return best;
}

store::Connection open_db(const std::filesystem::path& path) {
  auto db = store::open_database(path);
  if (!db) throw std::runtime_error(db.error().message);
  return std::move(*db);
}

domain::Instant now() {
  return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
}

void add_account(store::Connection& db, std::uint16_t peer_port) {
  store::SipAccountRecord a;
  a.name = "SIPp";
  a.username = "robocall";
  a.password = "secret";
  a.server = "127.0.0.1:" + std::to_string(peer_port);
  if (!store::AccountsRepo(db).create(a, now()))
    throw std::runtime_error("cannot add the SIP account");
}

void set_schedule_until(store::Connection& db, domain::Instant window_end) {
  store::SettingsRepo settings(db);
  const std::string window =
      R"({"start":"00:00","end":")" + local_time_of_day(window_end) + R"("})";
  const std::string schedule = R"({"working":)" + window + R"(,"shortened":)" + window +
                               R"(,"weekdays":["working","working","working","working",)"
                               R"("working","working","working"]})";
  if (!settings.put("schedule", schedule, "test", now()))
    throw std::runtime_error("cannot store the schedule");
  const auto today = domain::local_date(now());
  const std::vector<store::DateException> ex{{today, domain::DayMode::kWorking, false, "test"}};
  if (!settings.replace_year(static_cast<int>(today.year()), ex))
    throw std::runtime_error("cannot store the exceptions");
  const char* texts[] = {"Алло.", "Приём %время%.", "Нажмите один.", "Да.", "Нет.", "Пока."};
  for (int n = 1; n <= 6; ++n)
    if (!settings.put_phrase({n, texts[n - 1], std::nullopt, now()}))
      throw std::runtime_error("cannot store a phrase");
}

void set_robocall(store::Connection& db, const std::string& json) {
  if (!store::SettingsRepo(db).put("robocall", json, "test", now()))
    throw std::runtime_error("cannot store the RoboCall settings");
}

std::int64_t add_task(store::Connection& db, const std::string& phone, domain::Instant appointment,
                      domain::Instant next_attempt) {
  domain::Task t;
  t.phone = phone;
  t.full_name = "Пациент " + phone;
  t.appointment = appointment;
  t.birth_date = std::chrono::year{1970} / 5 / 1;
  t.next_attempt = next_attempt;
  const std::vector<domain::Task> one{t};
  auto ids = store::TasksRepo(db).insert(one, std::nullopt, now());
  if (!ids) throw std::runtime_error(ids.error().message);
  return ids->front();
}

void pin_local_time_to_midday() {
  const std::time_t t = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&t, &utc);
  const int minutes = utc.tm_hour * 60 + utc.tm_min;
  // Local = UTC + offset hours, offset in [-11, 12], nearest to 12:00 local.
  const int offset = (12 * 60 - minutes + 30 * 60 + 30) / 60 - 30;
  // POSIX TZ strings count hours west of Greenwich: "RCT-5" is UTC+5. The
  // zone's name needs at least three letters: glibc reads "RC-5" as UTC.
  const std::string tz = "RCT" + std::to_string(-offset);
  setenv("TZ", tz.c_str(), 1);
  tzset();
  std::tm local{};
  localtime_r(&t, &local);
  if (local.tm_hour < 11 || local.tm_hour > 12)
    throw std::runtime_error("TZ=" + tz + " did not move the local time near midday");
}

}  // namespace robocall::dialer::testing
