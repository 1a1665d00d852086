// bench_dialer: 2,000 patients who each press 1 after listening a few
// seconds, against one SIPp peer, with up to 200 lines and a call-start
// limit. Runs the dialer in-process on a real SQLite file and prints calls
// completed per minute, the store's share of the loop thread's time, and the
// call starts per second measured at the peer against the configured limit.
// Bounded: gives up after --limit-s seconds.
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>
#include <thread>

#include "dialer/dialer.h"
#include "harness.h"
#include "store/attempts_repo.h"

namespace {

using namespace robocall;
using namespace robocall::dialer::testing;

struct Args {
  int tasks = 2000;
  int lines = 200;
  double rate = 40;
  int key_delay_ms = 4000;
  int limit_s = 600;
};

int run(const Args& a) {
  const auto dir = make_temp_dir();
  const auto db_path = dir / "bench.db";
  SippPeer peer(dir, sip::testing::free_peer_ports(), std::chrono::milliseconds(a.key_delay_ms));
  const auto start = now();
  {
    auto db = open_db(db_path);
    add_account(db, peer.port());
    set_schedule_until(db, start + std::chrono::hours(2));
    set_robocall(db, R"({"enabled":true,"attempts":1,"retry_after_min":1,"answer_timeout_s":10,)"
                     R"("max_calls":)" +
                         std::to_string(a.lines) + R"(,"max_calls_per_second":)" +
                         std::to_string(a.rate) + R"(,"retention_days":null})");
    if (!db.exec("BEGIN")) return 1;
    for (int n = 1; n <= a.tasks; ++n)
      add_task(db, phone_of(Patient::kPresses1, n),
               start + std::chrono::days(1) + std::chrono::seconds(n), start);
    if (!db.exec("COMMIT")) return 1;
  }
  spdlog::set_level(spdlog::level::warn);
  dialer::DialerOptions o;
  o.db_path = db_path;
  o.data_dir = dir / "data";
  o.max_lines = a.lines;
  const auto t0 = std::chrono::steady_clock::now();
  auto started = dialer::Dialer::start(o);
  if (!started) {
    std::fprintf(stderr, "dialer: %s\n", started.error().message.c_str());
    return 1;
  }
  auto& d = **started;
  const auto limit = t0 + std::chrono::seconds(a.limit_s);
  while (d.stats().calls_finished < static_cast<std::uint64_t>(a.tasks) &&
         std::chrono::steady_clock::now() < limit)
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  const auto wall = std::chrono::steady_clock::now() - t0;
  const auto s = d.stats();
  d.stop();
  const auto calls = peer.stop_and_read();

  auto db = open_db(db_path);
  const auto confirmed =
      db.query_int("SELECT count(*) FROM tasks WHERE state = 'confirmed'").value();
  const double wall_s = std::chrono::duration<double>(wall).count();
  double first = 0, last_start = 0, last_end = 0;
  for (const auto& c : calls) {
    if (first == 0 || c.start < first) first = c.start;
    last_start = std::max(last_start, c.start);
    last_end = std::max(last_end, c.end);
  }
  const double span = last_start - first;
  const double starts_per_s = calls.size() > 1 ? (calls.size() - 1) / span : 0;
  const auto sec = [](std::chrono::nanoseconds ns) {
    return std::chrono::duration<double>(ns).count();
  };

  std::printf("tasks %d, lines %d, call-start limit %.1f/s, patients press 1 after %d ms\n",
              a.tasks, a.lines, a.rate, a.key_delay_ms);
  std::printf("calls finished %llu (confirmed %lld) in %.1f s: %.0f calls/min\n",
              static_cast<unsigned long long>(s.calls_finished), static_cast<long long>(confirmed),
              wall_s, s.calls_finished / wall_s * 60);
  std::printf("peak simultaneous calls: %d at the dialer, %d at the peer\n", s.max_active,
              max_simultaneous(calls));
  std::printf(
      "call starts at the peer: %.2f/s over %.1f s; achieved/limit %.3f; max in any 1 s: %d\n",
      starts_per_s, span, starts_per_s / a.rate, max_starts_within(calls, 1.0));
  std::printf(
      "loop thread in dialer handlers %.3f s (%.2f %% of wall), of which store results %.3f s "
      "(%.3f %% of wall, %.1f %% of the dialer's loop time)\n",
      sec(s.loop_busy), 100 * sec(s.loop_busy) / wall_s, sec(s.loop_store_busy),
      100 * sec(s.loop_store_busy) / wall_s,
      s.loop_busy.count() ? 100.0 * s.loop_store_busy.count() / s.loop_busy.count() : 0);
  std::printf("store thread busy %.2f s (%.1f %% of wall); speech thread busy %.2f s\n",
              sec(s.store_thread_busy), 100 * sec(s.store_thread_busy) / wall_s,
              sec(s.speech_thread_busy));
  std::printf("ticker lateness p50/p99/max %.2f/%.2f/%.2f ms\n",
              s.engine.lateness_p50.count() / 1000.0, s.engine.lateness_p99.count() / 1000.0,
              s.engine.lateness_max.count() / 1000.0);
  std::filesystem::remove_all(dir);
  return s.calls_finished == static_cast<std::uint64_t>(a.tasks) ? 0 : 2;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app("bench_dialer");
  Args a;
  app.add_option("--tasks", a.tasks)->capture_default_str();
  app.add_option("--lines", a.lines)->capture_default_str();
  app.add_option("--rate", a.rate, "call starts per second")->capture_default_str();
  app.add_option("--key-delay-ms", a.key_delay_ms)->capture_default_str();
  app.add_option("--limit-s", a.limit_s, "give up after")->capture_default_str();
  CLI11_PARSE(app, argc, argv);
  return run(a);
}
