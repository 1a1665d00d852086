#include "xlsx/cell_ref.h"

#include <algorithm>

namespace robocall::xlsx {

namespace {
constexpr long long kHuge = 1LL << 40;
}

std::optional<CellRef> parse_cell_ref(std::string_view ref) {
  std::size_t i = 0;
  long long column = 0;
  while (i < ref.size() && ((ref[i] >= 'A' && ref[i] <= 'Z') || (ref[i] >= 'a' && ref[i] <= 'z'))) {
    const char upper = static_cast<char>(ref[i] & ~0x20);
    column = std::min(kHuge, column * 26 + (upper - 'A' + 1));
    ++i;
  }
  if (i == 0) return std::nullopt;
  long long row = 0;
  const std::size_t digits = i;
  while (i < ref.size() && ref[i] >= '0' && ref[i] <= '9') {
    row = std::min(kHuge, row * 10 + (ref[i] - '0'));
    ++i;
  }
  if (i != ref.size()) return std::nullopt;
  if (i > digits && row == 0) return std::nullopt;
  constexpr long long kMaxInt = 1LL << 30;
  return CellRef{static_cast<int>(std::min(column - 1, kMaxInt)),
                 static_cast<int>(std::min(row, kMaxInt))};
}

}  // namespace robocall::xlsx
