#include "audio/atomic_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <string>

namespace robocall::audio {
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
  // Closes now and reports the result; the destructor then does nothing.
  bool close() {
    int fd = fd_;
    fd_ = -1;
    return ::close(fd) == 0;
  }

 private:
  int fd_;
};

std::string errno_text(int err) {
  return std::strerror(err);
}

std::filesystem::path temp_path_for(const std::filesystem::path& path) {
  static std::atomic<unsigned> counter{0};
  std::filesystem::path tmp = path;
  tmp += ".tmp." + std::to_string(::getpid()) + "." + std::to_string(counter++);
  return tmp;
}

}  // namespace

Result<std::vector<std::uint8_t>> read_file(const std::filesystem::path& path) {
  Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
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
  const std::filesystem::path tmp = temp_path_for(path);
  Fd fd(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600));
  if (fd.get() < 0) {
    return Error::io("Не удалось создать файл " + tmp.string() + ": " + errno_text(errno));
  }
  auto fail = [&](const std::string& what) -> Status {
    int err = errno;
    std::error_code ignored;
    std::filesystem::remove(tmp, ignored);
    return Error::io(what + " " + path.string() + ": " + errno_text(err));
  };
  std::size_t written = 0;
  while (written < bytes.size()) {
    ssize_t n = ::write(fd.get(), bytes.data() + written, bytes.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      return fail("Не удалось записать файл");
    }
    written += static_cast<std::size_t>(n);
  }
  if (durability == Durability::kFsync && ::fsync(fd.get()) != 0) {
    return fail("Не удалось сохранить на диск файл");
  }
  if (!fd.close()) return fail("Не удалось закрыть файл");
  if (::rename(tmp.c_str(), path.c_str()) != 0) return fail("Не удалось переименовать файл");
  if (durability == Durability::kNoFsync) return {};
  std::filesystem::path dir = path.parent_path();
  if (dir.empty()) dir = ".";
  Fd dir_fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dir_fd.get() >= 0) ::fsync(dir_fd.get());
  return {};
}

}  // namespace robocall::audio
