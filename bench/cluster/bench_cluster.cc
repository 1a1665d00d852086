// bench_cluster: one, two and three `robocall serve` nodes on one PostgreSQL
// beside one node on SQLite, in one run (docs/DESIGN.md "Several nodes").
// - claims per second: every node a thread with its own connection, claiming
//   due tasks 10 at a time and finishing each claim at once (the store's
//   share of a call), until none is left;
// - calls per minute: real nodes against SIPp patients who press 1 after
//   --hold-ms, every task due now, one attempt each, from the first INVITE
//   SIPp saw to its last hang-up; and SIPp's own peak of calls at once.
// Prints a table with the ratio of each to the SQLite node. The PostgreSQL
// server is --pg URL, or one of its own (scripts/test-postgres, stopped at
// the end). Bounded: each calls run gives up after --limit-s.
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>
#include <thread>

#include "bench_runs.h"
#include "harness.h"

namespace {

using namespace robocall::cluster::bench;

int run(const Args& a) {
  robocall::dialer::testing::pin_local_time_to_midday();
  PostgresServer server(a.pg);
  struct Row {
    std::string name;
    std::string server;  // empty: SQLite
    int nodes;
    ClaimsFigures claims;
    ClaimsFigures plain;  // the same without the cluster limits
    CallsFigures calls;
  };
  std::vector<Row> rows = {{"SQLite, 1 node", "", 1, {}, {}, {}}};
  for (int n = 1; n <= 3; ++n)
    rows.push_back({"PostgreSQL, " + std::to_string(n) + (n == 1 ? " node" : " nodes"),
                    server.url(),
                    n,
                    {},
                    {},
                    {}});
  for (auto& r : rows) {
    std::fprintf(stderr, "== %s\n", r.name.c_str());
    r.claims = measure_claims(r.server, r.nodes, true, a);
    r.plain = measure_claims(r.server, r.nodes, false, a);
    r.calls = measure_calls(r.server, r.nodes, a);
  }
  std::printf("load average at the end: %s", load_average().c_str());
  std::printf(
      "claims: %d tasks, 10 a claim, each finished at once; calls: %d tasks, %d lines, "
      "%g starts/s, patients press 1 after %d ms\n",
      a.claim_tasks, a.call_tasks, a.lines, a.rate, a.hold_ms);
  std::printf(
      "| database, nodes | claims/s | ratio | claim of 10 p50/p99 ms | claims/s without "
      "the limits | throughput the limits cost | calls/min | ratio | confirmed | SIPp peak lines | "
      "max "
      "starts in 1 s |\n");
  std::printf("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
  const auto& base = rows.front();
  const auto ratio = [](double x, double y) { return y > 0 ? x / y : 0; };
  for (const auto& r : rows) {
    std::printf(
        "| %s | %.0f | %.2f | %.2f/%.2f | %.0f | %.0f %% | %.0f | %.2f | %d/%d | %d | %d |\n",
        r.name.c_str(), r.claims.per_second, ratio(r.claims.per_second, base.claims.per_second),
        r.claims.p50_ms, r.claims.p99_ms, r.plain.per_second,
        100 * (1 - ratio(r.claims.per_second, r.plain.per_second)), r.calls.per_minute,
        ratio(r.calls.per_minute, base.calls.per_minute), r.calls.confirmed, a.call_tasks,
        r.calls.peak_lines, r.calls.max_starts_1s);
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  Args a;
  CLI::App app{"bench_cluster: claims/s and calls/min for 1-3 nodes on PostgreSQL and SQLite"};
  app.add_option("--pg", a.pg, "a running PostgreSQL server's URL (else one of its own)");
  app.add_option("--claim-tasks", a.claim_tasks, "tasks claimed per claims run")
      ->check(CLI::Range(10, 1000000));
  app.add_option("--call-tasks", a.call_tasks, "tasks called per calls run")
      ->check(CLI::Range(1, 10000));
  app.add_option("--lines", a.lines, "«Одновременных звонков»")->check(CLI::Range(1, 1000));
  app.add_option("--rate", a.rate, "«Новых звонков в секунду»")->check(CLI::Range(0.1, 100.0));
  app.add_option("--hold-ms", a.hold_ms, "how long a patient listens before 1")
      ->check(CLI::Range(0, 60000));
  app.add_option("--limit-s", a.limit_s, "each calls run gives up after")
      ->check(CLI::Range(10, 3600));
  CLI11_PARSE(app, argc, argv);
  spdlog::set_level(spdlog::level::warn);
  try {
    return run(a);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_cluster: %s\n", e.what());
    return 1;
  }
}
