// The runs of bench_cluster: a PostgreSQL server for the run, a fresh
// database per run (SQLite when the server URL is empty), and the two
// measures. One thread calls them (the claims run starts its own threads).
#pragma once

#include <string>

namespace robocall::cluster::bench {

struct Args {
  std::string pg;  // a running server's URL; empty: start one
  int claim_tasks = 3000;
  int call_tasks = 300;
  int lines = 30;
  double rate = 20;
  int hold_ms = 500;
  int limit_s = 180;
};

// scripts/test-postgres start/stop in a temporary folder, unless a URL is given.
class PostgresServer {
 public:
  explicit PostgresServer(const std::string& url);
  ~PostgresServer();
  PostgresServer(const PostgresServer&) = delete;
  PostgresServer& operator=(const PostgresServer&) = delete;
  const std::string& url() const { return url_; }

 private:
  std::string url_;
  std::string dir_;  // empty: not ours
};

struct ClaimsFigures {
  double per_second = 0;  // tasks claimed (and finished) per second, all nodes
  double p50_ms = 0;      // one claim_due call of 10
  double p99_ms = 0;
};

struct CallsFigures {
  double per_minute = 0;  // confirmed calls, first INVITE to last hang-up at SIPp
  int confirmed = 0;
  int peak_lines = 0;     // SIPp's own count
  int max_starts_1s = 0;  // INVITEs in any one second at SIPp
};

// `server` empty: SQLite (nodes must be 1). `limits`: the account's
// cluster-wide limits enforced in the claim (docs/DESIGN.md "Several
// nodes"), else a plain claim.
ClaimsFigures measure_claims(const std::string& server, int nodes, bool limits, const Args& a);
CallsFigures measure_calls(const std::string& server, int nodes, const Args& a);

std::string load_average();

}  // namespace robocall::cluster::bench
