#include "store/test_db.h"

#include <stdlib.h>

#include <stdexcept>
#include <string>

namespace robocall::store {

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "robocall-store-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

std::string integrity_check(Connection& db) {
  auto check = db.prepare("PRAGMA integrity_check");
  if (!check) return check.error().message;
  auto row = check->step();
  if (!row) return row.error().message;
  return *row ? check->column_text(0) : "no answer";
}

}  // namespace robocall::store
