#include "app/commands.h"

namespace robocall::app {

// One declaration per subcommand file (defined in cmd_<name>.cc).

std::vector<AddCommand> all_commands() {
  return {
  };
}

}  // namespace robocall::app
