#include "http/users.h"

#include "http/auth.h"
#include "http/secrets.h"
#include "store/auth_repo.h"

namespace robocall::http {
namespace {

Status check_login(std::string_view login) {
  if (login.empty() || login.size() > 100) {
    return Error::invalid("Логин должен быть от 1 до 100 символов");
  }
  for (unsigned char c : login) {
    if (c <= ' ' || c == 0x7f) return Error::invalid("Логин не может содержать пробелы");
  }
  return {};
}

// Would the change leave no administrator who can log in? Runs inside the
// change's transaction.
Status keeps_an_admin(store::AuthRepo& repo, std::int64_t user_id, bool demote_or_disable) {
  if (!demote_or_disable) return {};
  auto user = repo.get_user(user_id);
  if (!user.ok()) return user.error();
  if (user->role != domain::Role::kAdmin || user->disabled) return {};
  auto admins = repo.count_active_admins();
  if (!admins.ok()) return admins.error();
  if (*admins <= 1) {
    return Error::conflict(
        "Это последний действующий администратор: сначала назначьте администратором другого "
        "пользователя");
  }
  return {};
}

}  // namespace

Result<std::int64_t> add_user(store::Connection& db, const UserSpec& user, domain::Instant at) {
  if (auto st = check_login(user.login); !st.ok()) return st.error();
  if (auto st = check_password_strength(user.password); !st.ok()) return st.error();
  auto hash = hash_password(user.password);
  if (!hash.ok()) return hash.error();
  return store::AuthRepo(db).create_user({user.login, *hash, user.role, user.must_change_password},
                                         at);
}

Status add_user(store::Connection& db, std::string_view login, std::string_view password,
                domain::Instant at) {
  auto id = add_user(db, UserSpec{std::string(login), std::string(password)}, at);
  if (!id.ok()) return id.error();
  return {};
}

Result<std::int64_t> user_id(store::Connection& db, std::string_view login) {
  auto user = store::AuthRepo(db).find_user(login);
  if (!user.ok()) return user.error();
  if (!*user) return Error::not_found("Нет пользователя «" + std::string(login) + "»");
  return (*user)->id;
}

Status set_password(store::Connection& db, std::int64_t user_id, std::string_view password,
                    bool must_change_password) {
  if (auto st = check_password_strength(password); !st.ok()) return st;
  auto hash = hash_password(password);
  if (!hash.ok()) return hash.error();
  return store::AuthRepo(db).set_password(user_id, *hash, must_change_password);
}

Status set_role(store::Connection& db, std::int64_t user_id, domain::Role role) {
  auto tx = store::Transaction::begin(db);
  if (!tx) return tx.error();
  store::AuthRepo repo(db);
  if (auto st = keeps_an_admin(repo, user_id, role != domain::Role::kAdmin); !st.ok()) return st;
  if (auto st = repo.set_role(user_id, role); !st.ok()) return st;
  return tx->commit();
}

Status set_disabled(store::Connection& db, std::int64_t user_id, bool disabled) {
  auto tx = store::Transaction::begin(db);
  if (!tx) return tx.error();
  store::AuthRepo repo(db);
  if (auto st = keeps_an_admin(repo, user_id, disabled); !st.ok()) return st;
  if (auto st = repo.set_disabled(user_id, disabled); !st.ok()) return st;
  return tx->commit();
}

Result<std::optional<std::string>> ensure_admin(store::Connection& db, domain::Instant at) {
  auto count = store::AuthRepo(db).count_users();
  if (!count.ok()) return count.error();
  if (*count > 0) return std::optional<std::string>();
  auto password = random_password(16);
  auto id = add_user(db, UserSpec{"admin", password, domain::Role::kAdmin, true}, at);
  // Another node on the same database made it at the same moment
  // (docs/BEHAVIOUR.md "Several nodes: changes and sessions"): its file has the password.
  if (!id.ok() && id.error().code == Errc::kConflict) return std::optional<std::string>();
  if (!id.ok()) return id.error();
  return std::optional<std::string>(password);
}

}  // namespace robocall::http
