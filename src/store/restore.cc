// The restore half of store/backup.h.
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "common/durable_file.h"
#include "store/backup.h"
#include "store/backup_manifest.h"
#include "store/connection.h"
#include "store/schema.h"

namespace robocall::store {
namespace {

std::string quoted(const std::filesystem::path& path) {
  return "«" + path.string() + "»";
}

const std::string kNothingRestored = "; ничего не восстановлено";

Result<Manifest> read_manifest(const std::filesystem::path& from) {
  std::ifstream in(from / kManifestName, std::ios::binary);
  if (!in)
    return Error::not_found("В каталоге " + quoted(from) + " нет файла " +
                            std::string(kManifestName) +
                            ": это не резервная копия robocall или она не завершена");
  std::stringstream text;
  text << in.rdbuf();
  return parse_manifest(text.str());
}

bool present(const std::filesystem::path& path) {
  std::error_code ec;
  return std::filesystem::symlink_status(path, ec).type() != std::filesystem::file_type::not_found;
}

Status check_targets(const std::filesystem::path& db, const std::filesystem::path& data_dir) {
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    auto path = db;
    path += suffix;
    if (present(path))
      return Error::conflict("Файл " + quoted(path) +
                             " уже есть: восстановление только на пустое место" + kNothingRestored);
  }
  std::error_code ec;
  if (!present(data_dir)) return {};
  if (!std::filesystem::is_directory(data_dir, ec))
    return Error::conflict(quoted(data_dir) + " — не каталог" + kNothingRestored);
  if (!std::filesystem::is_empty(data_dir, ec) || ec)
    return Error::conflict("Каталог данных " + quoted(data_dir) +
                           " не пуст: восстановление только в пустой каталог" + kNothingRestored);
  return {};
}

Status verify_files(const std::filesystem::path& from, const Manifest& manifest) {
  for (const auto& entry : manifest.files) {
    auto digest = digest_file(from / entry.path);
    if (!digest)
      return Error::corrupt("В резервной копии нет файла «" + entry.path + "» (" +
                            digest.error().message + ")" + kNothingRestored);
    if (*digest != entry.digest)
      return Error::corrupt("Файл «" + entry.path +
                            "» резервной копии повреждён: контрольная сумма не совпадает" +
                            kNothingRestored);
  }
  return {};
}

// The copied database: sound, ours, not newer than this binary, and its
// recordings pointed at the new data folder.
Status adopt_database(const std::filesystem::path& path, const std::filesystem::path& data_dir) {
  auto db = Connection::open(path, /*create=*/false);
  if (!db) return db.error();
  auto check = db->prepare("PRAGMA integrity_check");
  if (!check) return check.error();
  auto row = check->step();
  if (!row) return row.error();
  if (!*row || check->column_text(0) != "ok")
    return Error::corrupt("База данных резервной копии повреждена: " +
                          (*row ? check->column_text(0) : std::string("нет ответа")));
  check = Statement();
  auto app = db->query_int("PRAGMA application_id");
  if (!app) return app.error();
  if (*app != kApplicationId)
    return Error::corrupt("База данных резервной копии — не база данных robocall");
  auto version = schema_version(*db);
  if (!version) return version.error();
  if (*version > latest_schema_version())
    return Error::conflict("Резервная копия сделана более новой версией robocall (схема " +
                           std::to_string(*version) + ")");
  auto tx = Transaction::begin(*db);
  if (!tx) return tx.error();
  for (const auto& [table, key] : {std::pair{"attempts", "id"}, std::pair{"phrases", "number"}}) {
    const std::string from = std::string(" FROM ") + table;
    auto select = db->prepare(std::string("SELECT ") + key + ", recording" + from +
                              " WHERE recording IS NOT NULL");
    if (!select) return select.error();
    std::vector<std::pair<std::int64_t, std::string>> moves;
    for (;;) {
      auto next = select->step();
      if (!next) return next.error();
      if (!*next) break;
      if (auto rel = data_relative_path(select->column_text(1)))
        moves.emplace_back(select->column_int(0), (data_dir / *rel).string());
    }
    auto update =
        db->prepare(std::string("UPDATE ") + table + " SET recording = ?2 WHERE " + key + " = ?1");
    if (!update) return update.error();
    for (const auto& [id, file] : moves) {
      update->reset();
      update->bind(1, id).bind(2, file);
      if (auto st = update->run(); !st) return st;
    }
  }
  return tx->commit();
}

// Removes what a failed restore wrote; the targets were empty before.
void undo(const std::filesystem::path& db_tmp, const std::filesystem::path& data_dir,
          bool data_dir_existed) {
  std::error_code ec;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    auto path = db_tmp;
    path += suffix;
    std::filesystem::remove(path, ec);
  }
  if (!data_dir_existed) {
    std::filesystem::remove_all(data_dir, ec);
    return;
  }
  for (std::filesystem::directory_iterator it(data_dir, ec), end; !ec && it != end;
       it.increment(ec))
    std::filesystem::remove_all(it->path(), ec);
}

}  // namespace

Result<RestoreReport> restore(const std::filesystem::path& from, const std::filesystem::path& db,
                              const std::filesystem::path& data_dir) {
  if (is_postgres_location(db.native())) return postgres_backup_refused();
  auto manifest = read_manifest(from);
  if (!manifest) return manifest.error();
  if (auto st = check_targets(db, data_dir); !st) return st.error();
  if (auto st = verify_files(from, *manifest); !st) return st.error();

  const bool data_dir_existed = present(data_dir);
  auto db_tmp = db;
  db_tmp += ".restoring";
  const auto fail = [&](const Error& e) -> Error {
    undo(db_tmp, data_dir, data_dir_existed);
    return Error{e.code, e.message + kNothingRestored};
  };
  RestoreReport report;
  std::error_code ec;
  std::filesystem::create_directories(data_dir, ec);
  if (!ec && db.has_parent_path()) std::filesystem::create_directories(db.parent_path(), ec);
  if (ec) return fail(Error::io("Не удалось создать каталог: " + ec.message()));
  for (const auto& entry : manifest->files) {
    const bool is_db = entry.path == kBackupDatabaseName;
    const auto target = is_db ? db_tmp : data_dir / entry.path;
    std::filesystem::create_directories(target.parent_path(), ec);
    if (ec) return fail(Error::io("Не удалось создать каталог " + quoted(target.parent_path())));
    auto copied = copy_file_durably(from / entry.path, target, entry.digest);
    if (!copied) return fail(copied.error());
    if (!is_db) ++report.files;
  }
  if (auto st = adopt_database(db_tmp, data_dir); !st) return fail(st.error());
  if (auto st = common::rename_durably(db_tmp, db); !st) return fail(st.error());
  report.schema_version = manifest->schema_version;
  return report;
}

}  // namespace robocall::store
