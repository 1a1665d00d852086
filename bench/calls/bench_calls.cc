// bench_calls: N simultaneous answered calls from one Engine to SIPp peers on
// 127.0.0.1, each playing a phrase, recorded, with one RFC 4733 key per call.
// Prints CPU % of one core per 100 calls (the loop thread, the whole process
// and the peers'), peak RSS, ticker lateness p50/p99, frames sent vs
// expected, digits received vs sent.
// Bounded: every call ends by itself; the whole run is cut at --deadline-s.
// Usage: bench_calls [--calls N] [--per-peer K] [--phrase-s S] [--base-port P]
//                    [--deadline-s S] [--rt PRIORITY] [--echo 0|1]
// --echo 1: each SIPp echoes our RTP back, so every call also receives 50
// audio packets a second (decoded, recorded, probed for in-band keys).
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <numbers>
#include <sstream>
#include <string>
#include <vector>

#include "sip/engine.h"
#include "sipp_peer.h"

namespace {

using namespace std::chrono_literals;
using robocall::sip::CallEnd;
using Clock = std::chrono::steady_clock;

struct Options {
  int calls = 200;
  int per_peer = 250;
  int phrase_s = 8;
  int base_port = 32000;
  int deadline_s = 120;
  int rt = 0;    // SCHED_FIFO priority of the loop thread, 0: normal
  int echo = 0;  // 1: the peers echo our audio back (receive path, in-band detector)
};

Options parse(int argc, char** argv) {
  Options o;
  const std::pair<const char*, int*> flags[] = {{"--calls", &o.calls},
                                                {"--per-peer", &o.per_peer},
                                                {"--phrase-s", &o.phrase_s},
                                                {"--base-port", &o.base_port},
                                                {"--deadline-s", &o.deadline_s},
                                                {"--rt", &o.rt},
                                                {"--echo", &o.echo}};
  for (int i = 1; i < argc; i += 2) {
    int* target = nullptr;
    for (const auto& [name, field] : flags)
      if (std::string(argv[i]) == name) target = field;
    if (!target || i + 1 >= argc || std::atoi(argv[i + 1]) < 0) {
      std::fprintf(stderr,
                   "usage: bench_calls [--calls N] [--per-peer K] [--phrase-s S] "
                   "[--base-port P] [--deadline-s S] [--rt PRIORITY] [--echo 0|1]\n");
      std::exit(2);
    }
    *target = std::atoi(argv[i + 1]);
  }
  if (o.calls < 1 || o.per_peer < 1 || o.phrase_s < 3) {
    std::fprintf(stderr, "bench_calls: --calls and --per-peer >= 1, --phrase-s >= 3\n");
    std::exit(2);
  }
  return o;
}

// CPU time of the calling thread: called from the observers, on the loop thread.
double cpu_seconds_thread() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

double cpu_seconds_self() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

// utime + stime of another process, from /proc/<pid>/stat.
double cpu_seconds_of(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string stat((std::istreambuf_iterator<char>(in)), {});
  const auto close = stat.rfind(')');
  if (close == std::string::npos) return 0;
  std::istringstream rest(stat.substr(close + 2));
  std::string field;
  double ticks = 0;
  for (int i = 3; i <= 15 && rest >> field; ++i)
    if (i == 14 || i == 15) ticks += std::stod(field);
  return ticks / static_cast<double>(sysconf(_SC_CLK_TCK));
}

std::string load_average() {
  std::ifstream in("/proc/loadavg");
  std::string line;
  std::getline(in, line);
  return line + "\n";
}

// Shared by every call observer; touched on the loop thread, read by main.
struct Tally {
  std::mutex mu;
  std::condition_variable cv;
  int answered = 0;
  int ended = 0;
  int digits = 0;
  int failed = 0;
  double media_seconds = 0;
  Clock::time_point last_answer{};
  Clock::time_point first_ended{};
  double cpu_last_answer = 0;  // ours, then the peers', at both instants
  double cpu_first_ended = 0;
  double loop_cpu_last_answer = 0;  // the loop thread alone
  double loop_cpu_first_ended = 0;
  double peer_cpu_last_answer = 0;
  double peer_cpu_first_ended = 0;
  std::vector<pid_t> peers;
  const robocall::sip::Engine* engine = nullptr;
  robocall::HistogramSnapshot lateness_last_answer;  // the ticker's, at both instants
  robocall::HistogramSnapshot lateness_first_ended;
  std::map<std::string, int> failures;  // "code reason" of unanswered calls

  int up = 0;              // calls up in the steady window
  int answered_ended = 0;  // answered calls that have ended

  double peer_cpu() const {
    double sum = 0;
    for (pid_t p : peers) sum += cpu_seconds_of(p);
    return sum;
  }
  // The steady window opens at the last answer before any answered call
  // ends, and closes when the first one ends: calls the peers never answer
  // (a loaded machine) stay out of it. Called under mu, on the loop thread.
  void mark_answer() {
    if (answered_ended > 0) return;
    up = answered;
    last_answer = Clock::now();
    cpu_last_answer = cpu_seconds_self();
    loop_cpu_last_answer = cpu_seconds_thread();
    peer_cpu_last_answer = peer_cpu();
    lateness_last_answer = engine->stats().lateness;
  }
};

class BenchCall : public robocall::sip::CallObserver {
 public:
  BenchCall(Tally& tally, std::shared_ptr<const robocall::audio::Pcm> phrase)
      : tally_(tally), phrase_(std::move(phrase)) {}
  robocall::sip::Call call;

  void on_answered() override {
    (void)call.play(phrase_);
    std::lock_guard lock(tally_.mu);
    ++tally_.answered;
    tally_.mark_answer();
  }
  void on_digit(char d) override {
    if (d != '1') return;
    std::lock_guard lock(tally_.mu);
    ++tally_.digits;
  }
  void on_playback_finished() override { call.hangup(); }
  void on_ended(const CallEnd& end) override {
    std::lock_guard lock(tally_.mu);
    ++tally_.ended;
    if (end.answered && tally_.answered_ended++ == 0) {
      tally_.first_ended = Clock::now();
      tally_.cpu_first_ended = cpu_seconds_self();
      tally_.loop_cpu_first_ended = cpu_seconds_thread();
      tally_.peer_cpu_first_ended = tally_.peer_cpu();
      tally_.lateness_first_ended = tally_.engine->stats().lateness;
    }
    if (!end.answered) {
      ++tally_.failed;
      ++tally_.failures[std::to_string(end.sip_code) + " " + end.reason];
    }
    if (end.answered_at)
      tally_.media_seconds += std::chrono::duration<double>(end.ended - *end.answered_at).count();
    tally_.cv.notify_all();
  }

 private:
  Tally& tally_;
  std::shared_ptr<const robocall::audio::Pcm> phrase_;
};

}  // namespace

int main(int argc, char** argv) {
  const Options o = parse(argc, argv);
  namespace sip = robocall::sip;
  namespace testing = robocall::sip::testing;

  const int peers = (o.calls + o.per_peer - 1) / o.per_peer;
  std::vector<std::unique_ptr<testing::SippPeer>> sipps;
  std::vector<int> peer_ports;
  const std::string scenario = std::string(ROBOCALL_BENCH_DIR) + "/uas_key1.xml";
  for (int i = 0; i < peers; ++i) {
    const int port = o.base_port + 2 * i;
    const int calls = std::min(o.per_peer, o.calls - i * o.per_peer);
    testing::SippOptions so(scenario, {{"DELAY_MS", "2000"}}, static_cast<std::uint16_t>(port),
                            static_cast<std::uint16_t>(42000 + 100 * i));
    so.calls = calls;
    so.extra_args = {"-max_socket", "4096"};
    so.rtp_echo = o.echo != 0;
    sipps.push_back(std::make_unique<testing::SippPeer>(so));
    peer_ports.push_back(port);
  }

  sip::EngineConfig config;
  config.max_calls = o.calls + 16;
  config.rtp_port_min = 20000;
  config.rtp_port_max = 40000;
  config.realtime_priority = o.rt;
  auto engine = sip::Engine::start(config);
  if (!engine) {
    std::fprintf(stderr, "engine: %s\n", engine.error().message.c_str());
    return 1;
  }
  const auto dir = testing::make_temp_dir("robocall-bench-calls");

  robocall::audio::Pcm pcm;
  pcm.samples.resize(static_cast<std::size_t>(8000 * o.phrase_s));
  for (std::size_t i = 0; i < pcm.samples.size(); ++i)
    pcm.samples[i] = static_cast<std::int16_t>(
        6000 * std::sin(2 * std::numbers::pi * 440 * static_cast<double>(i) / 8000.0));
  auto phrase = std::make_shared<const robocall::audio::Pcm>(std::move(pcm));

  Tally tally;
  tally.engine = engine->get();
  for (const auto& p : sipps) tally.peers.push_back(p->pid());
  std::vector<std::unique_ptr<BenchCall>> observers;
  for (int i = 0; i < o.calls; ++i) {
    observers.push_back(std::make_unique<BenchCall>(tally, phrase));
  }

  // Start calls 10 per 20 ms (500 per second) from the loop thread.
  const double cpu_start = cpu_seconds_self();
  const auto wall_start = Clock::now();
  int placed = 0;
  int place_errors = 0;
  std::function<void()> place_batch;
  sip::Timer pacer;
  place_batch = [&] {
    for (int k = 0; k < 10 && placed < o.calls; ++k, ++placed) {
      sip::Account acc;
      acc.username = "bench";
      acc.password = "bench";
      acc.server = "127.0.0.1:" + std::to_string(peer_ports[placed / o.per_peer]);
      sip::CallOptions opts;
      opts.record_path = dir / ("call-" + std::to_string(placed) + ".wav");
      auto c = (*engine)->place_call(acc, "9161234567", opts, *observers[placed]);
      if (c) {
        observers[placed]->call = *c;
      } else {
        ++place_errors;
        std::lock_guard lock(tally.mu);
        ++tally.ended;
        ++tally.failed;
      }
    }
    if (placed < o.calls) pacer = (*engine)->start_timer(20ms, place_batch);
  };
  (*engine)->post(place_batch);

  {
    std::unique_lock lock(tally.mu);
    tally.cv.wait_for(lock, std::chrono::seconds(o.deadline_s),
                      [&] { return tally.ended >= o.calls; });
  }
  const auto wall_end = Clock::now();
  const double cpu_end = cpu_seconds_self();
  const sip::EngineStats stats = (*engine)->stats();

  std::lock_guard lock(tally.mu);
  // CPU over the steady window (Tally::mark_answer).
  const double window =
      tally.last_answer != Clock::time_point{} && tally.first_ended > tally.last_answer
          ? std::chrono::duration<double>(tally.first_ended - tally.last_answer).count()
          : 0;
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  const double wall = std::chrono::duration<double>(wall_end - wall_start).count();
  const double cpu_total = cpu_end - cpu_start;
  const double expected_frames = tally.media_seconds / 0.020;
  std::printf("loop thread: %s; load average at the end: %s",
              o.rt ? "SCHED_FIFO" : "normal priority", load_average().c_str());
  std::printf("calls %d (peers %d): answered %d, ended %d, failed %d, place errors %d\n", o.calls,
              peers, tally.answered, tally.ended, tally.failed, place_errors);
  for (const auto& [why, count] : tally.failures)
    std::printf("  failed: %d × %s\n", count, why.c_str());
  std::printf("whole run: %.1f s wall, %.2f s CPU = %.1f %% of one core (%.2f %% per 100 calls)\n",
              wall, cpu_total, 100 * cpu_total / wall, 100 * cpu_total / wall / (o.calls / 100.0));
  if (window > 0) {
    const double ours = (tally.cpu_first_ended - tally.cpu_last_answer) / window;
    const double loop = (tally.loop_cpu_first_ended - tally.loop_cpu_last_answer) / window;
    const double theirs = (tally.peer_cpu_first_ended - tally.peer_cpu_last_answer) / window;
    std::printf(
        "steady window, %d calls up for %.1f s: loop thread %.1f %% of one core "
        "(%.2f %% per 100 calls); whole process %.1f %% (%.2f %% per 100 calls); "
        "SIPp peers %.1f %% (ratio loop/SIPp %.2f, process/SIPp %.2f)\n",
        tally.up, window, 100 * loop, 100 * loop / (tally.up / 100.0), 100 * ours,
        100 * ours / (tally.up / 100.0), 100 * theirs, theirs > 0 ? loop / theirs : 0.0,
        theirs > 0 ? ours / theirs : 0.0);
  } else {
    std::printf("no steady window: no call was answered\n");
  }
  if (window > 0) {
    // The ticker's lateness within the steady window: the share of ticks
    // later than each bound of the engine's histogram.
    const auto& a = tally.lateness_last_answer;
    const auto& b = tally.lateness_first_ended;
    const double ticks = static_cast<double>(b.count() - a.count());
    std::printf("ticker in the steady window: %.0f ticks; later than", ticks);
    std::uint64_t later = b.count() - a.count();
    for (std::size_t i = 0; i < b.bounds.size() && ticks > 0; ++i) {
      later -= b.counts[i] - a.counts[i];
      if (b.bounds[i] >= 0.001)
        std::printf(" %g ms: %.2f %%;", b.bounds[i] * 1000,
                    100.0 * static_cast<double>(later) / ticks);
    }
    std::printf("\n");
  }
  std::printf("peak RSS: %.1f MB\n", static_cast<double>(ru.ru_maxrss) / 1024.0);
  std::printf("ticker: %llu ticks, lateness p50 %.2f ms, p99 %.2f ms, max %.2f ms\n",
              static_cast<unsigned long long>(stats.ticks), stats.lateness_p50.count() / 1000.0,
              stats.lateness_p99.count() / 1000.0, stats.lateness_max.count() / 1000.0);
  std::printf("frames sent %llu vs expected %.0f (ratio %.4f); frames received %llu\n",
              static_cast<unsigned long long>(stats.frames_sent), expected_frames,
              expected_frames > 0 ? static_cast<double>(stats.frames_sent) / expected_frames : 0.0,
              static_cast<unsigned long long>(stats.frames_received));
  std::printf("digits received %d vs sent %d; recording failures %llu; RTP packets dropped %llu\n",
              tally.digits, o.calls, static_cast<unsigned long long>(stats.recording_failures),
              static_cast<unsigned long long>(stats.rtp_dropped));
  return 0;
}
