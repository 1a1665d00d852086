#include "store/secret_key.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

namespace robocall::store {
namespace {

std::string quoted(const std::filesystem::path& path) {
  return "«" + path.string() + "»";
}

struct Fd {
  int fd = -1;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

}  // namespace

KeySource secret_key_source(const std::optional<std::filesystem::path>& flag,
                            const std::filesystem::path& data_dir, const char* credentials_dir) {
  if (flag) return {*flag, false};
  if (credentials_dir != nullptr && *credentials_dir != '\0')
    return {std::filesystem::path(credentials_dir) / kCredentialName, true};
  return {data_dir / "secret.key", false};
}

Result<SecretKey> read_secret_key(const std::filesystem::path& path) {
  Fd f{::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW)};
  if (f.fd < 0) {
    if (errno == ENOENT) return Error::not_found("Файл ключа " + quoted(path) + " не найден");
    return Error::invalid("Не удалось открыть файл ключа " + quoted(path) + ": " +
                          std::strerror(errno));
  }
  struct stat st {};
  if (::fstat(f.fd, &st) != 0 || !S_ISREG(st.st_mode))
    return Error::invalid("Файл ключа " + quoted(path) + " не является обычным файлом");
  if ((st.st_mode & 077) != 0)
    return Error::invalid("Файл ключа " + quoted(path) +
                          " доступен группе или другим пользователям; выполните chmod 600 " +
                          path.string());
  unsigned char buf[130];
  const auto got = ::read(f.fd, buf, sizeof buf);
  if (got < 0)
    return Error::invalid("Не удалось прочитать файл ключа " + quoted(path) + ": " +
                          std::strerror(errno));
  SecretKey key;
  std::size_t n = static_cast<std::size_t>(got);
  if (n == key.bytes.size()) {
    std::memcpy(key.bytes.data(), buf, n);
    return key;
  }
  while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r')) --n;
  std::size_t len = 0;
  if (n != 2 * key.bytes.size() ||
      sodium_hex2bin(key.bytes.data(), key.bytes.size(), reinterpret_cast<const char*>(buf), n,
                     nullptr, &len, nullptr) != 0 ||
      len != key.bytes.size())
    return Error::invalid("Файл ключа " + quoted(path) +
                          " должен содержать 32 байта или 64 шестнадцатеричные цифры");
  return key;
}

Result<SecretKey> create_secret_key(const std::filesystem::path& path) {
  const auto key = random_secret_key();
  Fd f{::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600)};
  if (f.fd < 0)
    return Error::io("Не удалось создать файл ключа " + quoted(path) + ": " + std::strerror(errno));
  std::string hex(2 * key.bytes.size() + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), key.bytes.data(), key.bytes.size());
  hex.back() = '\n';
  if (::fchmod(f.fd, 0600) != 0 ||
      ::write(f.fd, hex.data(), hex.size()) != static_cast<ssize_t>(hex.size()) ||
      ::fsync(f.fd) != 0) {
    const std::string why = std::strerror(errno);
    ::unlink(path.c_str());
    return Error::io("Не удалось записать файл ключа " + quoted(path) + ": " + why);
  }
  return key;
}

}  // namespace robocall::store
