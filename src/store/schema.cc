#include "store/schema.h"

#include <sqlite3.h>

#include <array>
#include <fstream>
#include <set>
#include <string>
#include <system_error>

#include "domain/production_calendar.h"
#include "store/schema_pg.h"
#include "store/task_rows.h"

namespace robocall::store {
namespace {

struct Migration {
  std::string_view sql;
  // Tables this step creates: an existing file may hold only tables of the
  // steps it has applied; anything else means the file is not ours.
  std::array<std::string_view, 16> tables;
  // A step SQL alone cannot express; runs after `sql`, in the same transaction.
  Status (*apply)(Connection&) = nullptr;
};

// v1: the whole first schema. Times are unix seconds (UTC); dates YYYY-MM-DD.
constexpr std::string_view kV1 = R"sql(
CREATE TABLE imports(
  id INTEGER PRIMARY KEY,
  created_at INTEGER NOT NULL,
  source TEXT NOT NULL CHECK (source IN ('xlsx', 'api')),
  file_name TEXT NOT NULL DEFAULT '',
  user TEXT NOT NULL DEFAULT '',
  rows_read INTEGER NOT NULL DEFAULT 0,
  created INTEGER NOT NULL DEFAULT 0,
  report TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(report))
);

CREATE TABLE tasks(
  id INTEGER PRIMARY KEY,
  external_id TEXT UNIQUE,
  phone TEXT NOT NULL CHECK (length(phone) = 10),
  full_name TEXT NOT NULL,
  appointment INTEGER NOT NULL,
  birth_date TEXT NOT NULL,
  extra TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(extra)),
  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN
    ('pending', 'calling', 'confirmed', 'cancelled', 'exhausted', 'expired')),
  -- The list status as a sort key, in the Russian alphabetical order of its
  -- labels: Неизвестно (0) < Отмена (1) < Подтверждение (2).
  status_rank INTEGER GENERATED ALWAYS AS (
    CASE state WHEN 'confirmed' THEN 2 WHEN 'cancelled' THEN 1 ELSE 0 END) VIRTUAL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt INTEGER,
  import_id INTEGER REFERENCES imports(id),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
-- The task list (see task_list.cc for which plan uses which index).
CREATE INDEX tasks_appointment ON tasks(appointment);
CREATE INDEX tasks_appointment_name ON tasks(appointment, full_name);
CREATE INDEX tasks_name ON tasks(full_name, appointment);
CREATE INDEX tasks_status ON tasks(status_rank, appointment);
CREATE INDEX tasks_phone ON tasks(phone, appointment);
CREATE INDEX tasks_updated ON tasks(updated_at);
CREATE INDEX tasks_due ON tasks(appointment, next_attempt) WHERE state = 'pending';

CREATE TABLE sip_accounts(
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  username TEXT NOT NULL,
  password TEXT NOT NULL,
  server TEXT NOT NULL,
  prefix TEXT NOT NULL DEFAULT '',
  caller_id TEXT NOT NULL DEFAULT '',
  from_user TEXT NOT NULL DEFAULT '',
  from_host TEXT NOT NULL DEFAULT '',
  transport TEXT NOT NULL DEFAULT 'udp' CHECK (transport IN ('udp', 'tcp', 'tls')),
  is_default INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
  updated_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX sip_accounts_one_default ON sip_accounts(is_default) WHERE is_default = 1;

CREATE TABLE attempts(
  id INTEGER PRIMARY KEY,
  task_id INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
  number INTEGER NOT NULL,
  started_at INTEGER NOT NULL,
  answered_at INTEGER,
  ended_at INTEGER,
  outcome TEXT CHECK (outcome IN ('confirmed', 'cancelled', 'no_answer', 'busy', 'unavailable',
    'no_input', 'failed', 'config_error', 'interrupted')),
  sip_code INTEGER,
  digits TEXT NOT NULL DEFAULT '',
  duration_ms INTEGER,
  recording TEXT,
  account_id INTEGER REFERENCES sip_accounts(id) ON DELETE SET NULL,
  UNIQUE (task_id, number)
);
CREATE INDEX attempts_started ON attempts(started_at);
CREATE INDEX attempts_in_flight ON attempts(task_id) WHERE outcome IS NULL;
CREATE INDEX attempts_recording ON attempts(ended_at) WHERE recording IS NOT NULL;
CREATE INDEX attempts_account ON attempts(account_id);

CREATE TABLE settings(
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL CHECK (json_valid(value)),
  updated_at INTEGER NOT NULL,
  updated_by TEXT NOT NULL DEFAULT ''
);

CREATE TABLE date_exceptions(
  date TEXT PRIMARY KEY CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  mode TEXT NOT NULL CHECK (mode IN ('working', 'shortened', 'day_off')),
  provisional INTEGER NOT NULL DEFAULT 0 CHECK (provisional IN (0, 1)),
  source TEXT NOT NULL DEFAULT ''
);

CREATE TABLE phrases(
  number INTEGER PRIMARY KEY CHECK (number BETWEEN 1 AND 6),
  text TEXT NOT NULL,
  recording TEXT,
  updated_at INTEGER NOT NULL
);

CREATE TABLE users(
  id INTEGER PRIMARY KEY,
  login TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1))
);

CREATE TABLE sessions(
  id_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);
CREATE INDEX sessions_last_seen ON sessions(last_seen_at);

CREATE TABLE api_tokens(
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  hash TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  last_used_at INTEGER,
  revoked INTEGER NOT NULL DEFAULT 0 CHECK (revoked IN (0, 1))
);

CREATE TABLE audit_log(
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  details TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(details))
);
CREATE INDEX audit_log_at ON audit_log(at);

CREATE TABLE webhook_deliveries(
  id INTEGER PRIMARY KEY,
  task_id INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
  payload TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_try_at INTEGER NOT NULL,
  last_error TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  delivered_at INTEGER
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries(next_try_at) WHERE delivered_at IS NULL;
)sql";

// v2: the id-ordered walk of the task list with a date filter reads this
// narrow index instead of whole table rows (bench_store: deep pages, 1 week).
constexpr std::string_view kV2 = R"sql(
CREATE INDEX tasks_id_appointment ON tasks(id, appointment);
)sql";

// v3: task counts per hour of appointment, kept by triggers, so the list's
// total over a date range sums at most a few hundred rows instead of walking
// every index entry of the range (bench_store: every 1-week case).
constexpr std::string_view kV3 = R"sql(
CREATE TABLE task_hour_counts(
  hour INTEGER PRIMARY KEY,  -- appointment / 3600
  n INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO task_hour_counts(hour, n)
  SELECT appointment / 3600, count(*) FROM tasks GROUP BY appointment / 3600;
CREATE TRIGGER tasks_count_insert AFTER INSERT ON tasks BEGIN
  INSERT INTO task_hour_counts(hour, n) VALUES (new.appointment / 3600, 1)
    ON CONFLICT(hour) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER tasks_count_delete AFTER DELETE ON tasks BEGIN
  UPDATE task_hour_counts SET n = n - 1 WHERE hour = old.appointment / 3600;
END;
CREATE TRIGGER tasks_count_move AFTER UPDATE OF appointment ON tasks
  WHEN old.appointment / 3600 <> new.appointment / 3600 BEGIN
  UPDATE task_hour_counts SET n = n - 1 WHERE hour = old.appointment / 3600;
  INSERT INTO task_hour_counts(hour, n) VALUES (new.appointment / 3600, 1)
    ON CONFLICT(hour) DO UPDATE SET n = n + 1;
END;
)sql";

// v4: the CHECKs on the state of a task and the outcome of an attempt test
// equality one value at a time instead of `IN (list)`. SQLite evaluates a
// CHECK's IN list by building a temporary B-tree of the list on every
// insert and update: that was a fifth of a bulk import's insert time
// (0.38 s against 0.09 s for 200,000 rows). Same constraints, so every
// stored row still satisfies them: the table definitions are edited in
// place, as SQLite documents for constraint changes that leave the stored
// rows valid (https://www.sqlite.org/lang_altertable.html, section 7).
struct CheckEdit {
  std::string_view table;
  std::string_view from;
  std::string_view to;
};
constexpr std::array<CheckEdit, 2> kV4Edits{{
    {"tasks",
     "CHECK (state IN\n    ('pending', 'calling', 'confirmed', 'cancelled', 'exhausted', "
     "'expired'))",
     "CHECK (state = 'pending' OR state = 'calling' OR state = 'confirmed' OR\n"
     "    state = 'cancelled' OR state = 'exhausted' OR state = 'expired')"},
    {"attempts",
     "CHECK (outcome IN ('confirmed', 'cancelled', 'no_answer', 'busy', 'unavailable',\n"
     "    'no_input', 'failed', 'config_error', 'interrupted'))",
     "CHECK (outcome = 'confirmed' OR outcome = 'cancelled' OR outcome = 'no_answer' OR\n"
     "    outcome = 'busy' OR outcome = 'unavailable' OR outcome = 'no_input' OR\n"
     "    outcome = 'failed' OR outcome = 'config_error' OR outcome = 'interrupted')"},
}};

// Edits table definitions in place; each edit must match its table once.
template <std::size_t N>
Status edit_table_sql(Connection& db, const std::array<CheckEdit, N>& edits) {
  auto version = db.query_int("PRAGMA schema_version");
  if (!version) return version.error();
  if (auto st = db.exec("PRAGMA writable_schema = ON"); !st) return st;
  for (const auto& edit : edits) {
    auto update = db.prepare(
        "UPDATE sqlite_schema SET sql = replace(sql, ?2, ?3)"
        " WHERE type = 'table' AND name = ?1 AND instr(sql, ?2) > 0");
    if (!update) return update.error();
    update->bind(1, edit.table).bind(2, edit.from).bind(3, edit.to);
    if (auto st = update->run(); !st) return st;
    if (db.changes() != 1) {
      (void)db.exec("PRAGMA writable_schema = OFF");
      return Error::corrupt("Таблица " + std::string(edit.table) +
                            " не совпадает с ожидаемой схемой; файл не изменён");
    }
  }
  // A new schema cookie makes every other connection read the edited
  // definitions; RESET (OFF plus a reload) makes this one read them too.
  if (auto st = db.exec("PRAGMA schema_version = " + std::to_string(*version + 1) +
                        "; PRAGMA writable_schema = RESET");
      !st)
    return st;
  return {};
}

Status rewrite_check_lists(Connection& db) {
  return edit_table_sql(db, kV4Edits);
}

// v5: an answered attempt keeps its talk time apart from the whole call
// (duration_ms, from the INVITE, ringing included).
constexpr std::string_view kV5 = R"sql(
ALTER TABLE attempts ADD COLUMN talk_ms INTEGER;
)sql";

// v6: users have a role (every existing user stays an administrator), may be
// made to change their password at the next login, and show their last
// login; API tokens may expire; the audit log is read by actor and action
// (docs/SECURITY.md "Users and roles", "Sessions and tokens", "Audit").
constexpr std::string_view kV6 = R"sql(
ALTER TABLE users ADD COLUMN role TEXT NOT NULL DEFAULT 'admin'
  CHECK (role = 'admin' OR role = 'registrar');
ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0
  CHECK (must_change_password = 0 OR must_change_password = 1);
ALTER TABLE users ADD COLUMN last_login_at INTEGER;
ALTER TABLE api_tokens ADD COLUMN expires_at INTEGER;
CREATE INDEX audit_log_actor ON audit_log(actor, id);
CREATE INDEX audit_log_action ON audit_log(action, id);
)sql";

// v7: a queued webhook delivery keeps the URL it was queued for (a changed
// URL applies to new deliveries only; docs/SECURITY.md "Webhook"); the
// retention purge deletes tasks, whose deliveries go by this index.
constexpr std::string_view kV7 = R"sql(
ALTER TABLE webhook_deliveries ADD COLUMN url TEXT NOT NULL DEFAULT '';
CREATE INDEX webhook_deliveries_task ON webhook_deliveries(task_id);
)sql";

// v8: a SIP account names the digest realm its password is for (empty: the
// server's domain; docs/SECURITY.md "SIP").
constexpr std::string_view kV8 = R"sql(
ALTER TABLE sip_accounts ADD COLUMN realm TEXT NOT NULL DEFAULT '';
)sql";

// v9: campaigns (docs/BEHAVIOUR.md "Campaigns"). Every upload or API batch
// belongs to one; a paused campaign's tasks are not called. Each earlier
// import becomes a campaign named after its file (or "API") and its date,
// keeping the import's id, and its tasks join it.
constexpr std::string_view kV9 = R"sql(
CREATE TABLE campaigns(
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL CHECK (length(name) > 0),
  source TEXT NOT NULL CHECK (source = 'xlsx' OR source = 'api'),
  -- The day of an API campaign made by default, one per local day.
  day TEXT UNIQUE,
  created_at INTEGER NOT NULL,
  created_by TEXT NOT NULL DEFAULT '',
  paused INTEGER NOT NULL DEFAULT 0 CHECK (paused = 0 OR paused = 1),
  updated_at INTEGER NOT NULL
);
INSERT INTO campaigns(id, name, source, created_at, created_by, updated_at)
  SELECT id,
         CASE WHEN file_name <> '' THEN file_name ELSE 'API' END || ' ' ||
           strftime('%d.%m.%Y', created_at, 'unixepoch', 'localtime'),
         source, created_at, user, created_at
  FROM imports;
ALTER TABLE tasks ADD COLUMN campaign_id INTEGER REFERENCES campaigns(id);
UPDATE tasks SET campaign_id = import_id WHERE import_id IS NOT NULL;
CREATE INDEX tasks_campaign ON tasks(campaign_id, appointment);
)sql";

// v11: the verification step (docs/BEHAVIOUR.md "Call script"): phrases 7
// and 8, the outcome not_verified and the final task state of that name.
// The CHECKs are widened in place as in v4 (every stored row stays valid).
constexpr std::array<CheckEdit, 3> kV11Edits{{
    {"tasks", "state = 'cancelled' OR state = 'exhausted' OR state = 'expired')",
     "state = 'cancelled' OR state = 'exhausted' OR state = 'expired' OR\n"
     "    state = 'not_verified')"},
    {"attempts", "outcome = 'config_error' OR outcome = 'interrupted')",
     "outcome = 'config_error' OR outcome = 'interrupted' OR\n"
     "    outcome = 'not_verified')"},
    {"phrases", "CHECK (number BETWEEN 1 AND 6)", "CHECK (number BETWEEN 1 AND 8)"},
}};

Status allow_verification(Connection& db) {
  return edit_table_sql(db, kV11Edits);
}

// v12: the administrator's day (docs/BEHAVIOUR.md "Call now" and "Taking a
// patient off calling"): the final state withdrawn, who took the patient off
// calling and when, and the moment «Позвонить сейчас» was asked (the dialer
// claims those tasks first). A withdrawn task's list status is «Отмена».
constexpr std::string_view kV12 = R"sql(
ALTER TABLE tasks ADD COLUMN withdrawn_by TEXT;
ALTER TABLE tasks ADD COLUMN withdrawn_at INTEGER;
ALTER TABLE tasks ADD COLUMN call_now_at INTEGER;
CREATE INDEX tasks_call_now ON tasks(call_now_at) WHERE call_now_at IS NOT NULL;
)sql";
constexpr std::array<CheckEdit, 2> kV12Edits{{
    {"tasks", "state = 'expired' OR\n    state = 'not_verified')",
     "state = 'expired' OR\n    state = 'not_verified' OR state = 'withdrawn')"},
    {"tasks", "WHEN 'cancelled' THEN 1 ELSE 0 END",
     "WHEN 'cancelled' THEN 1 WHEN 'withdrawn' THEN 1 ELSE 0 END"},
}};

Status allow_withdrawal(Connection& db) {
  return edit_table_sql(db, kV12Edits);
}

// v13: a SIP account registers (docs/BEHAVIOUR.md "Trunk problems"): REGISTER on
// or off and its requested expiry, the outbound proxy INVITE and REGISTER go
// through, the public address for Contact and SDP behind NAT.
constexpr std::string_view kV13 = R"sql(
ALTER TABLE sip_accounts ADD COLUMN register_enabled INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sip_accounts ADD COLUMN register_expiry_s INTEGER NOT NULL DEFAULT 600;
ALTER TABLE sip_accounts ADD COLUMN outbound_proxy TEXT NOT NULL DEFAULT '';
ALTER TABLE sip_accounts ADD COLUMN public_address TEXT NOT NULL DEFAULT '';
)sql";

// v14: several nodes on one database (docs/DESIGN.md "Several nodes"). A
// task in calling is leased to the node calling it until lease_until (ms
// since the epoch: leases are renewed every few seconds); account_pacing
// holds each SIP account's next free call-start slot (ms), shared by every
// node that claims through the account.
constexpr std::string_view kV14 = R"sql(
ALTER TABLE tasks ADD COLUMN lease_node TEXT;
ALTER TABLE tasks ADD COLUMN lease_until INTEGER;
CREATE INDEX tasks_lease ON tasks(lease_until) WHERE state = 'calling';
CREATE TABLE account_pacing(
  account_id INTEGER PRIMARY KEY,
  next_start_ms INTEGER NOT NULL
);
)sql";

constexpr std::array<Migration, 14> kMigrations{{
    {kV1,
     {"imports", "tasks", "sip_accounts", "attempts", "settings", "date_exceptions", "phrases",
      "users", "sessions", "api_tokens", "audit_log", "webhook_deliveries"}},
    {kV2, {}},
    {kV3, {"task_hour_counts"}},
    {{}, {}, &rewrite_check_lists},
    {kV5, {}},
    {kV6, {}},
    {kV7, {}},
    {kV8, {}},
    {kV9, {"campaigns"}},
    {{}, {}, &write_builtin_calendar},
    {{}, {}, &allow_verification},
    {kV12, {}, &allow_withdrawal},
    {kV13, {}},
    {kV14, {"account_pacing"}},
}};

std::set<std::string, std::less<>> tables_up_to(int version) {
  std::set<std::string, std::less<>> names;
  for (int i = 0; i < version; ++i)
    for (auto name : kMigrations[static_cast<std::size_t>(i)].tables)
      if (!name.empty()) names.emplace(name);
  return names;
}

std::string quoted(const std::filesystem::path& path) {
  return "«" + path.string() + "»";
}

// Reads SQLite's magic and the application id the header records; an empty
// file counts as a new database (id 0).
Result<std::int32_t> check_header(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::io("Не удалось прочитать файл базы данных " + quoted(path));
  unsigned char header[72] = {};
  in.read(reinterpret_cast<char*>(header), sizeof header);
  const auto got = in.gcount();
  if (got == 0) return 0;
  if (got < 16 || std::string_view(reinterpret_cast<const char*>(header), 16) !=
                      std::string_view("SQLite format 3\0", 16))
    return Error::corrupt("Файл " + quoted(path) + " не является базой данных SQLite");
  if (got < static_cast<std::streamsize>(sizeof header)) return 0;
  const std::uint32_t id = (std::uint32_t{header[68]} << 24) | (std::uint32_t{header[69]} << 16) |
                           (std::uint32_t{header[70]} << 8) | std::uint32_t{header[71]};
  return static_cast<std::int32_t>(id);
}

Error wrap(const Error& e, const std::filesystem::path& path) {
  if (e.code == Errc::kCorrupt)
    return Error::corrupt("База данных " + quoted(path) + " повреждена: " + e.message);
  return e;
}

Status quick_check(Connection& db, const std::filesystem::path& path) {
  auto check = db.prepare("PRAGMA quick_check");
  if (!check) return wrap(check.error(), path);
  auto row = check->step();
  if (!row) return wrap(row.error(), path);
  if (*row && check->column_text(0) != "ok")
    return Error::corrupt("База данных " + quoted(path) + " повреждена: " + check->column_text(0));
  return {};
}

struct Inspection {
  std::int64_t application_id = 0;
  int user_version = 0;
  std::set<std::string, std::less<>> tables;
};

Result<Inspection> inspect(Connection& db) {
  Inspection info;
  auto app = db.query_int("PRAGMA application_id");
  if (!app) return app.error();
  info.application_id = *app;
  auto version = db.query_int("PRAGMA user_version");
  if (!version) return version.error();
  info.user_version = static_cast<int>(*version);
  auto names = db.prepare(
      "SELECT name FROM sqlite_schema WHERE type = 'table'"
      " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'");
  if (!names) return names.error();
  for (;;) {
    auto row = names->step();
    if (!row) return row.error();
    if (!*row) break;
    info.tables.insert(names->column_text(0));
  }
  return info;
}

// Decides whether the file is a robocall database this binary may open.
Status check_ours(const Inspection& info, const std::filesystem::path& path) {
  const bool empty = info.application_id == 0 && info.user_version == 0 && info.tables.empty();
  if (empty) return {};
  if (info.application_id != kApplicationId)
    return Error::corrupt("Файл " + quoted(path) +
                          " — база данных другой программы (не robocall); файл не изменён");
  if (info.user_version > latest_schema_version())
    return Error::conflict("База данных " + quoted(path) +
                           " создана более новой версией robocall"
                           " (схема " +
                           std::to_string(info.user_version) + ", эта программа знает до " +
                           std::to_string(latest_schema_version()) + "); файл не изменён");
  const auto known = tables_up_to(info.user_version);
  for (const auto& name : info.tables)
    if (!known.contains(name))
      return Error::corrupt("База данных " + quoted(path) + " содержит неизвестную таблицу «" +
                            name + "»; файл не изменён");
  return {};
}

}  // namespace

// v10: the production calendar counts only as stored date exceptions (an
// empty table means no exceptions: docs/BEHAVIOUR.md "Calling window").
// Until now an empty table meant the built-in decreed years, so a database
// whose table is empty gets those years' days written once as rows.
Status write_builtin_calendar(Connection& db) {
  auto stored = db.query_int("SELECT count(*) FROM date_exceptions");
  if (!stored) return stored.error();
  if (*stored > 0) return {};
  auto insert = db.prepare(
      "INSERT INTO date_exceptions(date, mode, provisional, source) VALUES (?, ?, 0, ?)");
  if (!insert) return insert.error();
  for (const auto& e : domain::default_production_exceptions()) {
    insert->reset();
    insert->bind(1, date_text(e.date))
        .bind(2, domain::to_string(e.mode))
        .bind(3, "production-calendar-" + std::to_string(static_cast<int>(e.date.year())));
    if (auto st = insert->run(); !st) return st;
  }
  return {};
}

int latest_schema_version() {
  return static_cast<int>(kMigrations.size());
}

Result<int> schema_version(Connection& db) {
  if (db.backend() == Backend::kPostgres) {
    auto exists = db.query_int("SELECT to_regclass('robocall_schema') IS NOT NULL");
    if (!exists) return exists.error();
    if (*exists == 0) return 0;
    auto version = db.query_int("SELECT coalesce(max(version), 0) FROM robocall_schema");
    if (!version) return version.error();
    return static_cast<int>(*version);
  }
  auto version = db.query_int("PRAGMA user_version");
  if (!version) return version.error();
  return static_cast<int>(*version);
}

Status migrate_to(Connection& db, int version) {
  if (version < 0 || version > latest_schema_version())
    return Error::invalid("Неизвестная версия схемы " + std::to_string(version));
  for (;;) {
    auto tx = Transaction::begin(db);
    if (!tx) return tx.error();
    auto current = schema_version(db);
    if (!current) return current.error();
    if (*current >= version) return {};
    const auto& step = kMigrations[static_cast<std::size_t>(*current)];
    std::string sql(step.sql);
    sql += "\nPRAGMA application_id = " + std::to_string(kApplicationId) + ";";
    sql += "\nPRAGMA user_version = " + std::to_string(*current + 1) + ";";
    if (auto st = db.exec(sql); !st) return st;
    if (step.apply != nullptr) {
      if (auto st = step.apply(db); !st) return st;
    }
    if (auto st = tx->commit(); !st) return st;
  }
}

Result<Connection> open_database(const std::filesystem::path& path, bool verify) {
  if (is_postgres_location(path.native())) {
    auto db = Connection::open(path, /*create=*/false);
    if (!db) return db.error();
    if (auto st = apply_postgres_schema(*db); !st) return st.error();
    return db;
  }
  std::error_code ec;
  const bool exists = std::filesystem::exists(path, ec);
  bool hot_journal = false;
  if (exists) {
    if (!std::filesystem::is_regular_file(path, ec))
      return Error::io("Путь " + quoted(path) + " не является файлом");
    auto header_id = check_header(path);
    if (!header_id) return header_id.error();
    // Inspect read-only first: nothing is written before the file is known to be ours.
    auto ro = Connection::open_read_only(path);
    if (!ro) return wrap(ro.error(), path);
    auto info = inspect(*ro);
    // A writer killed in the middle of a transaction in the rollback journal
    // (SoleWriter) left a hot journal, which only a writable connection
    // rolls back: ours by its header, the file is opened for writing below.
    hot_journal = !info && sqlite3_extended_errcode(ro->handle()) == SQLITE_READONLY_ROLLBACK;
    if (hot_journal && *header_id != kApplicationId)
      return Error::corrupt("Файл " + quoted(path) +
                            " — база данных другой программы (не robocall) с незавершённой"
                            " транзакцией; файл не изменён");
    if (!hot_journal) {
      if (!info) return wrap(info.error(), path);
      if (auto st = check_ours(*info, path); !st) return st.error();
      if (verify) {
        if (auto st = quick_check(*ro, path); !st) return st.error();
      }
    }
  }
  auto db = Connection::open(path, /*create=*/true);
  if (!db) return wrap(db.error(), path);
  // Another process may have created or upgraded the file meanwhile: check again.
  auto info = inspect(*db);
  if (!info) return wrap(info.error(), path);
  if (auto st = check_ours(*info, path); !st) return st.error();
  if (hot_journal && verify) {
    if (auto st = quick_check(*db, path); !st) return st.error();
  }
  if (auto st = migrate_to(*db, latest_schema_version()); !st) return wrap(st.error(), path);
  return db;
}

}  // namespace robocall::store
