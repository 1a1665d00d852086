#include "store/secret_box.h"

#include <sodium.h>

#include <stdexcept>
#include <vector>

namespace robocall::store {
namespace {

void ensure_sodium() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium cannot be initialised");
}

constexpr int kVariant = sodium_base64_VARIANT_ORIGINAL;

}  // namespace

bool is_sealed(std::string_view stored) {
  return stored.starts_with(kSealedPrefix);
}

SecretKey random_secret_key() {
  ensure_sodium();
  SecretKey key;
  randombytes_buf(key.bytes.data(), key.bytes.size());
  return key;
}

std::string seal(const SecretKey& key, std::string_view plain) {
  static_assert(sizeof key.bytes == crypto_secretbox_KEYBYTES);
  ensure_sodium();
  std::vector<unsigned char> box(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES +
                                 plain.size());
  unsigned char* nonce = box.data();
  randombytes_buf(nonce, crypto_secretbox_NONCEBYTES);
  crypto_secretbox_easy(nonce + crypto_secretbox_NONCEBYTES,
                        reinterpret_cast<const unsigned char*>(plain.data()), plain.size(), nonce,
                        key.bytes.data());
  std::string out(sodium_base64_encoded_len(box.size(), kVariant), '\0');
  sodium_bin2base64(out.data(), out.size(), box.data(), box.size(), kVariant);
  out.resize(out.size() - 1);  // the terminating NUL
  return std::string(kSealedPrefix) + out;
}

Result<std::string> unseal(const SecretKey& key, std::string_view sealed) {
  auto bad = [] {
    return Error::corrupt(
        "Зашифрованный секрет не расшифровывается этим ключом (другой ключ или повреждённые "
        "данные)");
  };
  if (!is_sealed(sealed)) return bad();
  const auto text = sealed.substr(kSealedPrefix.size());
  std::vector<unsigned char> box(text.size());
  std::size_t len = 0;
  if (sodium_base642bin(box.data(), box.size(), text.data(), text.size(), nullptr, &len, nullptr,
                        kVariant) != 0 ||
      len < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES)
    return bad();
  const unsigned char* nonce = box.data();
  const unsigned char* cipher = nonce + crypto_secretbox_NONCEBYTES;
  const std::size_t cipher_len = len - crypto_secretbox_NONCEBYTES;
  std::string plain(cipher_len - crypto_secretbox_MACBYTES, '\0');
  if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(plain.data()), cipher, cipher_len,
                                 nonce, key.bytes.data()) != 0)
    return bad();
  return plain;
}

}  // namespace robocall::store
