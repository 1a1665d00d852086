#include "store/auth_repo.h"

#include <gtest/gtest.h>

#include "store/schema.h"
#include "store/test_db.h"

namespace robocall::store {
namespace {

using std::chrono::minutes;

const domain::Instant kNow{std::chrono::sys_days{std::chrono::year{2026} / 3 / 2}};

class AuthRepoTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = test_db_.open();
    ASSERT_TRUE(opened.ok());
    db_ = std::move(opened).value();
  }
  TestDatabase test_db_;
  Connection db_;
};

TEST_F(AuthRepoTest, creates_and_finds_users_with_unique_logins) {
  AuthRepo repo(db_);
  EXPECT_EQ(repo.count_users().value(), 0);
  const auto id = repo.create_user({"admin", "$argon2id$hash", domain::Role::kAdmin}, kNow).value();
  EXPECT_EQ(repo.create_user({"admin", "x"}, kNow).error().code, Errc::kConflict);
  EXPECT_EQ(repo.create_user({"", "x"}, kNow).error().code, Errc::kInvalidArgument);
  auto found = repo.find_user("admin").value();
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->id, id);
  EXPECT_EQ(found->password_hash, "$argon2id$hash");
  EXPECT_FALSE(found->disabled);
  EXPECT_EQ(found->role, domain::Role::kAdmin);
  EXPECT_FALSE(found->must_change_password);
  EXPECT_EQ(found->last_login, std::nullopt);
  EXPECT_EQ(repo.find_user("nobody").value(), std::nullopt);
  EXPECT_EQ(repo.get_user(id + 1).error().code, Errc::kNotFound);
  EXPECT_EQ(repo.count_users().value(), 1);
}

TEST_F(AuthRepoTest, sessions_live_until_logout_idle_expiry_or_a_password_change) {
  AuthRepo repo(db_);
  const auto id = repo.create_user({"admin", "h1"}, kNow).value();
  ASSERT_TRUE(repo.create_session({"s1", id, "csrf1", kNow, kNow}).ok());
  ASSERT_TRUE(repo.create_session({"s2", id, "csrf2", kNow, kNow}).ok());
  ASSERT_TRUE(repo.create_session({"s3", id, "csrf3", kNow, kNow}).ok());
  ASSERT_TRUE(repo.touch_session("s1", kNow + minutes{20}).ok());
  auto s1 = repo.find_session("s1").value();
  ASSERT_TRUE(s1.has_value());
  EXPECT_EQ(s1->csrf_token, "csrf1");
  EXPECT_EQ(s1->last_seen, kNow + minutes{20});

  EXPECT_EQ(repo.delete_stale_sessions(kNow + minutes{10}, kNow).value(), 2);
  EXPECT_EQ(repo.find_session("s2").value(), std::nullopt);
  ASSERT_TRUE(repo.delete_session("s1").ok());
  EXPECT_EQ(repo.find_session("s1").value(), std::nullopt);
  EXPECT_EQ(repo.touch_session("s1", kNow).error().code, Errc::kNotFound);

  ASSERT_TRUE(repo.create_session({"s4", id, "csrf4", kNow, kNow}).ok());
  ASSERT_TRUE(repo.create_session({"s6", id, "csrf6", kNow, kNow}).ok());
  ASSERT_TRUE(repo.set_password(id, "h2", true, "s6").ok());
  EXPECT_EQ(repo.find_session("s4").value(), std::nullopt);
  EXPECT_TRUE(repo.find_session("s6").value()) << "the session that changed it stays";
  EXPECT_EQ(repo.get_user(id).value().password_hash, "h2");
  EXPECT_TRUE(repo.get_user(id).value().must_change_password);
  EXPECT_EQ(repo.create_session({"s5", id + 7, "c", kNow, kNow}).error().code, Errc::kConflict);
}

TEST_F(AuthRepoTest, disabling_a_user_ends_their_sessions) {
  AuthRepo repo(db_);
  const auto id = repo.create_user({"op", "h"}, kNow).value();
  ASSERT_TRUE(repo.create_session({"s", id, "c", kNow, kNow}).ok());
  ASSERT_TRUE(repo.set_disabled(id, true).ok());
  EXPECT_TRUE(repo.get_user(id).value().disabled);
  EXPECT_EQ(repo.find_session("s").value(), std::nullopt);
  EXPECT_EQ(repo.set_disabled(id + 1, true).error().code, Errc::kNotFound);
}

TEST_F(AuthRepoTest, revoked_tokens_are_not_found) {
  AuthRepo repo(db_);
  const auto id = repo.create_token("emias", "hash-1", kNow).value();
  EXPECT_EQ(repo.create_token("emias", "hash-2", kNow).error().code, Errc::kConflict);
  auto found = repo.find_token("hash-1").value();
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->id, id);
  EXPECT_EQ(found->last_used, std::nullopt);
  ASSERT_TRUE(repo.touch_token(id, kNow + minutes{1}).ok());
  EXPECT_EQ(repo.find_token("hash-1").value()->last_used, kNow + minutes{1});
  ASSERT_TRUE(repo.revoke_token(id).ok());
  EXPECT_EQ(repo.find_token("hash-1").value(), std::nullopt);
  EXPECT_EQ(repo.revoke_token(id + 1).error().code, Errc::kNotFound);
  auto all = repo.tokens().value();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_TRUE(all[0].revoked);
}

TEST_F(AuthRepoTest, sessions_older_than_the_lifetime_end_even_when_active) {
  AuthRepo repo(db_);
  const auto id = repo.create_user({"op", "h"}, kNow).value();
  ASSERT_TRUE(repo.create_session({"old", id, "c1", kNow, kNow + minutes{600}}).ok());
  ASSERT_TRUE(repo.create_session({"new", id, "c2", kNow + minutes{60}, kNow + minutes{600}}).ok());
  EXPECT_EQ(repo.delete_stale_sessions(kNow, kNow + minutes{30}).value(), 1);
  EXPECT_EQ(repo.find_session("old").value(), std::nullopt);
  EXPECT_TRUE(repo.find_session("new").value());
}

TEST_F(AuthRepoTest, tokens_keep_their_expiry_and_roles_count_active_admins) {
  AuthRepo repo(db_);
  repo.create_token("a", "h-a", kNow, kNow + minutes{5}).value();
  EXPECT_EQ(repo.find_token("h-a").value()->expires, kNow + minutes{5});
  const auto admin = repo.create_user({"admin", "h", domain::Role::kAdmin}, kNow).value();
  repo.create_user({"reg", "h", domain::Role::kRegistrar}, kNow).value();
  EXPECT_EQ(repo.count_active_admins().value(), 1);
  ASSERT_TRUE(repo.set_disabled(admin, true).ok());
  EXPECT_EQ(repo.count_active_admins().value(), 0);
  ASSERT_TRUE(repo.set_last_login(admin, kNow).ok());
  EXPECT_EQ(repo.get_user(admin).value().last_login, kNow);
}

TEST_F(AuthRepoTest, users_from_before_roles_become_administrators) {
  TempDir dir;
  auto db = Connection::open(dir.file("old.db"), /*create=*/true).value();
  ASSERT_TRUE(migrate_to(db, latest_schema_version() - 1).ok());
  ASSERT_TRUE(
      db.exec("INSERT INTO users(login, password_hash, created_at) VALUES ('old', 'h', 1)").ok());
  ASSERT_TRUE(migrate_to(db, latest_schema_version()).ok());
  auto user = AuthRepo(db).find_user("old").value();
  ASSERT_TRUE(user);
  EXPECT_EQ(user->role, domain::Role::kAdmin);
  EXPECT_FALSE(user->must_change_password);
}

}  // namespace
}  // namespace robocall::store
