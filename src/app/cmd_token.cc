// `robocall token create NAME`: an API token for the hospital information
// system. The token is printed once; only its SHA-256 is stored.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "domain/clock.h"
#include "http/auth.h"
#include "http/secrets.h"
#include "store/schema.h"

namespace robocall::app {
namespace {

struct TokenArgs {
  std::string db = "data/robocall.db";
  std::string name;
};

int create(const TokenArgs& args) {
  http::init_sodium();
  auto db = store::open_database(args.db);
  if (!db.ok()) {
    std::fprintf(stderr, "robocall token: %s\n", db.error().message.c_str());
    return 1;
  }
  const auto now = domain::system_clock().now();
  auto token = http::create_token(*db, args.name, now);
  Status st = token.ok() ? http::write_audit(*db, "cli", "token.create",
                                             nlohmann::json{{"name", args.name}}.dump(), now)
                         : Status(token.error());
  if (!st.ok()) {
    std::fprintf(stderr, "robocall token: %s\n", st.error().message.c_str());
    return st.error().code == Errc::kInvalidArgument ? 2 : 1;
  }
  std::fprintf(stderr, "Токен «%s» создан. Сохраните его: он показан один раз.\n",
               args.name.c_str());
  std::printf("%s\n", token->c_str());
  return 0;
}

}  // namespace

void add_token_command(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("token", "API-токены для интеграции с МИС");
  cmd->require_subcommand(1);
  auto args = std::make_shared<TokenArgs>();
  auto* sub = cmd->add_subcommand("create", "Создать токен и показать его один раз");
  sub->add_option("NAME", args->name, "Имя токена (например, emias)")->required();
  sub->add_option("--db", args->db, "Файл базы данных SQLite")->capture_default_str();
  sub->callback([args, &exit_code] { exit_code = create(*args); });
}

}  // namespace robocall::app
