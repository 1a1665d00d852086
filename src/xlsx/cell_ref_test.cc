#include "xlsx/cell_ref.h"

#include <gtest/gtest.h>

namespace robocall::xlsx {
namespace {

TEST(CellRef, parses_column_letters_and_row_digits) {
  struct Case {
    const char* ref;
    int column;
    int row;
  };
  const Case cases[] = {
      {"A1", 0, 1}, {"C5", 2, 5}, {"Z9", 25, 9}, {"AA10", 26, 10}, {"XFD1048576", 16383, 1048576},
      {"b2", 1, 2}, {"D", 3, 0}};
  for (const auto& c : cases) {
    const auto ref = parse_cell_ref(c.ref);
    ASSERT_TRUE(ref.has_value()) << c.ref;
    EXPECT_EQ(ref->column, c.column) << c.ref;
    EXPECT_EQ(ref->row, c.row) << c.ref;
  }
}

TEST(CellRef, rejects_anything_but_letters_then_digits) {
  for (const char* bad : {"", "1", "A0", "A1B", "$A$1", "A-1", "Ж1"}) {
    EXPECT_FALSE(parse_cell_ref(bad).has_value()) << bad;
  }
}

TEST(CellRef, huge_references_stay_huge_instead_of_overflowing) {
  const auto ref = parse_cell_ref("ZZZZZZZZZZZZZZ99999999999999999999");
  ASSERT_TRUE(ref.has_value());
  EXPECT_GT(ref->column, 16384);
  EXPECT_GT(ref->row, 1048576);
}

}  // namespace
}  // namespace robocall::xlsx
