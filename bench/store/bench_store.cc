// bench_store: fills a fresh SQLite file with a million realistic tasks, then
// times the task list (first page of 50 + total count, and a deep page) for
// every sort × order with a ~1 day and ~1 week appointment filter and without
// one. Prints median and p95 per case, the fill time, and the ratio against a
// peer measured in the same run: the same list as one plain query (count(*),
// then ORDER BY ... LIMIT/OFFSET of whole rows) left to SQLite's planner.
// Bounded: it stops by itself after the last case and removes its file.
#include <stdlib.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "store/schema.h"
#include "store/task_list.h"
#include "store/task_rows.h"
#include "store/tasks_repo.h"

namespace {

using namespace robocall;
using Clock = std::chrono::steady_clock;

constexpr const char* kSurnames[] = {
    "Иванов",  "Смирнов", "Кузнецов", "Попов",    "Васильев", "Петров",    "Соколов", "Михайлов",
    "Новиков", "Фёдоров", "Морозов",  "Волков",   "Алексеев", "Лебедев",   "Семёнов", "Егоров",
    "Павлов",  "Козлов",  "Степанов", "Николаев", "Орлов",    "Андреев",   "Макаров", "Никитин",
    "Захаров", "Зайцев",  "Соловьёв", "Борисов",  "Яковлев",  "Григорьев", "Романов", "Воробьёв"};
constexpr const char* kNames[] = {"Александр", "Сергей", "Дмитрий",  "Андрей",  "Алексей", "Иван",
                                  "Михаил",    "Ольга",  "Елена",    "Наталья", "Татьяна", "Анна",
                                  "Мария",     "Ирина",  "Светлана", "Юлия"};
constexpr const char* kPatronymics[] = {"Александрович", "Сергеевич",  "Дмитриевич", "Иванович",
                                        "Петрович",      "Михайлович", "Андреевич",  "Николаевич"};

struct Args {
  long rows = 1'000'000;
  int iterations = 21;
  int peer_iterations = 5;
  std::int64_t deep_offset = 5000;
  std::string db;
};

Args parse(int argc, char** argv) {
  Args a;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--rows"))
      a.rows = std::atol(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--iterations"))
      a.iterations = std::atoi(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--deep-offset"))
      a.deep_offset = std::atol(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--db"))
      a.db = argv[i + 1];
  }
  return a;
}

double ms(Clock::duration d) {
  return std::chrono::duration<double, std::milli>(d).count();
}

void must(const Status& st) {
  if (!st) {
    std::fprintf(stderr, "%s\n", st.error().message.c_str());
    std::exit(1);
  }
}

// Appointments from `start` over 60 days, 08:00-20:00 in 15-minute slots.
domain::Task make_task(std::mt19937_64& rng, domain::Instant start) {
  domain::Task t;
  auto pick = [&](const auto& list) { return list[rng() % std::size(list)]; };
  std::string surname = pick(kSurnames);
  std::string name = pick(kNames);
  const bool female = name.back() == "а"[1] || name.back() == "я"[1];
  t.full_name = surname + (female ? "а " : " ") + name + " " + pick(kPatronymics);
  t.phone = "9" + std::to_string(100000000 + rng() % 900000000);
  const auto day = static_cast<long>(rng() % 60);
  const auto slot = static_cast<long>(rng() % 48);
  t.appointment =
      start + std::chrono::days{day} + std::chrono::hours{8} + std::chrono::minutes{15 * slot};
  t.birth_date =
      std::chrono::year_month_day{std::chrono::year{1940 + static_cast<int>(rng() % 70)},
                                  std::chrono::month{1 + static_cast<unsigned>(rng() % 12)},
                                  std::chrono::day{1 + static_cast<unsigned>(rng() % 28)}};
  t.extra = {{"Врач", std::string("Терапевт ") + pick(kSurnames)},
             {"Кабинет", std::to_string(100 + rng() % 400)}};
  return t;
}

double fill(store::Connection& db, long rows, domain::Instant start) {
  std::mt19937_64 rng(42);
  // Setup only: a larger page cache keeps the index pages of the fill in memory.
  must(db.exec("PRAGMA cache_size = -262144"));
  store::TasksRepo tasks(db);
  const auto began = Clock::now();
  std::vector<domain::Task> batch;
  for (long done = 0; done < rows;) {
    batch.clear();
    for (; done < rows && batch.size() < 50'000; ++done) batch.push_back(make_task(rng, start));
    auto ids = tasks.insert(batch, std::nullopt, start);
    if (!ids) must(ids.error());
  }
  // Mixed states: most still pending, the rest spread over the finals.
  must(
      db.exec("UPDATE tasks SET state = CASE abs(random()) % 20"
              " WHEN 0 THEN 'confirmed' WHEN 1 THEN 'confirmed' WHEN 2 THEN 'confirmed'"
              " WHEN 3 THEN 'cancelled' WHEN 4 THEN 'exhausted' WHEN 5 THEN 'expired'"
              " WHEN 6 THEN 'confirmed' WHEN 7 THEN 'cancelled' ELSE 'pending' END"));
  must(db.exec("PRAGMA optimize"));
  // A running server checkpoints as it goes; measure the list in that state.
  must(db.exec("PRAGMA wal_checkpoint(TRUNCATE)"));
  return ms(Clock::now() - began);
}

// The peer: the list as one would first write it, with SQLite choosing the plan.
void peer_page(store::Connection& db, const store::TaskQuery& q) {
  const auto where = store::task_where(q.filter);
  auto tx = store::Transaction::begin(db, store::Transaction::Kind::kRead);
  if (!tx) must(tx.error());
  auto count = db.prepare("SELECT count(*) FROM tasks" + where.sql);
  if (!count) must(count.error());
  store::bind_where(*count, where);
  if (auto row = count->step(); !row) must(row.error());
  auto rows = db.prepare("SELECT " + store::task_columns() + " FROM tasks" + where.sql +
                         store::task_order_by(q.sort, q.order) + " LIMIT ? OFFSET ?");
  if (!rows) must(rows.error());
  const int n = store::bind_where(*rows, where);
  rows->bind(n + 1, q.limit).bind(n + 2, q.offset);
  for (;;) {
    auto row = rows->step();
    if (!row) must(row.error());
    if (!*row) break;
    if (auto task = store::read_task(*rows); !task) must(task.error());
  }
}

struct Figures {
  double median;
  double p95;
};

template <class F>
Figures time_it(int iterations, F&& run) {
  std::vector<double> samples;
  run();  // warm the cache
  for (int i = 0; i < iterations; ++i) {
    const auto began = Clock::now();
    run();
    samples.push_back(ms(Clock::now() - began));
  }
  std::sort(samples.begin(), samples.end());
  const auto p95 = samples[std::min(samples.size() - 1, samples.size() * 95 / 100)];
  return {samples[samples.size() / 2], p95};
}

}  // namespace

int main(int argc, char** argv) {
  const Args args = parse(argc, argv);
  const bool temporary = args.db.empty();
  std::filesystem::path path = args.db;
  if (temporary) {
    std::string dir = (std::filesystem::temp_directory_path() / "bench-store-XXXXXX").string();
    if (!mkdtemp(dir.data())) return 1;
    path = std::filesystem::path(dir) / "bench.db";
  }
  const domain::Instant start{std::chrono::sys_days{std::chrono::year{2026} / 1 / 12}};
  double fill_ms = 0;
  {
    auto db = store::open_database(path);
    if (!db) must(db.error());
    auto existing = db->query_int("SELECT count(*) FROM tasks");
    if (!existing) must(existing.error());
    if (*existing == 0) fill_ms = fill(*db, args.rows, start);
  }
  auto db = store::open_database(path);
  if (!db) must(db.error());
  store::TasksRepo tasks(*db);
  std::printf("tasks: %ld, fill: %.0f ms (%.0f tasks/s)\n", args.rows, fill_ms,
              fill_ms > 0 ? args.rows / fill_ms * 1000 : 0.0);

  struct Range {
    const char* name;
    std::optional<domain::Instant> from, to;
  };
  const auto mid = start + std::chrono::days{30};
  const Range ranges[] = {{"1 day", mid, mid + std::chrono::days{1}},
                          {"1 week", mid, mid + std::chrono::days{7}},
                          {"none", std::nullopt, std::nullopt}};
  const std::pair<store::TaskSort, const char*> sorts[] = {
      {store::TaskSort::kId, "id"},
      {store::TaskSort::kName, "name"},
      {store::TaskSort::kAppointment, "appointment"},
      {store::TaskSort::kStatus, "status"}};
  int over_target = 0;
  std::printf("%-7s %-12s %-5s %8s | %-21s | %-21s | %-17s | %s\n", "filter", "sort", "order",
              "total", "first page ms med/p95", "deep page ms med/p95", "peer ms first/deep",
              "peer/ours first/deep");
  for (const auto& range : ranges) {
    for (const auto& [sort, sort_name] : sorts) {
      for (auto order : {store::SortOrder::kAsc, store::SortOrder::kDesc}) {
        store::TaskQuery q;
        q.filter.from = range.from;
        q.filter.to = range.to;
        q.sort = sort;
        q.order = order;
        std::int64_t total = 0;
        const auto first = time_it(args.iterations, [&] {
          auto page = tasks.list(q);
          if (!page) must(page.error());
          total = page->total;
        });
        q.offset = args.deep_offset;
        const auto deep = time_it(args.iterations, [&] {
          auto page = tasks.list(q);
          if (!page) must(page.error());
        });
        const auto peer_deep = time_it(args.peer_iterations, [&] { peer_page(*db, q); });
        q.offset = 0;
        const auto peer_first = time_it(args.peer_iterations, [&] { peer_page(*db, q); });
        if (range.from && (first.median >= 20 || deep.median >= 20)) ++over_target;
        std::printf(
            "%-7s %-12s %-5s %8lld | %8.2f / %8.2f | %8.2f / %8.2f | %7.1f / %7.1f | %6.1fx / "
            "%6.1fx\n",
            range.name, sort_name, order == store::SortOrder::kAsc ? "asc" : "desc",
            static_cast<long long>(total), first.median, first.p95, deep.median, deep.p95,
            peer_first.median, peer_deep.median, peer_first.median / first.median,
            peer_deep.median / deep.median);
      }
    }
  }
  std::printf("deep page offset: %lld; filtered cases over the 20 ms median target: %d of 16\n",
              static_cast<long long>(args.deep_offset), over_target);
  if (temporary) std::filesystem::remove_all(path.parent_path());
  return 0;
}
