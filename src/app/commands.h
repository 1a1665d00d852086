// The robocall CLI's subcommands. Each lives in its own cmd_<name>.cc and adds
// itself to the CLI11 app; its callback stores the process exit status.
// Called from main() only, before any other thread starts.
#pragma once

#include <vector>

namespace CLI {
class App;
}

namespace robocall::app {

using AddCommand = void (*)(CLI::App& app, int& exit_code);

// The help of every command's --db: a file, or a server for several nodes.
inline constexpr const char* kDbOptionHelp =
    "Файл базы данных SQLite или адрес базы PostgreSQL (postgresql://…)";

// Every subcommand, in the order `robocall --help` lists them.
std::vector<AddCommand> all_commands();

}  // namespace robocall::app
