// Secrets at rest against a real SQLite file: what the file holds after an
// account is saved, the sealing of values an older version left in plain
// text, and the refusals when the key is missing, wrong or readable by others.
#include "store/stored_secrets.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>
#include <iterator>

#include "store/accounts_repo.h"
#include "store/schema.h"
#include "store/test_db.h"

namespace robocall::store {
namespace {

const domain::Instant kNow{std::chrono::sys_days{std::chrono::year{2026} / 3 / 2}};
constexpr std::string_view kPassword = "Plain-SIP-Password-7319";

std::string file_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

class StoredSecretsTest : public ::testing::Test {
 protected:
  void SetUp() override { db_ = test_db_.open().value(); }
  KeySource source() const { return {test_db_.dir().file("secret.key"), false}; }
  // SQL reading one field of the JSON in settings.value.
  std::string field(const std::string& name) const {
    return db_.backend() == Backend::kSqlite ? "json_extract(value, '$." + name + "')"
                                             : "CAST(value AS jsonb)->>'" + name + "'";
  }
  std::string raw(std::string_view sql) {
    auto stmt = db_.prepare(sql).value();
    EXPECT_TRUE(stmt.step().value());
    return stmt.column_text(0);
  }
  void insert_plain_values() {
    ASSERT_TRUE(
        db_.exec("INSERT INTO sip_accounts(name, username, password, server, is_default,"
                 " updated_at) VALUES ('old', 'u', '" +
                 std::string(kPassword) +
                 "', 'sip.example.ru', 1, 0);"
                 "INSERT INTO settings(key, value, updated_at) VALUES ('webhook',"
                 " '{\"url\":\"https://his.example/h\",\"secret\":\"webhook-secret-1234\"}',"
                 " 0)"));
  }
  TestDatabase test_db_;
  Connection db_;
};

TEST_F(StoredSecretsTest, a_saved_account_leaves_no_plain_password_in_the_database_files) {
  auto unlocked = unlock_secrets(db_, source());
  ASSERT_TRUE(unlocked.ok()) << unlocked.error().message;
  EXPECT_TRUE(unlocked->key_created);
  SipAccountRecord a;
  a.name = "trunk";
  a.username = "u";
  a.password = std::string(kPassword);
  a.server = "sip.example.ru";
  const auto id = AccountsRepo(db_).create(a, kNow).value();
  EXPECT_EQ(AccountsRepo(db_).get(id).value().password, kPassword);
  // The files of a SQLite database (PostgreSQL's are the server's: the row says it).
  for (const auto* suffix : {"", "-wal"}) {
    if (test_db_.backend() != Backend::kSqlite) break;
    const auto bytes = file_bytes(test_db_.location() + suffix);
    EXPECT_EQ(bytes.find(kPassword), std::string::npos) << "robocall.db" << suffix;
  }
  EXPECT_TRUE(is_sealed(raw("SELECT password FROM sip_accounts")));
}

TEST_F(StoredSecretsTest, plain_values_of_an_older_version_are_sealed_at_unlock) {
  insert_plain_values();
  auto unlocked = unlock_secrets(db_, source());
  ASSERT_TRUE(unlocked.ok()) << unlocked.error().message;
  EXPECT_EQ(unlocked->sealed_now, 2);
  EXPECT_TRUE(is_sealed(raw("SELECT password FROM sip_accounts")));
  EXPECT_TRUE(is_sealed(raw("SELECT " + field("secret") + " FROM settings")));
  EXPECT_EQ(raw("SELECT " + field("url") + " FROM settings"), "https://his.example/h");
  EXPECT_EQ(AccountsRepo(db_).get_default().value()->password, kPassword);
  EXPECT_EQ(unlock_secrets(db_, source()).value().sealed_now, 0) << "sealed once";
}

TEST_F(StoredSecretsTest, sealed_values_without_their_key_file_refuse_and_change_nothing) {
  insert_plain_values();
  ASSERT_TRUE(unlock_secrets(db_, source()).ok());
  const auto before = raw("SELECT password FROM sip_accounts");
  std::filesystem::remove(source().path);
  auto refused = unlock_secrets(db_, source());
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("зашифрованы"), std::string::npos)
      << refused.error().message;
  EXPECT_FALSE(std::filesystem::exists(source().path)) << "no new key over sealed values";
  EXPECT_EQ(raw("SELECT password FROM sip_accounts"), before);
  EXPECT_EQ(raw("SELECT count(*) FROM sip_accounts"), "1") << "no account dropped";
}

TEST_F(StoredSecretsTest, another_key_refuses_with_a_message) {
  insert_plain_values();
  ASSERT_TRUE(unlock_secrets(db_, source()).ok());
  const KeySource other{test_db_.dir().file("other.key"), false};
  ASSERT_TRUE(create_secret_key(other.path).ok());
  auto refused = unlock_secrets(db_, other);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("не подходит"), std::string::npos)
      << refused.error().message;
}

TEST_F(StoredSecretsTest, a_key_file_readable_by_group_or_others_is_refused) {
  ASSERT_TRUE(create_secret_key(source().path).ok());
  struct stat st {};
  ASSERT_EQ(::stat(source().path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  std::filesystem::permissions(source().path, std::filesystem::perms::group_read,
                               std::filesystem::perm_options::add);
  auto refused = unlock_secrets(db_, source());
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("доступен группе"), std::string::npos)
      << refused.error().message;
}

TEST_F(StoredSecretsTest, a_missing_systemd_credential_is_never_created) {
  const KeySource credential{test_db_.dir().file(kCredentialName), true};
  EXPECT_FALSE(unlock_secrets(db_, credential).ok());
  EXPECT_FALSE(std::filesystem::exists(credential.path));
}

TEST(SecretKeySource, the_flag_wins_then_the_systemd_credential_then_the_data_dir) {
  EXPECT_EQ(secret_key_source(std::filesystem::path("/k"), "/d", "/run/creds").path, "/k");
  const auto credential = secret_key_source(std::nullopt, "/d", "/run/creds");
  EXPECT_EQ(credential.path, "/run/creds/robocall-secret-key");
  EXPECT_TRUE(credential.credential);
  EXPECT_EQ(secret_key_source(std::nullopt, "/d", nullptr).path, "/d/secret.key");
  EXPECT_EQ(secret_key_source(std::nullopt, "/d", "").path, "/d/secret.key");
}

TEST(SecretKeyFile, a_key_of_64_hex_digits_or_32_bytes_reads_and_anything_else_is_refused) {
  TempDir dir;
  const auto write = [&](std::string_view name, std::string_view bytes) {
    const auto path = dir.file(name);
    std::ofstream(path, std::ios::binary) << bytes;
    std::filesystem::permissions(path, std::filesystem::perms::owner_read);
    return path;
  };
  EXPECT_TRUE(read_secret_key(write("hex", std::string(64, 'a') + "\n")).ok());
  EXPECT_TRUE(read_secret_key(write("raw", std::string(32, '\x01'))).ok());
  EXPECT_FALSE(read_secret_key(write("short", "abc")).ok());
  EXPECT_FALSE(read_secret_key(write("nothex", std::string(64, 'z'))).ok());
  EXPECT_EQ(read_secret_key(dir.file("none")).error().code, Errc::kNotFound);
}

}  // namespace
}  // namespace robocall::store
