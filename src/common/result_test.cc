#include "common/result.h"

#include <gtest/gtest.h>

#include <memory>

namespace robocall {
namespace {

Result<int> parse_digit(char c) {
  if (c < '0' || c > '9') return Error::invalid("не цифра");
  return c - '0';
}

TEST(Result, holds_a_value_when_the_operation_succeeds) {
  auto r = parse_digit('7');
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, 7);
}

TEST(Result, holds_the_error_code_and_message_when_it_fails) {
  auto r = parse_digit('x');
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, Errc::kInvalidArgument);
  EXPECT_EQ(r.error().message, "не цифра");
}

TEST(Result, moves_a_move_only_value_out) {
  Result<std::unique_ptr<int>> r = std::make_unique<int>(5);
  auto p = std::move(r).value();
  EXPECT_EQ(*p, 5);
}

TEST(Status, is_ok_by_default_and_carries_an_error_otherwise) {
  Status fine;
  EXPECT_TRUE(fine.ok());
  Status bad = Error::io("диск переполнен");
  EXPECT_FALSE(bad.ok());
  EXPECT_EQ(to_string(bad.error().code), "io_error");
}

}  // namespace
}  // namespace robocall
