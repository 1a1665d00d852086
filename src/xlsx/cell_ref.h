// Cell references such as "C5": column letters and row digits. Pure, any thread.
#pragma once

#include <optional>
#include <string_view>

namespace robocall::xlsx {

struct CellRef {
  int column = 0;  // A = 0
  int row = 0;     // 0 when the reference has no row part ("C")
};

// nullopt for anything but letters followed by digits; values beyond int
// range are clamped to a huge number so that limits reject them.
std::optional<CellRef> parse_cell_ref(std::string_view ref);

}  // namespace robocall::xlsx
