// bench_api: with N tasks (default 1,000,000) in a temporary SQLite file,
// serves the API in-process on 127.0.0.1 and measures, over one keep-alive
// connection, p50/p95 of GET /api/tasks for each sort (both orders, pages
// spread over the list) with and without a one-week date filter; the peer is
// GET /api/me (session check only) measured the same way. Then the XLSX
// export of ~100,000 rows, and wrk (16 connections, 10 s) on the list and on
// /api/me. Bounded: every loop has a fixed count, wrk a fixed duration.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "http/secrets.h"
#include "http/server.h"
#include "http/users.h"
#include "http_client.h"
#include "store/schema.h"
#include "store/tasks_repo.h"
#include "store/test_db.h"

namespace {

using namespace robocall;
using Clock = std::chrono::steady_clock;

domain::Instant now_s() {
  return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
}

struct Percentiles {
  double p50 = 0, p95 = 0;
};

Percentiles percentiles(std::vector<double> ms) {
  std::sort(ms.begin(), ms.end());
  auto at = [&](double q) {
    return ms[static_cast<std::size_t>(q * static_cast<double>(ms.size() - 1))];
  };
  return {at(0.5), at(0.95)};
}

void fill(store::Connection& db, int count, domain::Instant start) {
  static const char* kSurnames[] = {"Иванов", "Петров", "Сидоров", "Смирнов", "Кузнецов",
                                    "Попов",  "Волков", "Соколов", "Лебедев", "Козлов"};
  static const char* kNames[] = {"Иван", "Пётр", "Анна", "Мария", "Олег", "Елена", "Сергей"};
  std::mt19937 rng(42);
  const int batch = 50'000;
  for (int done = 0; done < count; done += batch) {
    std::vector<domain::Task> tasks;
    for (int i = done; i < std::min(count, done + batch); ++i) {
      domain::Task t;
      t.phone = std::to_string(9000000000LL + i);
      t.full_name = std::string(kSurnames[rng() % 10]) + " " + kNames[rng() % 7] + " " +
                    std::to_string(rng() % 100000);
      // 60 days of appointments, 08:00-20:00.
      t.appointment = start + std::chrono::days(rng() % 60) + std::chrono::hours(8 + rng() % 12) +
                      std::chrono::minutes(rng() % 60);
      t.birth_date = std::chrono::year_month_day(
          std::chrono::year(1940 + static_cast<int>(rng() % 60)),
          std::chrono::month(1 + rng() % 12), std::chrono::day(1 + rng() % 28));
      tasks.push_back(std::move(t));
    }
    auto ids = store::TasksRepo(db).insert(tasks, std::nullopt, now_s());
    if (!ids.ok()) {
      std::fprintf(stderr, "insert: %s\n", ids.error().message.c_str());
      std::exit(1);
    }
  }
}

std::string iso(std::chrono::year_month_day d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()),
                static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
  return buf;
}

double wrk_rps(int port, const std::string& path, const std::string& cookie) {
  const auto cmd = "wrk -t2 -c16 -d10s --latency -H 'Cookie: " + cookie +
                   "' 'http://127.0.0.1:" + std::to_string(port) + path + "' 2>&1";
  FILE* p = ::popen(cmd.c_str(), "r");
  if (!p) return 0;
  char line[512];
  double rps = 0;
  while (std::fgets(line, sizeof line, p)) {
    std::string s(line);
    if (s.find("Requests/sec:") != std::string::npos) rps = std::stod(s.substr(s.find(':') + 1));
    if (s.find("Non-2xx") != std::string::npos) std::printf("  wrk: %s", line);
  }
  ::pclose(p);
  return rps;
}

}  // namespace

int main(int argc, char** argv) {
  int count = argc > 1 ? std::atoi(argv[1]) : 1'000'000;
  http::init_sodium();
  store::TempDir dir;
  const auto path = dir.file("bench.db");
  auto db = store::open_database(path);
  if (!db.ok()) return 1;
  const auto start = std::chrono::floor<std::chrono::days>(now_s()) + std::chrono::days(1);
  auto t0 = Clock::now();
  fill(*db, count, start);
  std::printf("filled %d tasks in %.1f s\n", count,
              std::chrono::duration<double>(Clock::now() - t0).count());
  if (!http::add_user(*db, "admin", "bench-password-1", now_s()).ok()) return 1;

  http::ServerOptions o;
  o.port = 0;
  o.db_path = path;
  o.data_dir = dir.file("data");
  std::filesystem::create_directories(o.data_dir);
  http::Server server(o);
  if (!server.bind().ok()) return 1;
  std::thread serving([&] { server.run(); });

  httpc::Client c("127.0.0.1", server.port());
  c.set_keep_alive(true);
  c.set_read_timeout(std::chrono::seconds(120));
  auto login = c.Post("/api/login", R"({"login":"admin","password":"bench-password-1"})",
                      "application/json");
  if (!login || login->status != 200) return 1;
  auto set_cookie = login->get_header_value("Set-Cookie");
  const auto cookie = set_cookie.substr(0, set_cookie.find(';'));
  const httpc::Headers headers{{"Cookie", cookie}};

  auto measure = [&](const std::vector<std::string>& targets) {
    std::vector<double> ms;
    for (const auto& target : targets) {
      auto a = Clock::now();
      auto res = c.Get(target, headers);
      if (!res || res->status != 200) {
        std::printf("  failed: %s %d\n", target.c_str(), res ? res->status : -1);
        continue;
      }
      ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - a).count());
    }
    return percentiles(ms);
  };

  const int kRequests = 100;
  std::vector<std::string> me(kRequests, "/api/me");
  auto peer = measure(me);
  std::printf("peer GET /api/me: p50 %.2f ms, p95 %.2f ms\n", peer.p50, peer.p95);

  const auto week_from = std::chrono::year_month_day(start + std::chrono::days(20));
  const auto week_to = std::chrono::year_month_day(start + std::chrono::days(26));
  std::mt19937 rng(7);
  for (std::string sort : {"id", "name", "appointment", "status"}) {
    for (bool filtered : {false, true}) {
      std::vector<std::string> targets;
      for (int i = 0; i < kRequests; ++i) {
        // First pages mostly, as people page; every tenth request deep in the list.
        int offset = (i % 10 == 9) ? static_cast<int>(rng() % 10000) * 50
                                   : static_cast<int>(rng() % 20) * 50;
        if (filtered) offset %= 100000;
        std::string t = "/api/tasks?sort=" + sort + "&order=" + (i % 2 ? "asc" : "desc") +
                        "&limit=50&offset=" + std::to_string(offset);
        if (filtered) t += "&from=" + iso(week_from) + "&to=" + iso(week_to);
        targets.push_back(t);
      }
      auto p = measure(targets);
      std::printf(
          "GET /api/tasks sort=%-11s %-13s p50 %7.2f ms  p95 %7.2f ms  (p95/peer p95 %.0fx)\n",
          sort.c_str(), filtered ? "one week" : "no filter", p.p50, p.p95,
          p.p95 / std::max(peer.p95, 0.001));
    }
  }

  // Export: about 100,000 rows (six days of the sixty).
  const auto ex_from = std::chrono::year_month_day(start + std::chrono::days(30));
  const auto ex_to = std::chrono::year_month_day(start + std::chrono::days(35));
  auto total = c.Get("/api/tasks?limit=1&from=" + iso(ex_from) + "&to=" + iso(ex_to), headers);
  auto rows = total ? nlohmann::json::parse(total->body)["total"].get<long>() : 0;
  auto a = Clock::now();
  auto exported = c.Get("/api/tasks/export?from=" + iso(ex_from) + "&to=" + iso(ex_to), headers);
  auto export_s = std::chrono::duration<double>(Clock::now() - a).count();
  std::printf("export of %ld rows: %.2f s, %zu bytes, status %d\n", rows, export_s,
              exported ? exported->body.size() : 0, exported ? exported->status : -1);

  auto list_rps = wrk_rps(server.port(), "/api/tasks?sort=id&order=desc&limit=50", cookie);
  auto me_rps = wrk_rps(server.port(), "/api/me", cookie);
  std::printf(
      "wrk -c16 10 s: GET /api/tasks %.0f req/s, peer GET /api/me %.0f req/s (list/peer %.2f)\n",
      list_rps, me_rps, list_rps / std::max(me_rps, 1.0));
  server.stop();
  serving.join();
  return 0;
}
