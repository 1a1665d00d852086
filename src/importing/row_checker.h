// RowChecker: everything an import decides about a row before the store is
// asked. validate_row() and then the checks against the earlier rows of the
// same list: a phone seen before is a duplicate (the first row wins), and
// so is an external id seen before. Pure; one list per checker, one thread
// at a time.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <variant>

#include "importing/row_validation.h"

namespace robocall::importing {

// A row of the list after the checker: a task to store, or a skipped row.
struct CheckedRow {
  int row = 0;
  std::variant<ValidRow, SkippedRow> result;
};

class RowChecker {
 public:
  explicit RowChecker(const ValidationContext& context) : context_(context) {}

  CheckedRow check(const RowInput& input);

 private:
  ValidationContext context_;
  std::unordered_map<std::uint64_t, int> phones_;  // phone (10 digits) -> the row that claimed it
  std::unordered_set<std::string> external_ids_;
};

}  // namespace robocall::importing
