// `robocall user add|passwd|list|role|disable|enable`: users of the web UI
// (docs/SECURITY.md "Users and roles"). A password comes from standard input
// (one line) or, on a terminal, from a prompt without echo, typed twice.
#include <termios.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <functional>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "app/commands.h"
#include "domain/clock.h"
#include "domain/labels.h"
#include "http/auth.h"
#include "http/secrets.h"
#include "http/time_format.h"
#include "http/users.h"
#include "store/auth_repo.h"
#include "store/schema.h"

namespace robocall::app {
namespace {

struct UserArgs {
  std::string db = "data/robocall.db";
  std::string login;
  std::string role = "admin";
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

Result<domain::Role> parse_role(const std::string& name) {
  auto role = domain::role_from_string(name);
  if (!role) return Error::invalid("Роль должна быть admin или registrar");
  return *role;
}

// What one subcommand does with the open database; returns what to print.
using Action =
    std::function<Result<std::string>(store::Connection&, const UserArgs&, domain::Instant)>;

int run(const UserArgs& args, const char* audit_action, const Action& action) {
  http::init_sodium();
  auto db = store::open_database(args.db);
  if (!db.ok()) {
    std::fprintf(stderr, "robocall user: %s\n", db.error().message.c_str());
    return 1;
  }
  const auto now = domain::system_clock().now();
  auto out = action(*db, args, now);
  Status st = out.ok() ? Status() : Status(out.error());
  if (st.ok() && audit_action != nullptr)
    st = http::write_audit(*db, "cli", audit_action, nlohmann::json{{"login", args.login}}.dump(),
                           now);
  if (!st.ok()) {
    std::fprintf(stderr, "robocall user: %s\n", st.error().message.c_str());
    return st.error().code == Errc::kInvalidArgument ? 2 : 1;
  }
  std::printf("%s", out->c_str());
  return 0;
}

Result<std::string> add(store::Connection& db, const UserArgs& args, domain::Instant now) {
  auto role = parse_role(args.role);
  if (!role.ok()) return role.error();
  auto password = read_password();
  if (!password.ok()) return password.error();
  auto id = http::add_user(db, http::UserSpec{args.login, *password, *role, false}, now);
  if (!id.ok()) return id.error();
  return "Пользователь " + args.login + " (" + std::string(domain::label(*role)) + ") добавлен\n";
}

Result<std::string> passwd(store::Connection& db, const UserArgs& args, domain::Instant) {
  auto id = http::user_id(db, args.login);
  if (!id.ok()) return id.error();
  auto password = read_password();
  if (!password.ok()) return password.error();
  if (auto st = http::set_password(db, *id, *password, false); !st.ok()) return st.error();
  return "Пароль пользователя " + args.login + " изменён, его сеансы завершены\n";
}

Result<std::string> set_role(store::Connection& db, const UserArgs& args, domain::Instant) {
  auto role = parse_role(args.role);
  if (!role.ok()) return role.error();
  auto id = http::user_id(db, args.login);
  if (!id.ok()) return id.error();
  if (auto st = http::set_role(db, *id, *role); !st.ok()) return st.error();
  return "Роль пользователя " + args.login + ": " + std::string(domain::label(*role)) + "\n";
}

Action set_disabled(bool disabled) {
  return [disabled](store::Connection& db, const UserArgs& args,
                    domain::Instant) -> Result<std::string> {
    auto id = http::user_id(db, args.login);
    if (!id.ok()) return id.error();
    if (auto st = http::set_disabled(db, *id, disabled); !st.ok()) return st.error();
    return "Пользователь " + args.login + (disabled ? " заблокирован\n" : " разблокирован\n");
  };
}

Result<std::string> list(store::Connection& db, const UserArgs&, domain::Instant) {
  auto users = store::AuthRepo(db).users();
  if (!users.ok()) return users.error();
  std::string out;
  for (const auto& u : *users) {
    out += u.login + "\t" + std::string(domain::label(u.role)) + "\t" +
           (u.disabled ? "заблокирован" : "активен") + "\tсоздан " + http::rfc3339(u.created) +
           "\tвход " + (u.last_login ? http::rfc3339(*u.last_login) : "—") + "\n";
  }
  return out;
}

void add_sub(CLI::App* cmd, int& exit_code, const char* name, const char* help,
             const char* audit_action, Action action, bool with_login, bool with_role) {
  auto args = std::make_shared<UserArgs>();
  auto* sub = cmd->add_subcommand(name, help);
  if (with_login) sub->add_option("LOGIN", args->login, "Логин")->required();
  if (with_role) {
    sub->add_option("--role", args->role, "Роль: admin (Администратор) или registrar (Регистратор)")
        ->capture_default_str();
  }
  sub->add_option("--db", args->db, kDbOptionHelp)->capture_default_str();
  sub->callback([args, audit_action, action = std::move(action), &exit_code] {
    exit_code = run(*args, audit_action, action);
  });
}

}  // namespace

void add_user_command(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("user", "Пользователи веб-интерфейса");
  cmd->require_subcommand(1);
  add_sub(cmd, exit_code, "add", "Добавить пользователя (пароль со стандартного ввода)",
          "user.create", add, true, true);
  add_sub(cmd, exit_code, "passwd", "Сменить пароль (завершает сеансы пользователя)",
          "user.password_reset", passwd, true, false);
  add_sub(cmd, exit_code, "role", "Сменить роль пользователя (--role)", "user.role", set_role, true,
          true);
  add_sub(cmd, exit_code, "disable", "Заблокировать пользователя (завершает его сеансы)",
          "user.disable", set_disabled(true), true, false);
  add_sub(cmd, exit_code, "enable", "Разблокировать пользователя", "user.enable",
          set_disabled(false), true, false);
  add_sub(cmd, exit_code, "list", "Список пользователей", nullptr, list, false, false);
}

}  // namespace robocall::app
