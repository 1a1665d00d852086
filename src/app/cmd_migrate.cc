// `robocall migrate --db PATH`: creates the database or upgrades it to this
// binary's schema, checking it first (a foreign, corrupt or newer file is
// reported and left untouched), then prints its schema version.
// `robocall migrate --from FILE --to postgresql://…` moves an installation
// onto PostgreSQL and verifies it (docs/DESIGN.md "Moving to PostgreSQL").
#include <CLI/CLI.hpp>
#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "app/commands.h"
#include "store/database_copy.h"
#include "store/file_digest.h"
#include "store/recording_file.h"
#include "store/schema.h"

namespace robocall::app {
namespace {

struct MigrateArgs {
  std::string db;
  std::string from;
  std::string to;
  std::string data_dir;       // the source's; empty: the folder of --from
  std::string recordings_to;  // the share the recordings are copied into; empty: none
};

int fail(const std::string& message) {
  std::fprintf(stderr, "robocall migrate: %s\n", message.c_str());
  return 1;
}

int upgrade(const std::string& path) {
  auto db = store::open_database(path, /*verify=*/true);
  if (!db) return fail(db.error().message);
  auto version = store::schema_version(*db);
  if (!version) return fail(version.error().message);
  std::printf("schema version %d\n", *version);
  return 0;
}

// The recordings the source's attempts name: found (and, with --recordings-to,
// copied into the share with their SHA-256 checked) or missing.
struct Recordings {
  int named = 0;
  int found = 0;
  std::uint64_t bytes = 0;
  std::vector<std::string> problems;
  std::map<std::string, std::string, std::less<>> moved;  // stored value → value in the share
};

Result<Recordings> check_recordings(store::Connection& source, const MigrateArgs& a) {
  const std::filesystem::path data = a.data_dir.empty()
                                         ? std::filesystem::path(a.from).parent_path()
                                         : std::filesystem::path(a.data_dir);
  const auto folder = store::recordings_folder(data, "");
  auto stmt = source.prepare("SELECT id, recording FROM attempts WHERE recording IS NOT NULL");
  if (!stmt) return stmt.error();
  Recordings out;
  for (;;) {
    auto row = stmt->step();
    if (!row) return row.error();
    if (!*row) return out;
    ++out.named;
    const auto stored = stmt->column_text(1);
    const auto file = store::recording_file(folder, stored);
    const auto problem = [&](const std::string& what) {
      out.problems.push_back("звонок " + std::to_string(stmt->column_int(0)) + ", " +
                             file.string() + ": " + what);
    };
    auto digest = store::digest_file(file);
    if (!digest) {
      problem(digest.error().code == Errc::kNotFound ? "файла нет" : digest.error().message);
      continue;
    }
    if (!a.recordings_to.empty()) {
      const auto dest =
          std::filesystem::path(a.recordings_to) / file.parent_path().filename() / file.filename();
      std::error_code ec;
      std::filesystem::create_directories(dest.parent_path(), ec);
      auto copied = ec ? Result<store::FileDigest>(Error::io(ec.message()))
                       : store::copy_file_durably(file, dest, *digest);
      if (!copied) {
        problem("не скопирован: " + copied.error().message);
        continue;
      }
      out.moved[stored] = store::stored_recording(a.recordings_to, dest);
    }
    ++out.found;
    out.bytes += digest->size;
  }
}

int move_to_postgres(const MigrateArgs& a) {
  if (!store::is_postgres_location(a.to))
    return fail("--to: нужен адрес базы PostgreSQL (postgresql://…)");
  std::error_code ec;
  if (!std::filesystem::is_regular_file(a.from, ec)) return fail("нет файла базы данных " + a.from);
  auto source = store::Connection::open_read_only(a.from);
  if (!source) return fail(source.error().message);
  if (auto st = store::check_source(*source); !st) return fail(st.error().message);
  auto target = store::open_database(a.to);
  if (!target) return fail(target.error().message);
  if (auto st = store::check_target_empty(*source, *target); !st) return fail(st.error().message);

  auto recordings = check_recordings(*source, a);
  if (!recordings) return fail(recordings.error().message);
  const auto& moved = recordings->moved;
  auto counts = store::copy_database(
      *source, *target,
      [&moved](std::string_view table, std::string_view column,
               std::string_view value) -> std::optional<std::string> {
        if (table != "attempts" || column != "recording") return std::nullopt;
        auto it = moved.find(value);
        return it == moved.end() ? std::nullopt : std::optional<std::string>(it->second);
      });
  if (!counts)
    return fail("перенос отменён, база назначения не изменена: " + counts.error().message);

  bool ok = true;
  std::printf("Перенос %s → PostgreSQL, строк по таблицам (SQLite / PostgreSQL):\n",
              a.from.c_str());
  for (const auto& c : *counts) {
    const bool equal = c.source == c.target;
    ok = ok && equal;
    std::printf("  %-22s %8lld / %-8lld %s%s\n", c.table.c_str(), static_cast<long long>(c.source),
                static_cast<long long>(c.target), equal ? "совпадает" : "НЕ СОВПАДАЕТ",
                c.derived ? " (посчитано триггерами базы)" : "");
  }
  if (!ok) std::printf("Число строк не совпало: перенос отменён, база назначения не изменена.\n");
  const auto& r = *recordings;
  std::printf("Записи звонков: на месте %d из %d (%.1f МБ)", r.found, r.named,
              static_cast<double>(r.bytes) / 1e6);
  if (!a.recordings_to.empty())
    std::printf(", скопированы в %s, контрольные суммы совпадают", a.recordings_to.c_str());
  std::printf(".\n");
  for (std::size_t i = 0; i < r.problems.size() && i < 20; ++i)
    std::printf("  нет записи: %s\n", r.problems[i].c_str());
  if (r.problems.size() > 20) std::printf("  … и ещё %zu\n", r.problems.size() - 20);
  return ok && r.problems.empty() ? 0 : 1;
}

}  // namespace

void add_migrate_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<MigrateArgs>();
  auto* cmd = app.add_subcommand(
      "migrate",
      "создать базу данных или обновить её схему до версии этой программы (--db); перенести "
      "базу SQLite в PostgreSQL с проверкой (--from, --to)");
  auto* db = cmd->add_option("--db", args->db, kDbOptionHelp);
  auto* from = cmd->add_option("--from", args->from, "файл базы SQLite, которую перенести");
  auto* to = cmd->add_option("--to", args->to, "пустая база PostgreSQL (postgresql://…)");
  auto* data = cmd->add_option("--data-dir", args->data_dir,
                               "каталог данных переносимой установки (по умолчанию — каталог "
                               "файла --from)");
  auto* rec = cmd->add_option("--recordings-to", args->recordings_to,
                              "скопировать записи звонков в этот каталог (общая папка узлов)");
  from->needs(to);
  to->needs(from);
  db->excludes(from)->excludes(to)->excludes(data)->excludes(rec);
  data->needs(from);
  rec->needs(from);
  cmd->callback([args, &exit_code, cmd] {
    if (!args->from.empty()) {
      exit_code = move_to_postgres(*args);
    } else if (!args->db.empty()) {
      exit_code = upgrade(args->db);
    } else {
      exit_code = fail("укажите --db ФАЙЛ или --from ФАЙЛ --to postgresql://…\n" + cmd->help());
    }
  });
}

}  // namespace robocall::app
