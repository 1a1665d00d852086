// RowChecker: everything an import decides about a row before the store is
// asked. validate_row() and then the checks against the earlier rows of the
// same list: a phone seen before is a duplicate (the first row wins), and
// so is an external id seen before. Pure; one list per checker, one thread
// at a time.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_set>
#include <variant>
#include <vector>

#include "importing/row_validation.h"

namespace robocall::importing {

// A row of the list after the checker: a task to store, or a skipped row.
struct CheckedRow {
  int row = 0;
  std::variant<ValidRow, SkippedRow> result;
};

class RowChecker {
 public:
  explicit RowChecker(const ValidationContext& context);

  CheckedRow check(RowInput input);

 private:
  // The row that claimed each phone (10 digits): open addressing in one
  // array, as a list of 200,000 rows asks 200,000 times.
  class PhoneRows {
   public:
    // The row that claimed `phone` before, or 0 after claiming it for `row`.
    int claim(std::uint64_t phone, int row);

   private:
    void grow();
    struct Slot {
      std::uint64_t phone = 0;  // 0: free (no valid phone is 0)
      int row = 0;
    };
    std::vector<Slot> slots_ = std::vector<Slot>(1024);
    std::size_t used_ = 0;
  };

  ValidationContext context_;
  PhoneRows phones_;
  std::unordered_set<std::string> external_ids_;
};

}  // namespace robocall::importing
