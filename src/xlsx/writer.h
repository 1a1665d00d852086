// XlsxWriter: a one-sheet workbook written row by row with libxlsxwriter in
// constant-memory mode (rows must be written in increasing order). Owns the
// libxlsxwriter workbook; one thread at a time.
#pragma once

#include <xlsxwriter.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace robocall::xlsx {

class XlsxWriter {
 public:
  // Creates (truncates) the file at `path` with one sheet named `sheet`.
  static Result<XlsxWriter> create(const std::filesystem::path& path, const std::string& sheet);

  // Row 0: the titles in bold, frozen; columns sized by `widths` (characters).
  Status header(const std::vector<std::string_view>& titles, const std::vector<double>& widths);
  // REQUIRES: rows written in increasing order, after header().
  Status text(int row, int column, std::string_view value);
  Status number(int row, int column, double value);
  // A real date cell shown as ДД.ММ.ГГГГ ЧЧ:ММ.
  Status date_time(int row, int column, std::chrono::local_seconds value);
  // A real date cell shown as ДД.ММ.ГГГГ.
  Status date(int row, int column, std::chrono::year_month_day value);
  // Writes the package and closes the file; the writer is spent afterwards.
  Status close();

 private:
  struct Closer {
    void operator()(lxw_workbook* book) const { workbook_close(book); }
  };
  XlsxWriter() = default;
  Status check(lxw_error error);

  std::unique_ptr<lxw_workbook, Closer> book_;
  lxw_worksheet* sheet_ = nullptr;
  lxw_format* bold_ = nullptr;
  lxw_format* date_time_ = nullptr;
  lxw_format* date_ = nullptr;
};

}  // namespace robocall::xlsx
