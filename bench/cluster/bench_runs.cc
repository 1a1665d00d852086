#include "bench_runs.h"

#include <algorithm>
#include <barrier>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <thread>
#include <vector>

#include "cluster_harness.h"
#include "store/attempts_repo.h"
#include "store/test_db.h"

namespace robocall::cluster::bench {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
namespace dt = dialer::testing;
using namespace cluster::testing;

std::string run_script(const std::string& command) {
  std::string out;
  FILE* p = popen(command.c_str(), "r");
  if (!p) throw std::runtime_error("cannot run " + command);
  char buf[512];
  while (std::fgets(buf, sizeof buf, p)) out += buf;
  if (pclose(p) != 0) throw std::runtime_error(command + " failed: " + out);
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  return out;
}

// A fresh database on `server` (TestDatabase reads the variable), or a SQLite file.
std::unique_ptr<store::TestDatabase> fresh_database(const std::string& server) {
  if (server.empty())
    unsetenv("ROBOCALL_TEST_POSTGRES");
  else
    setenv("ROBOCALL_TEST_POSTGRES", server.c_str(), 1);
  return std::make_unique<store::TestDatabase>();
}

store::Connection connect(store::TestDatabase& db) {
  auto c = db.open();
  if (!c) throw std::runtime_error(c.error().message);
  return std::move(*c);
}

std::int64_t query(store::Connection& db, const std::string& sql) {
  auto v = db.query_int(sql);
  if (!v) throw std::runtime_error(sql + ": " + v.error().message);
  return *v;
}

void set_limits(store::Connection& db, int lines, double rate) {
  dt::set_robocall(db, R"({"enabled":true,"attempts":1,"retry_after_min":1,"answer_timeout_s":10,)"
                       R"("max_calls":)" +
                           std::to_string(lines) + R"(,"max_calls_per_second":)" +
                           std::to_string(rate) + R"(,"retention_days":null})");
}

void add_tasks(store::Connection& db, int count, domain::Instant start) {
  auto tx = store::Transaction::begin(db);
  if (!tx) throw std::runtime_error(tx.error().message);
  for (int n = 1; n <= count; ++n)
    dt::add_task(db, dt::phone_of(dt::Patient::kPresses1, n),
                 start + std::chrono::hours(24) + std::chrono::seconds(n), start);
  if (auto st = tx->commit(); !st) throw std::runtime_error(st.error().message);
}

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[static_cast<std::size_t>(p * static_cast<double>(v.size() - 1))];
}

}  // namespace

PostgresServer::PostgresServer(const std::string& url) : url_(url) {
  if (!url_.empty()) return;
  dir_ = sip::testing::make_temp_dir("robocall-bench-pg").string();
  url_ = run_script(std::string(ROBOCALL_SOURCE_DIR_DEFAULT) + "/scripts/test-postgres start '" +
                    dir_ + "'");
}

PostgresServer::~PostgresServer() {
  if (dir_.empty()) return;
  const std::string stop =
      std::string(ROBOCALL_SOURCE_DIR_DEFAULT) + "/scripts/test-postgres stop '" + dir_ + "'";
  if (std::system(stop.c_str()) != 0)
    std::fprintf(stderr, "bench_cluster: %s failed\n", stop.c_str());
}

ClaimsFigures measure_claims(const std::string& server, int nodes, bool limits, const Args& a) {
  auto database = fresh_database(server);
  auto db = connect(*database);
  const auto start = dt::now();
  dt::add_account(db, 5060);
  const auto account = query(db, "SELECT id FROM sip_accounts");
  set_limits(db, 1000, 100);
  add_tasks(db, a.claim_tasks, start);

  std::vector<store::Connection> conns;
  for (int i = 0; i < nodes; ++i) conns.push_back(connect(*database));
  std::vector<std::vector<double>> latencies(static_cast<std::size_t>(nodes));
  std::vector<std::string> errors(static_cast<std::size_t>(nodes));
  std::barrier ready(nodes + 1);
  std::vector<std::thread> threads;
  for (int i = 0; i < nodes; ++i) {
    threads.emplace_back([&, i] {
      const std::string node = "n" + std::to_string(i + 1);
      store::AttemptsRepo repo(conns[static_cast<std::size_t>(i)]);
      auto& lat = latencies[static_cast<std::size_t>(i)];
      ready.arrive_and_wait();
      for (;;) {
        store::ClaimRequest request;
        request.now = dt::now();
        request.now_ms = std::chrono::time_point_cast<std::chrono::milliseconds>(
            std::chrono::system_clock::now());
        request.limit = 10;
        request.account_id = account;
        request.node = node;
        if (limits) request.limits = store::AccountLimits{1000, 100};
        const auto now = request.now;
        const auto t0 = Clock::now();
        auto claims = repo.claim_due(request);
        lat.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
        if (!claims) {
          errors[static_cast<std::size_t>(i)] = claims.error().message;
          return;
        }
        if (claims->empty()) return;
        for (const auto& c : *claims) {
          store::AttemptResult r;
          r.attempt_id = c.attempt.id;
          r.outcome = domain::CallOutcome::kConfirmed;
          r.digits = "1";
          r.answered = now;
          r.ended = now;
          r.task = {domain::TaskState::kConfirmed, 1, std::nullopt};
          if (auto st = repo.finish(r, node); !st) {
            errors[static_cast<std::size_t>(i)] = st.error().message;
            return;
          }
        }
      }
    });
  }
  ready.arrive_and_wait();
  const auto t0 = Clock::now();
  for (auto& t : threads) t.join();
  const double wall = std::chrono::duration<double>(Clock::now() - t0).count();
  for (const auto& e : errors)
    if (!e.empty()) throw std::runtime_error("claims: " + e);
  const auto done = query(db, "SELECT count(*) FROM tasks WHERE state = 'confirmed'");
  if (done != a.claim_tasks)
    throw std::runtime_error("claims: " + std::to_string(done) + " of " +
                             std::to_string(a.claim_tasks) + " tasks confirmed");
  std::vector<double> all;
  for (const auto& l : latencies) all.insert(all.end(), l.begin(), l.end());
  return {static_cast<double>(a.claim_tasks) / wall, percentile(all, 0.5), percentile(all, 0.99)};
}

CallsFigures measure_calls(const std::string& server, int nodes, const Args& a) {
  auto database = fresh_database(server);
  auto db = connect(*database);
  const auto dir = dt::make_temp_dir();
  Patients patients(dir, sip::testing::free_peer_ports(), std::chrono::milliseconds(a.hold_ms),
                    10s);
  const auto start = dt::now();
  dt::add_account(db, patients.port());
  dt::set_schedule_until(db, start + std::chrono::hours(1));
  set_limits(db, a.lines, a.rate);
  add_tasks(db, a.call_tasks, start);
  const auto key = write_secret_key(dir);
  std::vector<std::unique_ptr<dt::ServeProcess>> started;
  for (int i = 1; i <= nodes; ++i)
    started.push_back(start_node(dir, database->location(), "n" + std::to_string(i), key));
  const auto limit = Clock::now() + std::chrono::seconds(a.limit_s);
  while (query(db, "SELECT count(*) FROM tasks WHERE state IN ('pending', 'calling')") > 0 &&
         Clock::now() < limit)
    std::this_thread::sleep_for(200ms);
  for (auto& node : started)
    if (node->terminate(30s) != 0)
      std::fprintf(stderr, "a node did not stop cleanly:\n%s\n", node->log().c_str());
  const auto calls = patients.stop_and_read();

  CallsFigures f;
  f.confirmed = static_cast<int>(query(db, "SELECT count(*) FROM tasks WHERE state = 'confirmed'"));
  f.peak_lines = peak_lines(calls);
  double first = 0, last = 0;
  for (std::size_t i = 0, j = 0; j < calls.size(); ++j) {
    while (calls[j].start - calls[i].start >= 1.0) ++i;
    f.max_starts_1s = std::max(f.max_starts_1s, static_cast<int>(j - i + 1));
    if (first == 0) first = calls[j].start;
    last = std::max(last, calls[j].end);
  }
  if (last > first) f.per_minute = 60.0 * f.confirmed / (last - first);
  std::filesystem::remove_all(dir);
  return f;
}

std::string load_average() {
  std::ifstream in("/proc/loadavg");
  std::string line;
  std::getline(in, line);
  return line + "\n";
}

}  // namespace robocall::cluster::bench
