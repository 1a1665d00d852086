#include "app/private_files.h"

#include <sys/stat.h>

#include <system_error>

namespace robocall::app {
namespace {

namespace fs = std::filesystem;

// Changes one path's mode when group or others have any bit; true when it did.
bool tighten(const fs::path& path) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0 || S_ISLNK(st.st_mode) || (st.st_mode & 077) == 0)
    return false;
  return ::chmod(path.c_str(), st.st_mode & 07700) == 0;
}

}  // namespace

void restrict_new_files() {
  ::umask(077);
}

std::vector<fs::path> tighten_modes(std::span<const fs::path> paths,
                                    std::span<const fs::path> trees) {
  std::vector<fs::path> changed;
  for (const auto& path : paths)
    if (tighten(path)) changed.push_back(path);
  for (const auto& root : trees) {
    std::error_code ec;
    if (!fs::is_directory(fs::symlink_status(root, ec))) continue;
    if (tighten(root)) changed.push_back(root);
    for (auto it = fs::recursive_directory_iterator(
             root, fs::directory_options::skip_permission_denied, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (tighten(it->path())) changed.push_back(it->path());
    }
  }
  return changed;
}

}  // namespace robocall::app
