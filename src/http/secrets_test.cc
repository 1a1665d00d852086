#include "http/secrets.h"

#include <gtest/gtest.h>

namespace robocall::http {
namespace {

class Secrets : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { init_sodium(); }
};

TEST_F(Secrets, a_password_verifies_against_its_own_hash_only) {
  auto hash = hash_password("верный пароль");
  ASSERT_TRUE(hash.ok());
  EXPECT_TRUE(hash->starts_with("$argon2id$"));
  EXPECT_TRUE(verify_password(*hash, "верный пароль"));
  EXPECT_FALSE(verify_password(*hash, "неверный пароль"));
  EXPECT_FALSE(verify_password("not a hash", "верный пароль"));
}

TEST_F(Secrets, random_tokens_are_64_hex_characters_and_differ) {
  auto a = random_token();
  auto b = random_token();
  EXPECT_EQ(a.size(), 64u);
  EXPECT_NE(a, b);
  EXPECT_EQ(a.find_first_not_of("0123456789abcdef"), std::string::npos);
}

TEST_F(Secrets, sha256_matches_the_known_digest_of_abc) {
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_F(Secrets, hmac_sha256_matches_rfc_4231_case_2) {
  EXPECT_EQ(hmac_sha256_hex("Jefe", "what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST_F(Secrets, constant_time_equal_compares_contents_and_lengths) {
  EXPECT_TRUE(constant_time_equal("abc", "abc"));
  EXPECT_FALSE(constant_time_equal("abc", "abd"));
  EXPECT_FALSE(constant_time_equal("abc", "abcd"));
}

TEST_F(Secrets, random_passwords_have_the_requested_length) {
  EXPECT_EQ(random_password(20).size(), 20u);
  EXPECT_NE(random_password(), random_password());
}

}  // namespace
}  // namespace robocall::http
