// bench_import [ROWS]: writes a task list of ROWS rows (default 200,000;
// phones as numbers and as text, names, date cells), then measures in one run
//   - `robocall import FILE --db NEW.db --json` end to end (median of 5 runs,
//     each into a fresh database) and its peak RSS,
//   - python3-openpyxl read-only iterating every row of the same file
//     (median of 3), the peer, and the ratio,
//   - `robocall export` of the imported rows (median of 3).
// Stops by itself; everything is written under a fresh temp folder, removed at
// the end unless ROBOCALL_BENCH_KEEP is set (to profile on the same file).
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <string>
#include <vector>

#include "xlsx/writer.h"

namespace {

using namespace std::chrono;
namespace fs = std::filesystem;

struct Run {
  double seconds = 0;
  long max_rss_kb = 0;
  int status = 0;
};

Run run(const std::vector<std::string>& argv, bool quiet = true) {
  std::fflush(stdout);
  const auto start = steady_clock::now();
  const pid_t pid = fork();
  if (pid == 0) {
    if (quiet) {
      if (std::freopen("/dev/null", "w", stdout) == nullptr) _exit(127);
    }
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execv(args[0], args.data());
    _exit(127);
  }
  int status = 0;
  rusage usage{};
  wait4(pid, &status, 0, &usage);
  Run r;
  r.seconds = duration<double>(steady_clock::now() - start).count();
  r.max_rss_kb = usage.ru_maxrss;
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128;
  return r;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

local_seconds local_now() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  localtime_r(&t, &tm);
  return local_seconds{seconds{t + tm.tm_gmtoff}};
}

void write_book(const fs::path& path, int rows) {
  auto writer = robocall::xlsx::XlsxWriter::create(path, "Лист1");
  if (!writer) {
    std::fprintf(stderr, "%s\n", writer.error().message.c_str());
    std::exit(1);
  }
  (void)writer->header({"Телефон", "ФИО", "Дата приёма", "Дата рождения", "Врач"},
                       {14, 30, 18, 14, 20});
  const char* surnames[] = {"Иванов", "Петров", "Сидоров", "Кузнецов", "Смирнов", "Попов"};
  const char* names[] = {"Иван", "Пётр", "Алексей", "Мария", "Анна", "Ольга", "Сергей"};
  const auto first_day = floor<days>(local_now()) + days{2};
  for (int i = 1; i <= rows; ++i) {
    const long long phone = 9000000000LL + i;
    if (i % 2 == 0) {
      (void)writer->number(i, 0, static_cast<double>(phone));
    } else {
      const std::string digits = std::to_string(phone);
      const std::string text =
          i % 3 == 0 ? "+7 " + digits.substr(0, 3) + " " + digits.substr(3) : digits;
      (void)writer->text(i, 0, text);
    }
    const std::string name =
        std::string(surnames[i % 6]) + " " + names[i % 7] + " №" + std::to_string(i);
    (void)writer->text(i, 1, name);
    const auto appointment = first_day + days{(i / 400) % 60} + hours{8} + minutes{(i % 400) * 2};
    (void)writer->date_time(i, 2, appointment);
    (void)writer->date(i, 3, year_month_day{local_days{year{1950} / 1 / 1} + days{i % 20000}});
    (void)writer->text(i, 4, i % 2 ? "Петрова А. А." : "Сидоров Б. Б.");
  }
  if (auto closed = writer->close(); !closed) {
    std::fprintf(stderr, "%s\n", closed.error().message.c_str());
    std::exit(1);
  }
}

std::string day_text(local_days day) {
  const year_month_day ymd{day};
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buffer;
}

}  // namespace

int main(int argc, char** argv) {
  const int rows = argc > 1 ? std::atoi(argv[1]) : 200000;
  const fs::path dir =
      fs::temp_directory_path() / ("robocall-bench-import-" + std::to_string(getpid()));
  fs::create_directories(dir);
  const fs::path book = dir / "tasks.xlsx";
  const std::string robocall = ROBOCALL_BINARY;

  auto start = steady_clock::now();
  write_book(book, rows);
  std::printf("workbook: %d rows, %.1f MB, written in %.2f s (libxlsxwriter constant_memory)\n",
              rows, static_cast<double>(fs::file_size(book)) / 1e6,
              duration<double>(steady_clock::now() - start).count());

  std::vector<double> ours;
  long peak_kb = 0;
  fs::path last_db;
  for (int i = 0; i < 5; ++i) {
    // The previous run's database goes first, so that the kernel writing it
    // back does not slow the next run; the last one stays for the export.
    if (!last_db.empty()) fs::remove(last_db);
    last_db = dir / ("import-" + std::to_string(i) + ".db");
    const Run r = run({robocall, "import", book.string(), "--db", last_db.string(), "--json"});
    if (r.status != 0) {
      std::fprintf(stderr, "robocall import failed with status %d\n", r.status);
      return 1;
    }
    ours.push_back(r.seconds);
    peak_kb = std::max(peak_kb, r.max_rss_kb);
  }
  const std::string script =
      "import sys, openpyxl\n"
      "wb = openpyxl.load_workbook(sys.argv[1], read_only=True)\n"
      "n = 0\n"
      "for row in wb.worksheets[0].iter_rows(values_only=True):\n"
      "    n += 1\n"
      "print(n)\n";
  std::vector<double> peer;
  for (int i = 0; i < 3; ++i) {
    const Run r = run({"/usr/bin/python3", "-c", script, book.string()});
    if (r.status != 0) {
      std::fprintf(stderr, "openpyxl failed with status %d\n", r.status);
      return 1;
    }
    peer.push_back(r.seconds);
  }
  const double ours_median = median(ours);
  const double peer_median = median(peer);
  std::printf(
      "robocall import (read, validate, insert into a fresh SQLite file): median %.3f s of 5\n",
      ours_median);
  std::printf("python3-openpyxl read-only, iterating rows only:               median %.3f s of 3\n",
              peer_median);
  std::printf("ratio openpyxl / robocall: %.1fx (target >= 5x)\n", peer_median / ours_median);
  std::printf("robocall import peak RSS: %.1f MB (target < 64 MB)\n", peak_kb / 1024.0);

  const auto today = floor<days>(local_now());
  std::vector<double> exports;
  long export_peak_kb = 0;
  for (int i = 0; i < 3; ++i) {
    const fs::path out = dir / ("export-" + std::to_string(i) + ".xlsx");
    const Run r = run({robocall, "export", "--db", last_db.string(), "--from", day_text(today),
                       "--to", day_text(today + days{90}), "-o", out.string()});
    if (r.status != 0) {
      std::fprintf(stderr, "robocall export failed with status %d\n", r.status);
      return 1;
    }
    exports.push_back(r.seconds);
    export_peak_kb = std::max(export_peak_kb, r.max_rss_kb);
  }
  std::printf("robocall export of %d rows: median %.3f s of 3, peak RSS %.1f MB\n", rows,
              median(exports), export_peak_kb / 1024.0);
  if (std::getenv("ROBOCALL_BENCH_KEEP") != nullptr) {
    std::printf("kept for profiling: %s\n", dir.c_str());
  } else {
    fs::remove_all(dir);
  }
  return 0;
}
