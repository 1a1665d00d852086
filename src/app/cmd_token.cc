// `robocall token create NAME [--expires-days N] | list | revoke NAME`: API
// tokens for the hospital information system (docs/SECURITY.md "Sessions and
// tokens"). A new token is printed once; only its SHA-256 is stored.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "app/commands.h"
#include "domain/clock.h"
#include "http/auth.h"
#include "http/secrets.h"
#include "http/time_format.h"
#include "store/auth_repo.h"
#include "store/schema.h"

namespace robocall::app {
namespace {

struct TokenArgs {
  std::string db = "data/robocall.db";
  std::string name;
  int expires_days = 0;  // 0: no expiry
};

int fail(const Error& e) {
  std::fprintf(stderr, "robocall token: %s\n", e.message.c_str());
  return e.code == Errc::kInvalidArgument ? 2 : 1;
}

int create(store::Connection& db, const TokenArgs& args, domain::Instant now) {
  std::optional<domain::Instant> expires;
  if (args.expires_days > 0) expires = now + std::chrono::days(args.expires_days);
  auto token = http::create_token(db, args.name, now, expires);
  if (!token.ok()) return fail(token.error());
  nlohmann::json details = {{"name", args.name}};
  if (expires) details["expires_at"] = http::rfc3339(*expires);
  if (auto st = http::write_audit(db, "cli", "token.create", details.dump(), now); !st.ok())
    return fail(st.error());
  std::fprintf(stderr, "Токен «%s» создан. Сохраните его: он показан один раз.\n",
               args.name.c_str());
  std::printf("%s\n", token->c_str());
  return 0;
}

int revoke(store::Connection& db, const TokenArgs& args, domain::Instant now) {
  if (auto st = http::revoke_token(db, args.name); !st.ok()) return fail(st.error());
  if (auto st = http::write_audit(db, "cli", "token.revoke",
                                  nlohmann::json{{"name", args.name}}.dump(), now);
      !st.ok())
    return fail(st.error());
  std::printf("Токен «%s» отозван\n", args.name.c_str());
  return 0;
}

std::string when(const std::optional<domain::Instant>& t) {
  return t ? http::rfc3339(*t) : "—";
}

int list(store::Connection& db, const TokenArgs&, domain::Instant now) {
  auto tokens = store::AuthRepo(db).tokens();
  if (!tokens.ok()) return fail(tokens.error());
  for (const auto& t : *tokens) {
    const char* state = t.revoked                          ? "отозван"
                        : (t.expires && *t.expires <= now) ? "просрочен"
                                                           : "действует";
    std::printf("%s\t%s\tсоздан %s\tиспользован %s\tдействует до %s\n", t.name.c_str(), state,
                http::rfc3339(t.created).c_str(), when(t.last_used).c_str(),
                when(t.expires).c_str());
  }
  return 0;
}

using Action = int (*)(store::Connection&, const TokenArgs&, domain::Instant);

int run(const TokenArgs& args, Action action) {
  http::init_sodium();
  auto db = store::open_database(args.db);
  if (!db.ok()) return fail(db.error());
  return action(*db, args, domain::system_clock().now());
}

CLI::App* add_sub(CLI::App* cmd, int& exit_code, const char* name, const char* help, Action action,
                  const std::shared_ptr<TokenArgs>& args) {
  auto* sub = cmd->add_subcommand(name, help);
  sub->add_option("--db", args->db, kDbOptionHelp)->capture_default_str();
  sub->callback([args, action, &exit_code] { exit_code = run(*args, action); });
  return sub;
}

}  // namespace

void add_token_command(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("token", "API-токены для интеграции с МИС");
  cmd->require_subcommand(1);
  auto created = std::make_shared<TokenArgs>();
  auto* sub =
      add_sub(cmd, exit_code, "create", "Создать токен и показать его один раз", create, created);
  sub->add_option("NAME", created->name, "Имя токена (например, emias)")->required();
  sub->add_option("--expires-days", created->expires_days,
                  "Срок действия в днях (по умолчанию бессрочный)")
      ->check(CLI::Range(1, 3650));
  auto revoked = std::make_shared<TokenArgs>();
  add_sub(cmd, exit_code, "revoke", "Отозвать токен", revoke, revoked)
      ->add_option("NAME", revoked->name, "Имя токена")
      ->required();
  add_sub(cmd, exit_code, "list", "Список токенов (без самих токенов)", list,
          std::make_shared<TokenArgs>());
}

}  // namespace robocall::app
