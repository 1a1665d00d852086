#include "importing/row_checker.h"

#include <string>
#include <utility>

namespace robocall::importing {

CheckedRow RowChecker::check(const RowInput& input) {
  auto result = validate_row(input, context_);
  auto* valid = std::get_if<ValidRow>(&result);
  if (valid == nullptr) return {input.row, std::move(result)};
  const auto [first, inserted] = phones_.try_emplace(std::stoull(valid->task.phone), input.row);
  if (!inserted) {
    return {input.row, SkippedRow{input.row, SkipReason::kDuplicate,
                                  "Телефон " + valid->task.phone + " уже есть в строке " +
                                      std::to_string(first->second) + " этого списка."}};
  }
  if (!valid->task.external_id.empty() && !external_ids_.insert(valid->task.external_id).second) {
    return {input.row, SkippedRow{input.row, SkipReason::kDuplicate,
                                  "Внешний id «" + valid->task.external_id +
                                      "» уже встречался в этом списке."}};
  }
  return {input.row, std::move(result)};
}

}  // namespace robocall::importing
