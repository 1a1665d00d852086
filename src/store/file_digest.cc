#include "store/file_digest.h"

#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "common/durable_file.h"
#include "common/unique_fd.h"

namespace robocall::store {
namespace {

Error file_error(const std::string& what, const std::filesystem::path& path, int err) {
  std::string message = what + " «" + path.string() + "»: " + std::strerror(err);
  if (err == ENOENT) return Error::not_found(std::move(message));
  return Error::io(std::move(message));
}

std::string hex(const std::array<unsigned char, crypto_hash_sha256_BYTES>& digest) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (const auto b : digest) {
    out.push_back(kDigits[b >> 4]);
    out.push_back(kDigits[b & 0xf]);
  }
  return out;
}

// Reads `in` to its end, writing every chunk to `out` when it is open.
Result<FileDigest> stream(int in, int out, const std::filesystem::path& from,
                          const std::filesystem::path& to) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium cannot be initialised");
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  FileDigest digest;
  std::array<unsigned char, 1 << 16> chunk{};
  for (;;) {
    const ssize_t n = ::read(in, chunk.data(), chunk.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return file_error("Не удалось прочитать файл", from, errno);
    if (n == 0) break;
    crypto_hash_sha256_update(&state, chunk.data(), static_cast<unsigned long long>(n));
    digest.size += static_cast<std::uint64_t>(n);
    if (out >= 0) {
      if (auto st = common::write_all(out, chunk.data(), static_cast<std::size_t>(n), to); !st.ok())
        return st.error();
    }
  }
  std::array<unsigned char, crypto_hash_sha256_BYTES> out_digest{};
  crypto_hash_sha256_final(&state, out_digest.data());
  digest.sha256 = hex(out_digest);
  return digest;
}

}  // namespace

Result<FileDigest> digest_file(const std::filesystem::path& path) {
  common::UniqueFd in(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (in.get() < 0) return file_error("Не удалось открыть файл", path, errno);
  return stream(in.get(), -1, path, path);
}

Result<FileDigest> copy_file_durably(const std::filesystem::path& from,
                                     const std::filesystem::path& to,
                                     const std::optional<FileDigest>& expected) {
  common::UniqueFd in(::open(from.c_str(), O_RDONLY | O_CLOEXEC));
  if (in.get() < 0) return file_error("Не удалось открыть файл", from, errno);
  FileDigest copied;
  auto st = common::replace_file(to, [&](int out, const std::filesystem::path& tmp) -> Status {
    auto digest = stream(in.get(), out, from, tmp);
    if (!digest.ok()) return digest.error();
    if (expected && *digest != *expected)
      return Error::corrupt("Файл «" + from.string() + "» изменился: его контрольная сумма не та");
    copied = *digest;
    return {};
  });
  if (!st.ok()) return st.error();
  return copied;
}

Status write_file_durably(const std::filesystem::path& to, std::string_view text) {
  return common::replace_file(to, [&](int out, const std::filesystem::path& tmp) {
    return common::write_all(out, text.data(), text.size(), tmp);
  });
}

}  // namespace robocall::store
