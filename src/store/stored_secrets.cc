#include "store/stored_secrets.h"

#include <optional>
#include <vector>

namespace robocall::store {
namespace {

std::optional<SecretKey> g_key;  // written once by install_secret_key before threads start

// Every stored secret: the query lists (row key, stored value); the update
// takes (?1 new value, ?2 row key). PostgreSQL's JSON functions differ from
// SQLite's: a column that reads JSON has its own SQL there (pg_*).
struct SecretColumn {
  std::string_view select;
  std::string_view update;
  std::string_view pg_select = {};
  std::string_view pg_update = {};

  std::string_view select_for(const Connection& db) const {
    return db.backend() == Backend::kPostgres && !pg_select.empty() ? pg_select : select;
  }
  std::string_view update_for(const Connection& db) const {
    return db.backend() == Backend::kPostgres && !pg_update.empty() ? pg_update : update;
  }
};
constexpr SecretColumn kSecretColumns[] = {
    {"SELECT id, password FROM sip_accounts WHERE password <> ''",
     "UPDATE sip_accounts SET password = ?1 WHERE id = ?2"},
    {"SELECT 0, json_extract(value, '$.secret') FROM settings WHERE key = 'webhook'"
     " AND json_type(value, '$.secret') = 'text' AND json_extract(value, '$.secret') <> ''",
     "UPDATE settings SET value = json_set(value, '$.secret', ?1) WHERE key = 'webhook'"
     " AND ?2 = 0",
     "SELECT 0, CAST(value AS jsonb)->>'secret' FROM settings WHERE key = 'webhook'"
     " AND jsonb_typeof(CAST(value AS jsonb)->'secret') = 'string'"
     " AND CAST(value AS jsonb)->>'secret' <> ''",
     "UPDATE settings SET value ="
     " CAST(jsonb_set(CAST(value AS jsonb), '{secret}', to_jsonb(CAST(?1 AS TEXT))) AS TEXT)"
     " WHERE key = 'webhook' AND ?2 = 0"},
};

struct StoredValue {
  const SecretColumn* column;
  std::int64_t row;
  std::string value;
};

Result<std::vector<StoredValue>> stored_values(Connection& db) {
  std::vector<StoredValue> out;
  for (const auto& column : kSecretColumns) {
    auto stmt = db.prepare(column.select_for(db));
    if (!stmt) return stmt.error();
    for (;;) {
      auto row = stmt->step();
      if (!row) return row.error();
      if (!*row) break;
      out.push_back({&column, stmt->column_int(0), stmt->column_text(1)});
    }
  }
  return out;
}

}  // namespace

void install_secret_key(const SecretKey& key) {
  g_key = key;
}

std::string seal_secret(std::string_view plain) {
  if (plain.empty() || !g_key) return std::string(plain);
  return seal(*g_key, plain);
}

Result<std::string> unseal_secret(std::string_view stored) {
  if (!is_sealed(stored)) return std::string(stored);
  if (!g_key)
    return Error::invalid("Секрет в базе данных зашифрован, а ключ шифрования не загружен");
  return unseal(*g_key, stored);
}

Result<UnlockReport> unlock_secrets(Connection& db, const KeySource& source) {
  auto tx = Transaction::begin(db);
  if (!tx) return tx.error();
  auto values = stored_values(db);
  if (!values) return values.error();
  bool any_sealed = false;
  for (const auto& v : *values) any_sealed = any_sealed || is_sealed(v.value);

  UnlockReport report;
  auto key = read_secret_key(source.path);
  if (!key && key.error().code == Errc::kNotFound && !source.credential && !any_sealed) {
    key = create_secret_key(source.path);
    report.key_created = key.ok();
  }
  if (!key) {
    if (key.error().code == Errc::kNotFound)
      return Error::invalid(key.error().message +
                            ", а секреты в базе данных зашифрованы: верните файл ключа из "
                            "резервной копии или укажите его (--secret-key-file); сервис не "
                            "запущен, база данных не изменена");
    return key.error();
  }
  for (const auto& v : *values) {
    if (is_sealed(v.value) && !unseal(*key, v.value))
      return Error::invalid("Ключ шифрования " + source.path.string() +
                            " не подходит к секретам в базе данных (пароли SIP, секрет webhook):"
                            " укажите ключ, которым они зашифрованы; сервис не запущен, база "
                            "данных не изменена");
  }
  for (const auto& v : *values) {
    if (is_sealed(v.value)) continue;
    auto update = db.prepare(v.column->update_for(db));
    if (!update) return update.error();
    update->bind(1, seal(*key, v.value)).bind(2, v.row);
    if (auto st = update->run(); !st) return st.error();
    ++report.sealed_now;
  }
  if (auto st = tx->commit(); !st) return st.error();
  install_secret_key(*key);
  return report;
}

}  // namespace robocall::store
