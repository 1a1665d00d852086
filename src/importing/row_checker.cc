#include "importing/row_checker.h"

#include <chrono>
#include <string>
#include <utility>

namespace robocall::importing {

namespace {

std::size_t slot_of(std::uint64_t phone, std::size_t mask) {
  return static_cast<std::size_t>((phone * 0x9E3779B97F4A7C15ULL) >> 32) & mask;
}

}  // namespace

int RowChecker::PhoneRows::claim(std::uint64_t phone, int row) {
  if ((used_ + 1) * 2 > slots_.size()) grow();
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = slot_of(phone, mask);; i = (i + 1) & mask) {
    Slot& slot = slots_[i];
    if (slot.phone == phone) return slot.row;
    if (slot.phone == 0) {
      slot = {phone, row};
      ++used_;
      return 0;
    }
  }
}

void RowChecker::PhoneRows::grow() {
  std::vector<Slot> old(slots_.size() * 2);
  old.swap(slots_);
  const std::size_t mask = slots_.size() - 1;
  for (const Slot& slot : old) {
    if (slot.phone == 0) continue;
    std::size_t i = slot_of(slot.phone, mask);
    while (slots_[i].phone != 0) i = (i + 1) & mask;
    slots_[i] = slot;
  }
}

RowChecker::RowChecker(const ValidationContext& context) : context_(context) {
  if (!context_.today)
    context_.today = std::chrono::floor<std::chrono::days>(context_.local_of(context_.now));
}

CheckedRow RowChecker::check(RowInput input) {
  const int row = input.row;
  auto result = validate_row(std::move(input), context_);
  auto* valid = std::get_if<ValidRow>(&result);
  if (valid == nullptr) return {row, std::move(result)};
  if (const int first = phones_.claim(std::stoull(valid->task.phone), row); first != 0) {
    return {row, SkippedRow{row, SkipReason::kDuplicate,
                            "Телефон " + valid->task.phone + " уже есть в строке " +
                                std::to_string(first) + " этого списка (возможно, член семьи)."}};
  }
  if (!valid->task.external_id.empty() && !external_ids_.insert(valid->task.external_id).second) {
    return {row, SkippedRow{
                     row, SkipReason::kDuplicate,
                     "Внешний id «" + valid->task.external_id + "» уже встречался в этом списке."}};
  }
  return {row, std::move(result)};
}

}  // namespace robocall::importing
