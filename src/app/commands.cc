#include "app/commands.h"

namespace robocall::app {

// One declaration per subcommand file (defined in cmd_<name>.cc).
void add_migrate_command(CLI::App& app, int& exit_code);
void add_call_command(CLI::App& app, int& exit_code);
void add_text_command(CLI::App& app, int& exit_code);
void add_say_command(CLI::App& app, int& exit_code);
void add_serve_command(CLI::App& app, int& exit_code);
void add_user_command(CLI::App& app, int& exit_code);
void add_token_command(CLI::App& app, int& exit_code);
void add_import_command(CLI::App& app, int& exit_code);
void add_export_command(CLI::App& app, int& exit_code);
void add_backup_command(CLI::App& app, int& exit_code);
void add_restore_command(CLI::App& app, int& exit_code);

std::vector<AddCommand> all_commands() {
  return {
      add_migrate_command, add_call_command,   add_text_command,    add_say_command,
      add_serve_command,   add_user_command,   add_token_command,   add_import_command,
      add_export_command,  add_backup_command, add_restore_command,
  };
}

}  // namespace robocall::app
