// Secrets of the HTTP layer over libsodium: argon2id password hashes, random
// tokens (session ids, CSRF tokens, API tokens), their SHA-256 digests for
// storage, and HMAC-SHA256 signatures of webhook bodies.
// Thread-safe after init_sodium() (called once before any other thread starts).
#pragma once

#include <string>
#include <string_view>

#include "common/result.h"

namespace robocall::http {

// Initialises libsodium. Throws std::runtime_error when it cannot (startup failure).
void init_sodium();

// argon2id, libsodium's "interactive" limits; the encoded string carries its parameters.
Result<std::string> hash_password(std::string_view password);
bool verify_password(std::string_view encoded_hash, std::string_view password);

// 32 random bytes as 64 lower-case hex characters.
std::string random_token();
// A password of `length` characters from an unambiguous alphabet.
std::string random_password(int length = 16);

// SHA-256 of the text as 64 lower-case hex characters: what is stored for a token.
std::string sha256_hex(std::string_view text);

// HMAC-SHA256 of body under key, as 64 lower-case hex characters.
std::string hmac_sha256_hex(std::string_view key, std::string_view body);

// Comparison whose time does not depend on where the strings differ.
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace robocall::http
