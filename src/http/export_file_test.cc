#include "http/export_file.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

#include "http/secrets.h"
#include "store/test_db.h"

namespace robocall::http {
namespace {

std::size_t files_in(const std::filesystem::path& dir) {
  std::error_code ec;
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir, ec)) ++n;
  return n;
}

class ExportFileTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { init_sodium(); }
  store::TempDir temp_;
};

TEST_F(ExportFileTest, an_export_abandoned_on_an_error_is_removed) {
  {
    auto file = ExportFile::create(temp_.path(), "export");
    ASSERT_TRUE(file.ok()) << file.error().message;
    std::ofstream(file->path()) << "half a workbook";
    EXPECT_EQ(files_in(temp_.path() / "exports"), 1u);
  }
  EXPECT_EQ(files_in(temp_.path() / "exports"), 0u);
}

TEST_F(ExportFileTest, an_export_opened_for_sending_has_no_name_left_but_reads_whole) {
  auto file = ExportFile::create(temp_.path(), "export");
  ASSERT_TRUE(file.ok());
  std::ofstream(file->path()) << "PK workbook";
  auto fd = file->open_for_sending();
  ASSERT_TRUE(fd.ok()) << fd.error().message;
  EXPECT_EQ(files_in(temp_.path() / "exports"), 0u);
  char buf[32] = {};
  EXPECT_EQ(::read(fd->get(), buf, sizeof buf), 11);
  EXPECT_STREQ(buf, "PK workbook");
}

TEST_F(ExportFileTest, clearing_removes_what_a_crash_left) {
  std::filesystem::create_directories(temp_.path() / "exports");
  std::ofstream(temp_.path() / "exports" / "export-1.xlsx") << "x";
  std::ofstream(temp_.path() / "exports" / ".export-2.xlsx.tmp") << "x";
  EXPECT_EQ(clear_exports(temp_.path()), 2u);
  EXPECT_EQ(files_in(temp_.path() / "exports"), 0u);
  EXPECT_EQ(clear_exports(temp_.path() / "nowhere"), 0u);
}

}  // namespace
}  // namespace robocall::http
