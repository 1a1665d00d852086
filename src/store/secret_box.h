// The secret box: how a secret (a SIP password, the webhook secret) is kept
// at rest, libsodium's crypto_secretbox (XSalsa20-Poly1305) under a 32-byte
// key with a random nonce per value, stored as "sb1:" + base64(nonce ||
// ciphertext) (docs/SECURITY.md "Files and secrets"). Pure functions given
// the key; any thread, after sodium_init() (ensured by random_secret_key and
// seal on first use).
#pragma once

#include <array>
#include <string>
#include <string_view>

#include "common/result.h"

namespace robocall::store {

struct SecretKey {
  std::array<unsigned char, 32> bytes{};
};

inline constexpr std::string_view kSealedPrefix = "sb1:";

// Whether a stored value is sealed (else it is plain text from an older version).
bool is_sealed(std::string_view stored);

SecretKey random_secret_key();

// The sealed text of `plain`; every call draws a new nonce.
std::string seal(const SecretKey& key, std::string_view plain);

// The plain text of a sealed value; a value sealed under another key, or
// altered, is kCorrupt.
Result<std::string> unseal(const SecretKey& key, std::string_view sealed);

}  // namespace robocall::store
