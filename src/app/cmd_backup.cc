// `robocall backup --to DIR` and `robocall restore --from DIR` (docs/DESIGN.md
// "Backup and restore"): the database, the finished recordings and the
// phrase files with a manifest of checksums; restore only into an empty place.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <memory>
#include <string>

#include "domain/clock.h"
#include "store/backup.h"
#include "store/recording_file.h"

namespace robocall::app {
namespace {

struct Paths {
  std::string db = "data/robocall.db";
  std::string data_dir = "data";
  std::string recordings_dir;  // empty: <data-dir>/recordings
  std::string folder;
};

void add_paths(CLI::App* cmd, Paths& paths) {
  cmd->add_option("--db", paths.db, "Файл базы данных SQLite")->capture_default_str();
  cmd->add_option("--data-dir", paths.data_dir, "Каталог данных (записи звонков, фразы)")
      ->capture_default_str();
}

int run_backup(const Paths& p) {
  auto report =
      store::back_up(p.db, p.data_dir, store::recordings_folder(p.data_dir, p.recordings_dir),
                     p.folder, domain::system_clock().now());
  if (!report) {
    std::fprintf(stderr, "Ошибка: резервная копия не сделана: %s\n",
                 report.error().message.c_str());
    return 1;
  }
  std::printf(
      "Резервная копия в %s: база данных (схема %d), файлов скопировано %d (%llu байт), "
      "уже были в копии %d",
      p.folder.c_str(), report->schema_version, report->copied,
      static_cast<unsigned long long>(report->bytes_copied), report->kept);
  if (report->vanished > 0)
    std::printf(", нет на диске (удалены по сроку хранения или не записаны) %d", report->vanished);
  std::printf(".\nКлюч секретов (secret.key) в копию не входит: храните его отдельно.\n");
  return 0;
}

int run_restore(const Paths& p) {
  auto report = store::restore(p.folder, p.db, p.data_dir);
  if (!report) {
    std::fprintf(stderr, "Ошибка: %s\n", report.error().message.c_str());
    return 1;
  }
  std::printf(
      "Восстановлено из %s: база данных %s (схема %d), файлов в %s: %d.\n"
      "Верните ключ секретов (secret.key) в каталог данных, иначе пароли SIP и секрет\n"
      "webhook не расшифровать; `robocall migrate` или `robocall serve` обновят схему.\n",
      p.folder.c_str(), p.db.c_str(), report->schema_version, p.data_dir.c_str(), report->files);
  return 0;
}

}  // namespace

void add_backup_command(CLI::App& app, int& exit_code) {
  auto paths = std::make_shared<Paths>();
  CLI::App* cmd = app.add_subcommand(
      "backup", "Резервная копия базы данных, записей звонков и фраз (можно при работающем serve)");
  cmd->add_option("--to", paths->folder, "Каталог резервной копии (повторная копия дополняет его)")
      ->required();
  add_paths(cmd, *paths);
  cmd->add_option(
      "--recordings-dir", paths->recordings_dir,
      "Каталог записей звонков, если не <каталог данных>/recordings (общая папка узлов)");
  cmd->callback([paths, &exit_code] { exit_code = run_backup(*paths); });
}

void add_restore_command(CLI::App& app, int& exit_code) {
  auto paths = std::make_shared<Paths>();
  CLI::App* cmd = app.add_subcommand(
      "restore",
      "Восстановить резервную копию в пустое место (сначала проверяются контрольные суммы)");
  cmd->add_option("--from", paths->folder, "Каталог резервной копии")->required();
  add_paths(cmd, *paths);
  cmd->callback([paths, &exit_code] { exit_code = run_restore(*paths); });
}

}  // namespace robocall::app
