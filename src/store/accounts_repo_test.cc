#include "store/accounts_repo.h"

#include <gtest/gtest.h>

#include "store/schema.h"
#include "store/test_db.h"

namespace robocall::store {
namespace {

const domain::Instant kNow{std::chrono::sys_days{std::chrono::year{2026} / 3 / 2}};

SipAccountRecord account(std::string name, bool is_default = false) {
  SipAccountRecord a;
  a.name = std::move(name);
  a.username = "user";
  a.password = "secret";
  a.server = "sip.example.ru:5060";
  a.prefix = "8";
  a.is_default = is_default;
  return a;
}

class AccountsRepoTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = test_db_.open();
    ASSERT_TRUE(opened.ok());
    db_ = std::move(opened).value();
  }
  std::string default_name() {
    auto d = AccountsRepo(db_).get_default().value();
    return d ? d->name : "";
  }
  std::int64_t defaults() {
    return db_.query_int("SELECT count(*) FROM sip_accounts WHERE is_default = 1").value();
  }
  TestDatabase test_db_;
  Connection db_;
};

TEST_F(AccountsRepoTest, the_first_account_becomes_the_default) {
  AccountsRepo repo(db_);
  EXPECT_EQ(repo.get_default().value(), std::nullopt);
  ASSERT_TRUE(repo.create(account("A"), kNow).ok());
  ASSERT_TRUE(repo.create(account("B"), kNow).ok());
  EXPECT_EQ(default_name(), "A");
  EXPECT_EQ(defaults(), 1);
}

TEST_F(AccountsRepoTest, choosing_a_default_clears_the_previous_one) {
  AccountsRepo repo(db_);
  repo.create(account("A"), kNow).value();
  const auto b = repo.create(account("B"), kNow).value();
  repo.create(account("C", true), kNow).value();
  EXPECT_EQ(default_name(), "C");
  ASSERT_TRUE(repo.set_default(b, kNow).ok());
  EXPECT_EQ(default_name(), "B");
  EXPECT_EQ(defaults(), 1);
  EXPECT_EQ(repo.set_default(999, kNow).error().code, Errc::kNotFound);
  EXPECT_EQ(default_name(), "B");
}

TEST_F(AccountsRepoTest, the_default_flag_cannot_be_simply_removed) {
  AccountsRepo repo(db_);
  const auto a = repo.create(account("A"), kNow).value();
  auto changed = repo.get(a).value();
  changed.is_default = false;
  EXPECT_EQ(repo.update(changed, kNow).error().code, Errc::kConflict);
  EXPECT_EQ(default_name(), "A");
}

TEST_F(AccountsRepoTest, removing_the_default_promotes_the_oldest_remaining_account) {
  AccountsRepo repo(db_);
  repo.create(account("A"), kNow).value();
  const auto b = repo.create(account("B"), kNow).value();
  const auto c = repo.create(account("C", true), kNow).value();
  ASSERT_TRUE(repo.remove(c).ok());
  EXPECT_EQ(repo.get_default().value()->name, "A");
  ASSERT_TRUE(repo.remove(b).ok());
  EXPECT_EQ(default_name(), "A");
  EXPECT_EQ(repo.remove(c).error().code, Errc::kNotFound);
}

TEST_F(AccountsRepoTest, an_update_with_an_empty_password_keeps_the_stored_one) {
  AccountsRepo repo(db_);
  const auto a = repo.create(account("A"), kNow).value();
  auto changed = account("A2", true);
  changed.id = a;
  changed.password.clear();
  changed.transport = "tcp";
  ASSERT_TRUE(repo.update(changed, kNow).ok());
  auto got = repo.get(a).value();
  EXPECT_EQ(got.name, "A2");
  EXPECT_EQ(got.transport, "tcp");
  EXPECT_EQ(got.password, "secret");
  changed.password = "new";
  ASSERT_TRUE(repo.update(changed, kNow).ok());
  EXPECT_EQ(repo.get(a).value().password, "new");
}

TEST_F(AccountsRepoTest, bad_or_duplicate_accounts_change_nothing) {
  AccountsRepo repo(db_);
  repo.create(account("A"), kNow).value();
  const auto b = repo.create(account("B"), kNow).value();
  EXPECT_EQ(repo.create(account("A"), kNow).error().code, Errc::kConflict);
  auto no_server = account("X");
  no_server.server.clear();
  EXPECT_EQ(repo.create(no_server, kNow).error().code, Errc::kInvalidArgument);
  auto bad_transport = account("Y");
  bad_transport.transport = "sctp";
  EXPECT_EQ(repo.create(bad_transport, kNow).error().code, Errc::kInvalidArgument);
  auto rename = repo.get(b).value();
  rename.name = "A";
  EXPECT_EQ(repo.update(rename, kNow).error().code, Errc::kConflict);
  auto list = repo.list().value();
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].name, "A");
  EXPECT_EQ(list[1].name, "B");
}

TEST_F(AccountsRepoTest, keeps_the_realm_the_password_is_for) {
  AccountsRepo repo(db_);
  auto a = account("A");
  a.realm = "asterisk";
  const auto id = repo.create(a, kNow).value();
  EXPECT_EQ(repo.get(id)->realm, "asterisk");
  a.id = id;
  a.is_default = true;
  a.realm = "";
  ASSERT_TRUE(repo.update(a, kNow).ok());
  EXPECT_EQ(repo.get(id)->realm, "");
}

TEST_F(AccountsRepoTest, keeps_the_registration_and_network_fields) {
  AccountsRepo repo(db_);
  auto a = account("A");
  const auto id = repo.create(a, kNow).value();
  auto saved = repo.get(id).value();
  EXPECT_FALSE(saved.register_enabled);
  EXPECT_EQ(saved.register_expiry_s, 600);
  EXPECT_EQ(saved.outbound_proxy, "");
  a.id = id;
  a.is_default = true;
  a.register_enabled = true;
  a.register_expiry_s = 3600;
  a.outbound_proxy = "proxy.example.ru:5080";
  a.public_address = "203.0.113.7";
  ASSERT_TRUE(repo.update(a, kNow).ok());
  saved = repo.get(id).value();
  EXPECT_TRUE(saved.register_enabled);
  EXPECT_EQ(saved.register_expiry_s, 3600);
  EXPECT_EQ(saved.outbound_proxy, "proxy.example.ru:5080");
  EXPECT_EQ(saved.public_address, "203.0.113.7");
}

TEST_F(AccountsRepoTest, refuses_a_registration_expiry_outside_60_to_86400_s) {
  AccountsRepo repo(db_);
  for (int bad : {0, 59, 86401}) {
    auto a = account("A");
    a.register_expiry_s = bad;
    EXPECT_EQ(repo.create(a, kNow).error().code, Errc::kInvalidArgument) << bad;
  }
  EXPECT_EQ(repo.list().value().size(), 0u);
}

}  // namespace
}  // namespace robocall::store
