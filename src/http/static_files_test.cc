#include "http/static_files.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

namespace robocall::http {
namespace {

class StaticFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = std::filesystem::temp_directory_path() /
            ("robocall-static-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(root_ / "web" / "assets");
    std::ofstream(root_ / "web" / "index.html") << "<html>";
    std::ofstream(root_ / "web" / "assets" / "app-1a2b.js") << "js";
    std::ofstream(root_ / "web" / ".env") << "secret";
    std::ofstream(root_ / "secret.txt") << "outside";
  }
  void TearDown() override { std::filesystem::remove_all(root_); }
  std::filesystem::path web() const { return root_ / "web"; }

  std::filesystem::path root_;
};

TEST_F(StaticFiles, serves_the_index_at_the_root) {
  auto f = resolve_static(web(), "/");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->path, web() / "index.html");
  EXPECT_EQ(f->content_type, "text/html; charset=utf-8");
}

TEST_F(StaticFiles, serves_hashed_assets_as_immutable) {
  auto f = resolve_static(web(), "/assets/app-1a2b.js");
  ASSERT_TRUE(f);
  EXPECT_TRUE(f->immutable);
  EXPECT_EQ(f->content_type, "text/javascript; charset=utf-8");
}

TEST_F(StaticFiles, falls_back_to_the_index_for_client_side_routes) {
  auto f = resolve_static(web(), "/settings/sip");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->path, web() / "index.html");
}

TEST_F(StaticFiles, a_missing_file_with_an_extension_is_not_found) {
  EXPECT_FALSE(resolve_static(web(), "/assets/missing.js"));
}

TEST_F(StaticFiles, never_leaves_the_root) {
  for (std::string_view bad :
       {"/../secret.txt", "/assets/../../secret.txt", "/..", "/.env", "/assets\\..\\..\\secret.txt",
        "relative", "", "/%2e%2e/secret.txt/..", "/c:/windows"}) {
    auto f = resolve_static(web(), bad);
    if (f) {
      EXPECT_EQ(f->path, web() / "index.html") << bad;
    }
  }
  EXPECT_FALSE(resolve_static(web(), "/../secret.txt"));
  EXPECT_FALSE(resolve_static(web(), "/.env"));
}

}  // namespace
}  // namespace robocall::http
