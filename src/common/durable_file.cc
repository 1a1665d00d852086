#include "common/durable_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <string>

#include "common/unique_fd.h"

namespace robocall::common {
namespace {

Error file_error(const std::string& what, const std::filesystem::path& path, int err) {
  std::string message = what + " «" + path.string() + "»: " + std::strerror(err);
  if (err == ENOENT) return Error::not_found(std::move(message));
  return Error::io(std::move(message));
}

std::filesystem::path temp_path_for(const std::filesystem::path& path) {
  static std::atomic<unsigned> counter{0};
  std::filesystem::path tmp = path;
  tmp += ".tmp." + std::to_string(::getpid()) + "." + std::to_string(counter++);
  return tmp;
}

Status sync_folder(const std::filesystem::path& folder) {
  const auto dir = folder.empty() ? std::filesystem::path(".") : folder;
  UniqueFd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (fd.get() < 0 || ::fsync(fd.get()) != 0)
    return file_error("Не удалось сохранить каталог", dir, errno);
  return {};
}

}  // namespace

Status write_all(int fd, const void* bytes, std::size_t size, const std::filesystem::path& path) {
  const auto* data = static_cast<const char*>(bytes);
  for (std::size_t done = 0; done < size;) {
    const ssize_t n = ::write(fd, data + done, size - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return file_error("Не удалось записать файл", path, errno);
    done += static_cast<std::size_t>(n);
  }
  return {};
}

Status replace_file(const std::filesystem::path& path,
                    const std::function<Status(int fd, const std::filesystem::path& tmp)>& fill,
                    Durability durability) {
  const auto tmp = temp_path_for(path);
  UniqueFd out(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600));
  // Even in a missing folder this is an I/O error: kNotFound is for what is read.
  if (out.get() < 0)
    return Error::io("Не удалось создать файл «" + tmp.string() + "»: " + std::strerror(errno));
  auto failed = [&tmp](Status st) {
    std::error_code ignored;
    std::filesystem::remove(tmp, ignored);
    return st;
  };
  if (auto st = fill(out.get(), tmp); !st.ok()) return failed(std::move(st));
  if (durability == Durability::kFsync && ::fsync(out.get()) != 0)
    return failed(file_error("Не удалось сохранить на диск файл", path, errno));
  if (!out.close()) return failed(file_error("Не удалось закрыть файл", path, errno));
  if (::rename(tmp.c_str(), path.c_str()) != 0)
    return failed(file_error("Не удалось переименовать файл", tmp, errno));
  if (durability == Durability::kNoFsync) return {};
  return sync_folder(path.parent_path());
}

Status rename_durably(const std::filesystem::path& from, const std::filesystem::path& to) {
  if (::rename(from.c_str(), to.c_str()) != 0)
    return file_error("Не удалось переименовать файл", from, errno);
  return sync_folder(to.parent_path());
}

}  // namespace robocall::common
