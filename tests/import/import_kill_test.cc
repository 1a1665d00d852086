// kill -9 of `robocall import` while it bulk-loads (secondary indexes
// dropped inside its transaction, the file written directly through a
// rollback journal): the database must come back exactly as before the
// import, with every index and trigger, and a second import of the same
// file must then load it whole.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "store/schema.h"
#include "store/test_db.h"
#include "xlsx/writer.h"

namespace robocall {
namespace {

using namespace std::chrono;
namespace fs = std::filesystem;

std::string robocall_binary() {
  const char* env = std::getenv("ROBOCALL_BINARY");
  return env != nullptr ? env : ROBOCALL_BINARY_DEFAULT;
}

// A list of `rows` patients from `first_phone` on, appointments from two days ahead.
void write_list(const fs::path& path, int rows, long long first_phone) {
  auto writer = xlsx::XlsxWriter::create(path, "Лист1");
  ASSERT_TRUE(writer.ok()) << writer.error().message;
  ASSERT_TRUE(
      writer
          ->header({"Телефон", "ФИО", "Дата приёма", "Дата рождения", "Врач"}, {14, 30, 18, 14, 20})
          .ok());
  const auto first_day =
      floor<days>(local_seconds{seconds{system_clock::to_time_t(system_clock::now())}}) + days{2};
  for (int i = 1; i <= rows; ++i) {
    ASSERT_TRUE(writer->number(i, 0, static_cast<double>(first_phone + i)).ok());
    ASSERT_TRUE(writer->text(i, 1, "Пациент №" + std::to_string(i)).ok());
    ASSERT_TRUE(
        writer->date_time(i, 2, first_day + days{i % 30} + hours{8} + minutes{i % 600}).ok());
    ASSERT_TRUE(writer->date(i, 3, year{1960} / 3 / 1).ok());
    ASSERT_TRUE(writer->text(i, 4, "Петрова А. А.").ok());
  }
  ASSERT_TRUE(writer->close().ok());
}

pid_t start_import(const fs::path& book, const fs::path& db) {
  const std::string binary = robocall_binary();
  const pid_t pid = fork();
  if (pid == 0) {
    if (std::freopen("/dev/null", "w", stdout) == nullptr) _exit(127);
    execl(binary.c_str(), binary.c_str(), "import", book.c_str(), "--db", db.c_str(),
          static_cast<char*>(nullptr));
    _exit(127);
  }
  return pid;
}

int wait_exit(pid_t pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

std::int64_t count(store::Connection& db, const std::string& sql) {
  auto n = db.query_int(sql);
  EXPECT_TRUE(n.ok()) << sql;
  return n.ok() ? *n : -1;
}

// The indexes and triggers of `tasks`, by name.
std::string tasks_objects(store::Connection& db) {
  auto rows = db.prepare(
      "SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_schema"
      " WHERE tbl_name = 'tasks' ORDER BY name)");
  EXPECT_TRUE(rows.ok());
  if (!rows.ok()) return {};
  auto row = rows->step();
  return row.ok() && *row ? rows->column_text(0) : std::string{};
}

TEST(ImportKill, a_bulk_load_killed_midway_leaves_the_database_as_it_was_and_loads_again_whole) {
  store::TempDir dir;
  const fs::path db_path = dir.file("robocall.db");
  const fs::path small = dir.file("small.xlsx");
  const fs::path big = dir.file("big.xlsx");
  write_list(small, 500, 9160000000LL);
  constexpr int kBigRows = 300000;
  write_list(big, kBigRows, 9170000000LL);
  ASSERT_EQ(wait_exit(start_import(small, db_path)), 0);

  std::string schema_before;
  {
    auto db = store::open_database(db_path);
    ASSERT_TRUE(db.ok()) << db.error().message;
    schema_before = tasks_objects(*db);
  }

  // Kill once the load has switched to bulk (after 10,000 rows) and written
  // megabytes of its transaction into the database file, well before its
  // commit. Alone with the database, `robocall import` writes the file
  // directly, its rollback journal holding the pages it changed.
  const auto size_before = fs::file_size(db_path);
  const pid_t pid = start_import(big, db_path);
  const fs::path journal = db_path.string() + "-journal";
  const auto deadline = steady_clock::now() + seconds{60};
  std::error_code ec;
  while (steady_clock::now() < deadline &&
         !(fs::exists(journal, ec) && fs::file_size(db_path, ec) > size_before + 6'000'000)) {
    std::this_thread::sleep_for(milliseconds{2});
  }
  ASSERT_TRUE(fs::exists(journal, ec)) << "the import never wrote the file directly";
  ASSERT_EQ(kill(pid, SIGKILL), 0);
  ASSERT_EQ(wait_exit(pid), 128 + SIGKILL) << "the import ended before it was killed";

  {
    auto db = store::open_database(db_path, /*verify=*/true);
    ASSERT_TRUE(db.ok()) << db.error().message;
    EXPECT_EQ(count(*db, "SELECT count(*) FROM tasks"), 500);
    EXPECT_EQ(count(*db, "SELECT count(*) FROM imports"), 1);
    EXPECT_EQ(tasks_objects(*db), schema_before);
    EXPECT_EQ(store::integrity_check(*db), "ok");
  }

  ASSERT_EQ(wait_exit(start_import(big, db_path)), 0);
  auto db = store::open_database(db_path, /*verify=*/true);
  ASSERT_TRUE(db.ok()) << db.error().message;
  EXPECT_EQ(count(*db, "SELECT count(*) FROM tasks"), 500 + kBigRows);
  EXPECT_EQ(count(*db, "SELECT sum(n) FROM task_hour_counts"), 500 + kBigRows);
  EXPECT_EQ(count(*db,
                  "SELECT count(*) FROM tasks INDEXED BY tasks_name"
                  " WHERE full_name = 'Пациент №4321'"),
            1);
  EXPECT_EQ(tasks_objects(*db), schema_before);
}

}  // namespace
}  // namespace robocall
