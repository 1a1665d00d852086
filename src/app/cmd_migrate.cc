// `robocall migrate --db PATH`: creates the database or upgrades it to this
// binary's schema, checking it first (a foreign, corrupt or newer file is
// reported and left untouched), then prints its schema version.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <memory>
#include <string>

#include "store/schema.h"

namespace robocall::app {

void add_migrate_command(CLI::App& app, int& exit_code) {
  auto db_path = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand(
      "migrate", "создать базу данных или обновить её схему до версии этой программы");
  cmd->add_option("--db", *db_path, "файл базы данных SQLite")->required();
  cmd->callback([db_path, &exit_code] {
    auto db = store::open_database(*db_path, /*verify=*/true);
    if (!db) {
      std::fprintf(stderr, "robocall migrate: %s\n", db.error().message.c_str());
      exit_code = 1;
      return;
    }
    auto version = store::schema_version(*db);
    if (!version) {
      std::fprintf(stderr, "robocall migrate: %s\n", version.error().message.c_str());
      exit_code = 1;
      return;
    }
    std::printf("schema version %d\n", *version);
  });
}

}  // namespace robocall::app
