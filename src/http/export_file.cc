#include "http/export_file.h"

#include <fcntl.h>
#include <sys/stat.h>

#include "http/secrets.h"

namespace robocall::http {
namespace {

std::filesystem::path exports_dir(const std::filesystem::path& data_dir) {
  return data_dir / "exports";
}

}  // namespace

Result<ExportFile> ExportFile::create(const std::filesystem::path& data_dir,
                                      std::string_view prefix) {
  const auto dir = exports_dir(data_dir);
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return Error::io("Не удалось создать каталог " + dir.string() + ": " + ec.message());
  ::chmod(dir.c_str(), 0700);
  return ExportFile(dir / (std::string(prefix) + "-" + random_token().substr(0, 16) + ".xlsx"));
}

ExportFile::~ExportFile() {
  if (path_.empty()) return;
  std::error_code ec;
  std::filesystem::remove(path_, ec);
}

ExportFile::ExportFile(ExportFile&& o) noexcept : path_(std::exchange(o.path_, {})) {}

Result<UniqueFd> ExportFile::open_for_sending() {
  UniqueFd fd(::open(path_.c_str(), O_RDONLY | O_CLOEXEC));
  const auto path = std::exchange(path_, {});
  std::error_code ec;
  std::filesystem::remove(path, ec);
  if (!fd) return Error::io("Не удалось открыть " + path.string());
  return fd;
}

std::size_t clear_exports(const std::filesystem::path& data_dir) {
  std::error_code ec;
  std::size_t removed = 0;
  for (const auto& entry : std::filesystem::directory_iterator(exports_dir(data_dir), ec)) {
    std::error_code rm;
    if (!entry.is_directory(rm) && std::filesystem::remove(entry.path(), rm)) ++removed;
  }
  return removed;
}

}  // namespace robocall::http
