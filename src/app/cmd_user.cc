// `robocall user add|passwd LOGIN`: administrators of the web UI. The
// password comes from standard input (one line) or, on a terminal, from a
// prompt without echo, typed twice.
#include <termios.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "domain/clock.h"
#include "http/auth.h"
#include "http/secrets.h"
#include "store/schema.h"

namespace robocall::app {
namespace {

struct UserArgs {
  std::string db = "data/robocall.db";
  std::string login;
};

std::string read_hidden(const char* prompt) {
  std::fprintf(stderr, "%s", prompt);
  termios old{};
  const bool tty = tcgetattr(STDIN_FILENO, &old) == 0;
  if (tty) {
    termios quiet = old;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  }
  std::string line;
  std::getline(std::cin, line);
  if (tty) {
    tcsetattr(STDIN_FILENO, TCSANOW, &old);
    std::fprintf(stderr, "\n");
  }
  return line;
}

Result<std::string> read_password() {
  if (!isatty(STDIN_FILENO)) {
    std::string line;
    if (!std::getline(std::cin, line))
      return Error::invalid("Пароль не передан на стандартный ввод");
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
  }
  auto first = read_hidden("Пароль: ");
  auto second = read_hidden("Повторите пароль: ");
  if (first != second) return Error::invalid("Пароли не совпадают");
  return first;
}

int run(const UserArgs& args, bool add) {
  http::init_sodium();
  auto db = store::open_database(args.db);
  if (!db.ok()) {
    std::fprintf(stderr, "robocall user: %s\n", db.error().message.c_str());
    return 1;
  }
  auto password = read_password();
  if (!password.ok()) {
    std::fprintf(stderr, "robocall user: %s\n", password.error().message.c_str());
    return 2;
  }
  const auto now = domain::system_clock().now();
  auto st = add ? http::add_user(*db, args.login, *password, now)
                : http::change_password(*db, args.login, *password);
  if (st.ok())
    st = http::write_audit(*db, "cli", add ? "user.add" : "user.password",
                           nlohmann::json{{"login", args.login}}.dump(), now);
  if (!st.ok()) {
    std::fprintf(stderr, "robocall user: %s\n", st.error().message.c_str());
    return st.error().code == Errc::kInvalidArgument ? 2 : 1;
  }
  std::printf(add ? "Пользователь %s добавлен\n" : "Пароль пользователя %s изменён\n",
              args.login.c_str());
  return 0;
}

}  // namespace

void add_user_command(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("user", "Пользователи веб-интерфейса");
  cmd->require_subcommand(1);
  for (bool add : {true, false}) {
    auto args = std::make_shared<UserArgs>();
    auto* sub = cmd->add_subcommand(add ? "add" : "passwd",
                                    add ? "Добавить пользователя (пароль со стандартного ввода)"
                                        : "Сменить пароль (завершает сеансы пользователя)");
    sub->add_option("LOGIN", args->login, "Логин")->required();
    sub->add_option("--db", args->db, "Файл базы данных SQLite")->capture_default_str();
    sub->callback([args, add, &exit_code] { exit_code = run(*args, add); });
  }
}

}  // namespace robocall::app
