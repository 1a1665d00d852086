#include "store/accounts_repo.h"

#include "store/stored_secrets.h"
#include "store/task_rows.h"

namespace robocall::store {
namespace {

constexpr std::string_view kColumns =
    "id, name, username, password, server, prefix, caller_id, from_user, from_host, transport,"
    " is_default, updated_at, realm, register_enabled, register_expiry_s, outbound_proxy,"
    " public_address";

Result<SipAccountRecord> read_account(const Statement& s) {
  SipAccountRecord a;
  a.id = s.column_int(0);
  a.name = s.column_text(1);
  a.username = s.column_text(2);
  auto password = unseal_secret(s.column_view(3));
  if (!password) return password.error();
  a.password = std::move(*password);
  a.server = s.column_text(4);
  a.prefix = s.column_text(5);
  a.caller_id = s.column_text(6);
  a.from_user = s.column_text(7);
  a.from_host = s.column_text(8);
  a.transport = s.column_text(9);
  a.is_default = s.column_int(10) != 0;
  a.updated = from_unix(s.column_int(11));
  a.realm = s.column_text(12);
  a.register_enabled = s.column_int(13) != 0;
  a.register_expiry_s = static_cast<int>(s.column_int(14));
  a.outbound_proxy = s.column_text(15);
  a.public_address = s.column_text(16);
  return a;
}

Status check(const SipAccountRecord& a) {
  if (a.name.empty()) return Error::invalid("Не указано название учётной записи SIP");
  if (a.server.empty()) return Error::invalid("Не указан адрес сервера SIP");
  if (a.transport != "udp" && a.transport != "tcp" && a.transport != "tls")
    return Error::invalid("Неизвестный транспорт SIP «" + a.transport + "»");
  if (a.register_expiry_s < 60 || a.register_expiry_s > 86400)
    return Error::invalid("Срок регистрации должен быть от 60 до 86400 секунд");
  return {};
}

// Binds the five registration and network columns from `first` on.
void bind_registration(Statement& s, int first, const SipAccountRecord& a) {
  s.bind(first, std::int64_t{a.register_enabled ? 1 : 0})
      .bind(first + 1, std::int64_t{a.register_expiry_s});
  s.bind(first + 2, a.outbound_proxy).bind(first + 3, a.public_address);
}

Error name_taken(const SipAccountRecord& a) {
  return Error::conflict("Учётная запись SIP «" + a.name + "» уже есть");
}

Status make_default(Connection& db, std::int64_t id, domain::Instant now) {
  auto clear =
      db.prepare("UPDATE sip_accounts SET is_default = 0 WHERE is_default = 1 AND id <> ?");
  if (!clear) return clear.error();
  clear->bind(1, id);
  if (auto st = clear->run(); !st) return st;
  auto set = db.prepare("UPDATE sip_accounts SET is_default = 1, updated_at = ? WHERE id = ?");
  if (!set) return set.error();
  set->bind(1, to_unix(now)).bind(2, id);
  if (auto st = set->run(); !st) return st;
  if (db.changes() == 0)
    return Error::not_found("Учётная запись SIP " + std::to_string(id) + " не найдена");
  return {};
}

}  // namespace

Result<std::int64_t> AccountsRepo::create(const SipAccountRecord& a, domain::Instant now) {
  if (auto st = check(a); !st) return st.error();
  auto tx = Transaction::begin(db_);
  if (!tx) return tx.error();
  auto any = db_.query_int("SELECT count(*) FROM sip_accounts");
  if (!any) return any.error();
  auto stmt = db_.prepare(
      "INSERT INTO sip_accounts(name, username, password, server, prefix, caller_id, from_user,"
      " from_host, transport, is_default, updated_at, realm, register_enabled,"
      " register_expiry_s, outbound_proxy, public_address)"
      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?)");
  if (!stmt) return stmt.error();
  stmt->bind(1, a.name).bind(2, a.username).bind(3, seal_secret(a.password)).bind(4, a.server);
  stmt->bind(5, a.prefix).bind(6, a.caller_id).bind(7, a.from_user).bind(8, a.from_host);
  stmt->bind(9, a.transport).bind(10, to_unix(now)).bind(11, a.realm);
  bind_registration(*stmt, 12, a);
  if (auto st = stmt->run(); !st)
    return st.error().code == Errc::kConflict ? name_taken(a) : st.error();
  const auto id = db_.last_insert_rowid();
  if (a.is_default || *any == 0) {
    if (auto st = make_default(db_, id, now); !st) return st.error();
  }
  if (auto st = tx->commit(); !st) return st.error();
  return id;
}

Status AccountsRepo::update(const SipAccountRecord& a, domain::Instant now) {
  if (auto st = check(a); !st) return st;
  auto tx = Transaction::begin(db_);
  if (!tx) return tx.error();
  auto current = get(a.id);
  if (!current) return current.error();
  if (current->is_default && !a.is_default)
    return Error::conflict("Учётная запись «" + current->name +
                           "» используется по умолчанию: выберите другую по умолчанию");
  auto stmt = db_.prepare(
      "UPDATE sip_accounts SET name = ?, username = ?, password = ?, server = ?, prefix = ?,"
      " caller_id = ?, from_user = ?, from_host = ?, transport = ?, updated_at = ?, realm = ?,"
      " register_enabled = ?, register_expiry_s = ?, outbound_proxy = ?, public_address = ?"
      " WHERE id = ?");
  if (!stmt) return stmt.error();
  stmt->bind(1, a.name).bind(2, a.username);
  stmt->bind(3, seal_secret(a.password.empty() ? current->password : a.password));
  stmt->bind(4, a.server).bind(5, a.prefix).bind(6, a.caller_id).bind(7, a.from_user);
  stmt->bind(8, a.from_host).bind(9, a.transport).bind(10, to_unix(now)).bind(11, a.realm);
  bind_registration(*stmt, 12, a);
  stmt->bind(16, a.id);
  if (auto st = stmt->run(); !st) {
    if (st.error().code == Errc::kConflict) return name_taken(a);
    return st;
  }
  if (a.is_default && !current->is_default) {
    if (auto st = make_default(db_, a.id, now); !st) return st;
  }
  return tx->commit();
}

Status AccountsRepo::set_default(std::int64_t id, domain::Instant now) {
  auto tx = Transaction::begin(db_);
  if (!tx) return tx.error();
  if (auto st = make_default(db_, id, now); !st) return st;
  return tx->commit();
}

Status AccountsRepo::remove(std::int64_t id) {
  auto tx = Transaction::begin(db_);
  if (!tx) return tx.error();
  auto current = get(id);
  if (!current) return current.error();
  auto stmt = db_.prepare("DELETE FROM sip_accounts WHERE id = ?");
  if (!stmt) return stmt.error();
  stmt->bind(1, id);
  if (auto st = stmt->run(); !st) return st;
  if (current->is_default) {
    auto promote = db_.exec(
        "UPDATE sip_accounts SET is_default = 1"
        " WHERE id = (SELECT min(id) FROM sip_accounts)");
    if (!promote) return promote;
  }
  return tx->commit();
}

Result<SipAccountRecord> AccountsRepo::get(std::int64_t id) {
  auto stmt = db_.prepare("SELECT " + std::string(kColumns) + " FROM sip_accounts WHERE id = ?");
  if (!stmt) return stmt.error();
  stmt->bind(1, id);
  auto row = stmt->step();
  if (!row) return row.error();
  if (!*row) return Error::not_found("Учётная запись SIP " + std::to_string(id) + " не найдена");
  return read_account(*stmt);
}

Result<std::optional<SipAccountRecord>> AccountsRepo::get_default() {
  auto stmt =
      db_.prepare("SELECT " + std::string(kColumns) + " FROM sip_accounts WHERE is_default = 1");
  if (!stmt) return stmt.error();
  auto row = stmt->step();
  if (!row) return row.error();
  if (!*row) return std::optional<SipAccountRecord>{};
  auto account = read_account(*stmt);
  if (!account) return account.error();
  return std::optional<SipAccountRecord>(std::move(*account));
}

Result<std::vector<SipAccountRecord>> AccountsRepo::list() {
  auto stmt =
      db_.prepare("SELECT " + std::string(kColumns) + " FROM sip_accounts ORDER BY name, id");
  if (!stmt) return stmt.error();
  std::vector<SipAccountRecord> out;
  for (;;) {
    auto row = stmt->step();
    if (!row) return row.error();
    if (!*row) return out;
    auto account = read_account(*stmt);
    if (!account) return account.error();
    out.push_back(std::move(*account));
  }
}

}  // namespace robocall::store
