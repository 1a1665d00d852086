#include "xlsx/writer.h"

namespace robocall::xlsx {

Result<XlsxWriter> XlsxWriter::create(const std::filesystem::path& path, const std::string& sheet) {
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;
  XlsxWriter writer;
  writer.book_.reset(workbook_new_opt(path.c_str(), &options));
  if (!writer.book_) return Error::io("Не удаётся создать файл " + path.string());
  writer.sheet_ = workbook_add_worksheet(writer.book_.get(), sheet.c_str());
  writer.bold_ = workbook_add_format(writer.book_.get());
  writer.date_time_ = workbook_add_format(writer.book_.get());
  writer.date_ = workbook_add_format(writer.book_.get());
  if (writer.sheet_ == nullptr || writer.bold_ == nullptr || writer.date_time_ == nullptr ||
      writer.date_ == nullptr) {
    return Error::internal("libxlsxwriter: cannot add a worksheet or a format");
  }
  format_set_bold(writer.bold_);
  format_set_num_format(writer.date_time_, "dd.mm.yyyy hh:mm");
  format_set_num_format(writer.date_, "dd.mm.yyyy");
  return writer;
}

Status XlsxWriter::check(lxw_error error) {
  if (error == LXW_NO_ERROR) return {};
  return Error::io(std::string("Ошибка записи XLSX: ") + lxw_strerror(error));
}

Status XlsxWriter::header(const std::vector<std::string_view>& titles,
                          const std::vector<double>& widths) {
  for (std::size_t i = 0; i < widths.size(); ++i) {
    const auto column = static_cast<lxw_col_t>(i);
    if (auto s = check(worksheet_set_column(sheet_, column, column, widths[i], nullptr)); !s) {
      return s;
    }
  }
  worksheet_freeze_panes(sheet_, 1, 0);
  for (std::size_t i = 0; i < titles.size(); ++i) {
    const std::string title(titles[i]);
    auto status =
        check(worksheet_write_string(sheet_, 0, static_cast<lxw_col_t>(i), title.c_str(), bold_));
    if (!status) return status;
  }
  return {};
}

Status XlsxWriter::text(int row, int column, std::string_view value) {
  const std::string copy(value);
  return check(worksheet_write_string(sheet_, static_cast<lxw_row_t>(row),
                                      static_cast<lxw_col_t>(column), copy.c_str(), nullptr));
}

Status XlsxWriter::number(int row, int column, double value) {
  return check(worksheet_write_number(sheet_, static_cast<lxw_row_t>(row),
                                      static_cast<lxw_col_t>(column), value, nullptr));
}

Status XlsxWriter::date_time(int row, int column, std::chrono::local_seconds value) {
  const auto day = std::chrono::floor<std::chrono::days>(value);
  const std::chrono::year_month_day ymd{day};
  const std::chrono::hh_mm_ss<std::chrono::seconds> time{value - day};
  lxw_datetime dt{};
  dt.year = static_cast<int>(ymd.year());
  dt.month = static_cast<int>(static_cast<unsigned>(ymd.month()));
  dt.day = static_cast<int>(static_cast<unsigned>(ymd.day()));
  dt.hour = static_cast<int>(time.hours().count());
  dt.min = static_cast<int>(time.minutes().count());
  dt.sec = static_cast<double>(time.seconds().count());
  return check(worksheet_write_datetime(sheet_, static_cast<lxw_row_t>(row),
                                        static_cast<lxw_col_t>(column), &dt, date_time_));
}

Status XlsxWriter::date(int row, int column, std::chrono::year_month_day value) {
  lxw_datetime dt{};
  dt.year = static_cast<int>(value.year());
  dt.month = static_cast<int>(static_cast<unsigned>(value.month()));
  dt.day = static_cast<int>(static_cast<unsigned>(value.day()));
  return check(worksheet_write_datetime(sheet_, static_cast<lxw_row_t>(row),
                                        static_cast<lxw_col_t>(column), &dt, date_));
}

Status XlsxWriter::close() {
  lxw_workbook* book = book_.release();
  if (book == nullptr) return Error::internal("XlsxWriter closed twice");
  return check(workbook_close(book));
}

}  // namespace robocall::xlsx
