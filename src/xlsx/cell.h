// Cell: one value read from a worksheet, already typed (text, number, boolean,
// date). Plain value type, any thread.
#pragma once

#include <chrono>
#include <string>
#include <vector>

namespace robocall::xlsx {

enum class CellType {
  kEmpty,   // no cell, or a cell without a value
  kText,    // shared, inline or formula string
  kNumber,  // a number without a date format (or a date serial Excel has no day for)
  kBool,
  kDate,   // a number with a date/time format, converted to wall-clock time
  kError,  // "#N/A" and friends; text holds the code
};

struct Cell {
  CellType type = CellType::kEmpty;
  std::string text;                   // kText, kError
  double number = 0;                  // kNumber, kBool (0 or 1), kDate (the raw serial)
  std::chrono::local_seconds date{};  // kDate: the wall-clock time the workbook shows

  bool empty() const { return type == CellType::kEmpty; }
};

// One worksheet row that holds at least one value. cells[i] is column i
// (A = 0); columns without a cell are kEmpty.
struct Row {
  int number = 0;  // as Excel shows it: the first row is 1
  std::vector<Cell> cells;
};

}  // namespace robocall::xlsx
