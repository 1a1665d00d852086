// robocall: phones clinic patients to confirm or cancel their appointments.
// main() only parses the command line and hands over to a subcommand.
#include <CLI/CLI.hpp>
#include <clocale>

#include "app/commands.h"
#include "app/logging.h"
#include "app/private_files.h"

int main(int argc, char** argv) {
  // docs/SECURITY.md "Files and secrets": the database, recordings and
  // exports hold patient data; nothing robocall creates is for other users.
  robocall::app::restrict_new_files();
  std::setlocale(LC_ALL, "C.UTF-8");
  robocall::app::init_logging();
  CLI::App app{"robocall: напоминания пациентам о записи на приём по телефону"};
  app.set_version_flag("--version", "robocall " ROBOCALL_VERSION);
  app.require_subcommand(1);
  int exit_code = 0;
  for (auto add : robocall::app::all_commands()) add(app, exit_code);
  CLI11_PARSE(app, argc, argv);
  return exit_code;
}
