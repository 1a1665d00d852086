#include "audio/atomic_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "common/unique_fd.h"

namespace robocall::audio {
namespace {

std::string errno_text(int err) {
  return std::strerror(err);
}

}  // namespace

Result<std::vector<std::uint8_t>> read_file(const std::filesystem::path& path) {
  common::UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) {
    int err = errno;
    std::string message = "Не удалось открыть файл " + path.string() + ": " + errno_text(err);
    if (err == ENOENT) return Error::not_found(std::move(message));
    return Error::io(std::move(message));
  }
  std::vector<std::uint8_t> bytes;
  std::uint8_t chunk[65536];
  for (;;) {
    ssize_t n = ::read(fd.get(), chunk, sizeof chunk);
    if (n < 0) {
      if (errno == EINTR) continue;
      return Error::io("Не удалось прочитать файл " + path.string() + ": " + errno_text(errno));
    }
    if (n == 0) break;
    bytes.insert(bytes.end(), chunk, chunk + n);
  }
  return bytes;
}

Status write_file_atomically(const std::filesystem::path& path, std::span<const std::uint8_t> bytes,
                             Durability durability) {
  return common::replace_file(
      path,
      [&](int fd, const std::filesystem::path&) {
        return common::write_all(fd, bytes.data(), bytes.size(), path);
      },
      durability);
}

}  // namespace robocall::audio
