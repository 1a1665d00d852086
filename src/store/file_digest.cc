#include "store/file_digest.h"

#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace robocall::store {
namespace {

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }
  bool close() {
    const int fd = fd_;
    fd_ = -1;
    return ::close(fd) == 0;
  }

 private:
  int fd_;
};

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

std::filesystem::path temp_path_for(const std::filesystem::path& path) {
  static std::atomic<unsigned> counter{0};
  std::filesystem::path tmp = path;
  tmp += ".tmp." + std::to_string(::getpid()) + "." + std::to_string(counter++);
  return tmp;
}

Status sync_folder(const std::filesystem::path& folder) {
  const auto dir = folder.empty() ? std::filesystem::path(".") : folder;
  Fd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (fd.get() < 0 || ::fsync(fd.get()) != 0)
    return file_error("Не удалось сохранить каталог", dir, errno);
  return {};
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
    for (ssize_t done = 0; out >= 0 && done < n;) {
      const ssize_t w = ::write(out, chunk.data() + done, static_cast<std::size_t>(n - done));
      if (w < 0 && errno == EINTR) continue;
      if (w < 0) return file_error("Не удалось записать файл", to, errno);
      done += w;
    }
  }
  std::array<unsigned char, crypto_hash_sha256_BYTES> out_digest{};
  crypto_hash_sha256_final(&state, out_digest.data());
  digest.sha256 = hex(out_digest);
  return digest;
}

// Writes through `fill` into a temporary file beside `to`, then renames it.
template <class Fill>
auto write_atomically(const std::filesystem::path& to, Fill fill) -> decltype(fill(0, to)) {
  const auto tmp = temp_path_for(to);
  Fd out(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600));
  if (out.get() < 0) return file_error("Не удалось создать файл", tmp, errno);
  auto result = fill(out.get(), tmp);
  std::error_code ec;
  if (!result.ok()) {
    std::filesystem::remove(tmp, ec);
    return result;
  }
  if (::fsync(out.get()) != 0 || !out.close()) {
    const int err = errno;
    std::filesystem::remove(tmp, ec);
    return file_error("Не удалось записать файл", to, err);
  }
  if (auto st = rename_durably(tmp, to); !st) {
    std::filesystem::remove(tmp, ec);
    return st.error();
  }
  return result;
}

}  // namespace

Result<FileDigest> digest_file(const std::filesystem::path& path) {
  Fd in(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (in.get() < 0) return file_error("Не удалось открыть файл", path, errno);
  return stream(in.get(), -1, path, path);
}

Result<FileDigest> copy_file_durably(const std::filesystem::path& from,
                                     const std::filesystem::path& to,
                                     const std::optional<FileDigest>& expected) {
  Fd in(::open(from.c_str(), O_RDONLY | O_CLOEXEC));
  if (in.get() < 0) return file_error("Не удалось открыть файл", from, errno);
  return write_atomically(to, [&](int out, const std::filesystem::path& tmp) -> Result<FileDigest> {
    auto digest = stream(in.get(), out, from, tmp);
    if (digest.ok() && expected && *digest != *expected)
      return Error::corrupt("Файл «" + from.string() + "» изменился: его контрольная сумма не та");
    return digest;
  });
}

Status write_file_durably(const std::filesystem::path& to, std::string_view text) {
  return write_atomically(to, [&](int out, const std::filesystem::path& tmp) -> Status {
    for (std::size_t done = 0; done < text.size();) {
      const ssize_t w = ::write(out, text.data() + done, text.size() - done);
      if (w < 0 && errno == EINTR) continue;
      if (w < 0) return file_error("Не удалось записать файл", tmp, errno);
      done += static_cast<std::size_t>(w);
    }
    return {};
  });
}

Status rename_durably(const std::filesystem::path& from, const std::filesystem::path& to) {
  if (::rename(from.c_str(), to.c_str()) != 0)
    return file_error("Не удалось переименовать файл", from, errno);
  return sync_folder(to.parent_path());
}

}  // namespace robocall::store
