#include "store/test_db.h"

#include <stdlib.h>
#include <unistd.h>

#include <atomic>
#include <stdexcept>
#include <string>

#include "store/pg_sql.h"
#include "store/schema.h"

namespace robocall::store {
namespace {

constexpr std::string_view kTemplate = "robocall_template";
// The advisory lock (any number agreed among test processes) held while
// one of them builds the template.
constexpr std::string_view kTemplateLock = "5262436";

void check(const Status& st, std::string_view what) {
  if (!st) throw std::runtime_error(std::string(what) + ": " + st.error().message);
}

// Makes the template database once per server: test processes run in
// parallel, so under an advisory lock, and built under another name so that
// nobody copies a half-made one.
void ensure_template(Connection& server, const std::string& url) {
  check(server.exec("SELECT pg_advisory_lock(" + std::string(kTemplateLock) + ")"),
        "test template lock");
  auto exists = server.query_int("SELECT count(*) FROM pg_database WHERE datname = '" +
                                 std::string(kTemplate) + "'");
  if (!exists) check(exists.error(), "test template lookup");
  if (*exists == 0) {
    const std::string building = std::string(kTemplate) + "_building";
    check(server.exec("DROP DATABASE IF EXISTS " + building + " WITH (FORCE)"),
          "test template cleanup");
    check(server.exec("CREATE DATABASE " + building), "test template creation");
    {
      auto db = open_database(with_database(url, building));
      if (!db) check(db.error(), "test template schema");
    }
    check(server.exec("ALTER DATABASE " + building + " RENAME TO " + std::string(kTemplate)),
          "test template rename");
  }
  check(server.exec("SELECT pg_advisory_unlock(" + std::string(kTemplateLock) + ")"),
        "test template unlock");
}

}  // namespace

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "robocall-store-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

TestDatabase::TestDatabase() {
  const char* server = std::getenv(kTestPostgresVariable);
  if (server == nullptr || *server == '\0') {
    location_ = dir_.file("robocall.db").string();
    return;
  }
  backend_ = Backend::kPostgres;
  static std::atomic<int> counter{0};
  name_ = "t_" + std::to_string(getpid()) + "_" + std::to_string(++counter);
  location_ = with_database(server, name_);
  auto admin = Connection::open(server, false);
  if (!admin) check(admin.error(), "test server");
  admin_ = std::move(admin).value();
  ensure_template(admin_, server);
  check(admin_.exec("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)"), "test database cleanup");
  check(admin_.exec("CREATE DATABASE " + name_ + " TEMPLATE " + std::string(kTemplate) +
                    " STRATEGY FILE_COPY"),
        "test database creation");
}

TestDatabase::~TestDatabase() {
  if (admin_.is_open()) (void)admin_.exec("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
}

Result<Connection> TestDatabase::open() {
  return open_database(location_);
}

std::string integrity_check(Connection& db) {
  auto check = db.prepare("PRAGMA integrity_check");
  if (!check) return check.error().message;
  auto row = check->step();
  if (!row) return row.error().message;
  return *row ? check->column_text(0) : "no answer";
}

}  // namespace robocall::store
