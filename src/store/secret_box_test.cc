#include "store/secret_box.h"

#include <gtest/gtest.h>

namespace robocall::store {
namespace {

TEST(SecretBox, a_sealed_value_opens_with_its_key_and_hides_the_plain_text) {
  const auto key = random_secret_key();
  const std::string plain = "пароль-SIP-42";
  const auto sealed = seal(key, plain);
  EXPECT_TRUE(is_sealed(sealed));
  EXPECT_EQ(sealed.find("пароль"), std::string::npos);
  EXPECT_EQ(unseal(key, sealed).value(), plain);
}

TEST(SecretBox, every_seal_draws_a_new_nonce) {
  const auto key = random_secret_key();
  EXPECT_NE(seal(key, "same"), seal(key, "same"));
}

TEST(SecretBox, another_key_a_flipped_byte_or_a_cut_value_is_corrupt) {
  const auto key = random_secret_key();
  const auto sealed = seal(key, "secret");
  EXPECT_EQ(unseal(random_secret_key(), sealed).error().code, Errc::kCorrupt);
  auto flipped = sealed;
  flipped[kSealedPrefix.size() + 30] = flipped[kSealedPrefix.size() + 30] == 'A' ? 'B' : 'A';
  EXPECT_EQ(unseal(key, flipped).error().code, Errc::kCorrupt);
  EXPECT_EQ(unseal(key, sealed.substr(0, 20)).error().code, Errc::kCorrupt);
  EXPECT_EQ(unseal(key, "sb1:!!!").error().code, Errc::kCorrupt);
  EXPECT_EQ(unseal(key, "plain").error().code, Errc::kCorrupt);
}

TEST(SecretBox, an_empty_secret_seals_and_opens) {
  const auto key = random_secret_key();
  EXPECT_EQ(unseal(key, seal(key, "")).value(), "");
}

}  // namespace
}  // namespace robocall::store
