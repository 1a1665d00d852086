#include "store/test_db.h"

#include <gtest/gtest.h>

#include <cstdlib>

#include "store/schema.h"

namespace robocall::store {
namespace {

TEST(TestDatabase, the_backend_follows_the_environment) {
  TestDatabase test;
  const char* server = std::getenv(kTestPostgresVariable);
  const bool postgres = server != nullptr && *server != '\0';
  EXPECT_EQ(test.backend(), postgres ? Backend::kPostgres : Backend::kSqlite);
  EXPECT_EQ(is_postgres_location(test.location()), postgres);
  auto db = test.open();
  ASSERT_TRUE(db.ok()) << db.error().message;
  EXPECT_EQ(db->backend(), test.backend());
}

TEST(TestDatabase, each_is_a_separate_database) {
  TestDatabase a;
  TestDatabase b;
  EXPECT_NE(a.location(), b.location());
  auto in_a = a.open();
  ASSERT_TRUE(in_a.ok()) << in_a.error().message;
  auto in_b = b.open();
  ASSERT_TRUE(in_b.ok()) << in_b.error().message;
  ASSERT_TRUE(in_a->exec("CREATE TABLE only_in_a(x INTEGER)").ok());
  EXPECT_TRUE(in_a->query_int("SELECT count(*) FROM only_in_a").ok());
  EXPECT_FALSE(in_b->query_int("SELECT count(*) FROM only_in_a").ok());
}

TEST(TestDatabase, opening_again_finds_the_schema_it_applied) {
  TestDatabase test;
  auto first = test.open();
  ASSERT_TRUE(first.ok()) << first.error().message;
  const auto version = schema_version(*first);
  ASSERT_TRUE(version.ok()) << version.error().message;
  if (test.backend() == Backend::kSqlite) {
    EXPECT_EQ(*version, latest_schema_version());
  }
  auto second = test.open();
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_EQ(schema_version(*second).value(), *version);
}

TEST(TestDatabase, is_gone_once_destroyed) {
  std::string location;
  {
    TestDatabase test;
    location = test.location();
    ASSERT_TRUE(test.open().ok());
  }
  EXPECT_FALSE(Connection::open(location, false).ok());
}

}  // namespace
}  // namespace robocall::store
