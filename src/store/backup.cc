// The backup half of store/backup.h; restore.cc holds the other.
#include "store/backup.h"

#include <sqlite3.h>
#include <unistd.h>

#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "common/durable_file.h"
#include "store/backup_manifest.h"
#include "store/connection.h"
#include "store/recording_file.h"
#include "store/schema.h"

namespace robocall::store {
namespace {

// Pages copied per sqlite3_backup_step: the source stays in one read
// transaction (one consistent snapshot; WAL lets writers go on meanwhile),
// so the steps only bound how long each call holds the page cache.
constexpr int kPagesPerStep = 1024;

std::string quoted(const std::filesystem::path& path) {
  return "«" + path.string() + "»";
}

struct RawDb {
  sqlite3* db = nullptr;
  ~RawDb() { sqlite3_close_v2(db); }
};

// The database as the read transaction on `source` sees it, into `dest`.
Status copy_snapshot(Connection& source, const std::filesystem::path& dest) {
  RawDb out;
  if (sqlite3_open_v2(dest.c_str(), &out.db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
      SQLITE_OK)
    return Error::io("Не удалось создать файл " + quoted(dest) + ": " + sqlite3_errmsg(out.db));
  sqlite3_backup* backup = sqlite3_backup_init(out.db, "main", source.handle(), "main");
  if (backup == nullptr) return sqlite_error(out.db, sqlite3_errcode(out.db), "резервная копия");
  int rc = SQLITE_OK;
  do {
    rc = sqlite3_backup_step(backup, kPagesPerStep);
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(10);
  } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  sqlite3_backup_finish(backup);
  if (rc != SQLITE_DONE) return sqlite_error(out.db, rc, "резервная копия базы данных");
  return {};
}

// A file to back up: its path in the backup and where it is now.
struct Named {
  std::string rel;
  std::filesystem::path source;
};

// What the snapshot names: the finished recordings of attempts (as
// recordings/<day>/<file>, wherever the recordings folder is) and the
// recorded phrases (relative to the data folder).
Result<std::vector<Named>> named_files(Connection& db, const std::filesystem::path& data_dir,
                                       const std::filesystem::path& recordings_dir) {
  std::vector<Named> out;
  for (const bool attempts : {true, false}) {
    auto stmt = db.prepare(attempts ? "SELECT recording FROM attempts WHERE recording IS NOT NULL"
                                    : "SELECT recording FROM phrases WHERE recording IS NOT NULL");
    if (!stmt) return stmt.error();
    for (;;) {
      auto row = stmt->step();
      if (!row) return row.error();
      if (!*row) break;
      if (!attempts) {
        if (auto rel = data_relative_path(stmt->column_text(0)))
          out.push_back({*rel, data_dir / *rel});
        continue;
      }
      const auto file = recording_file(recordings_dir, stmt->column_view(0));
      const auto rel =
          "recordings/" + file.parent_path().filename().string() + "/" + file.filename().string();
      if (!file.empty() && is_backup_path(rel)) out.push_back({rel, file});
    }
  }
  return out;
}

// Every finished file of <data_dir>/phrases (the recorded phrases and the
// phrase cache) and <data_dir>/voice (the voice pack's fragments); all are
// written under a temporary name and renamed.
std::vector<std::string> phrase_files(const std::filesystem::path& data_dir) {
  std::vector<std::string> out;
  for (const std::string folder : {"phrases", "voice"}) {
    std::error_code ec;
    for (std::filesystem::directory_iterator it(data_dir / folder, ec), end; !ec && it != end;
         it.increment(ec)) {
      const auto name = it->path().filename().string();
      if (!it->is_regular_file(ec) || name.find(".tmp") != std::string::npos) continue;
      out.push_back(folder + "/" + name);
    }
  }
  return out;
}

Manifest previous_manifest(const std::filesystem::path& to) {
  std::ifstream in(to / kManifestName, std::ios::binary);
  if (!in) return {};
  std::stringstream text;
  text << in.rdbuf();
  auto parsed = parse_manifest(text.str());
  return parsed ? std::move(*parsed) : Manifest{};
}

bool same_size(const std::filesystem::path& path, std::uint64_t size) {
  std::error_code ec;
  const auto got = std::filesystem::file_size(path, ec);
  return !ec && got == size;
}

// Copies one file unless the earlier backup holds it unchanged: a recording
// never changes once named; a phrase file may be replaced, so it is compared
// by checksum.
Status back_up_file(const Named& named, const std::filesystem::path& to, const Manifest& before,
                    Manifest& now, BackupReport& report) {
  const auto& [rel, source] = named;
  const auto target = to / rel;
  const ManifestEntry* old = before.find(rel);
  if (old != nullptr && same_size(target, old->digest.size)) {
    bool unchanged = false;
    if (rel.starts_with("recordings/")) {
      unchanged = same_size(source, old->digest.size);
    } else {
      auto digest = digest_file(source);
      if (!digest && digest.error().code == Errc::kNotFound) return {};
      if (!digest) return digest.error();
      unchanged = *digest == old->digest;
    }
    if (unchanged) {
      now.files.push_back(*old);
      ++report.kept;
      return {};
    }
  }
  std::error_code ec;
  std::filesystem::create_directories(target.parent_path(), ec);
  if (ec) return Error::io("Не удалось создать каталог " + quoted(target.parent_path()));
  auto copied = copy_file_durably(source, target);
  if (!copied && copied.error().code == Errc::kNotFound) {
    if (rel.starts_with("recordings/")) ++report.vanished;
    return {};
  }
  if (!copied) return copied.error();
  now.files.push_back({rel, *copied});
  ++report.copied;
  report.bytes_copied += copied->size;
  return {};
}

// Database copies a killed backup left under their temporary names.
void drop_stale_copies(const std::filesystem::path& to) {
  const std::string prefix = std::string(kBackupDatabaseName) + ".tmp.";
  std::error_code ec;
  for (std::filesystem::directory_iterator it(to, ec), end; !ec && it != end; it.increment(ec))
    if (it->path().filename().string().starts_with(prefix)) std::filesystem::remove(it->path(), ec);
}

Result<Connection> open_source(const std::filesystem::path& db) {
  if (is_postgres_location(db.native())) return postgres_backup_refused();
  std::error_code ec;
  if (!std::filesystem::is_regular_file(db, ec))
    return Error::not_found("Нет файла базы данных " + quoted(db));
  auto source = Connection::open(db, /*create=*/false);
  if (!source) return source.error();
  auto app = source->query_int("PRAGMA application_id");
  if (!app) return app.error();
  if (*app != kApplicationId)
    return Error::corrupt("Файл " + quoted(db) + " — не база данных robocall");
  return source;
}

}  // namespace

Error postgres_backup_refused() {
  return Error::invalid(
      "база данных на сервере PostgreSQL: её копию делает pg_dump (или реплика сервера), а "
      "записи звонков копируются вместе с общим каталогом записей; robocall backup и restore "
      "работают с файлом SQLite");
}

Result<BackupReport> back_up(const std::filesystem::path& db, const std::filesystem::path& data_dir,
                             const std::filesystem::path& recordings_dir,
                             const std::filesystem::path& to, domain::Instant now) {
  auto source = open_source(db);
  if (!source) return source.error();
  std::error_code ec;
  std::filesystem::create_directories(to, ec);
  if (ec) return Error::io("Не удалось создать каталог " + quoted(to) + ": " + ec.message());
  drop_stale_copies(to);

  BackupReport report;
  Manifest manifest;
  manifest.created_at = now.time_since_epoch().count();
  auto tmp = to / kBackupDatabaseName;
  tmp += ".tmp." + std::to_string(::getpid());
  const auto drop_tmp = [&] { std::filesystem::remove(tmp, ec); };
  std::vector<Named> files;
  {
    auto read = Transaction::begin(*source, Transaction::Kind::kRead);
    if (!read) return read.error();
    auto version = schema_version(*source);  // also starts the read: the snapshot
    if (!version) return version.error();
    manifest.schema_version = report.schema_version = *version;
    if (auto st = copy_snapshot(*source, tmp); !st) {
      drop_tmp();
      return st.error();
    }
    auto named = named_files(*source, data_dir, recordings_dir);
    if (!named) {
      drop_tmp();
      return named.error();
    }
    files = std::move(*named);
  }
  auto db_digest = digest_file(tmp);
  if (!db_digest) {
    drop_tmp();
    return db_digest.error();
  }
  manifest.files.push_back({std::string(kBackupDatabaseName), *db_digest});

  for (auto& rel : phrase_files(data_dir)) files.push_back({rel, data_dir / rel});
  const Manifest before = previous_manifest(to);
  std::set<std::string, std::less<>> seen;
  for (const auto& named : files) {
    if (!seen.insert(named.rel).second) continue;
    if (auto st = back_up_file(named, to, before, manifest, report); !st) {
      drop_tmp();
      return st.error();
    }
  }
  // The database, then the manifest that vouches for it and the files: a
  // backup stopped in between fails restore's checksums, never silently.
  if (auto st = common::rename_durably(tmp, to / kBackupDatabaseName); !st) {
    drop_tmp();
    return st.error();
  }
  if (auto st = write_file_durably(to / kManifestName, format_manifest(manifest)); !st)
    return st.error();
  return report;
}

}  // namespace robocall::store
