#include "xlsx/task_export.h"

#include <unistd.h>

#include <cstdio>
#include <random>
#include <vector>

#include "domain/labels.h"

namespace robocall::xlsx {

namespace {

std::filesystem::path temp_beside(const std::filesystem::path& target) {
  std::random_device random;
  const auto tag = std::to_string(::getpid()) + "-" + std::to_string(random());
  return target.parent_path() / ("." + target.filename().string() + "." + tag + ".tmp");
}

}  // namespace

Result<TaskExportWriter> TaskExportWriter::create(const std::filesystem::path& target) {
  auto temp = temp_beside(target);
  auto writer = XlsxWriter::create(temp, "Задания");
  if (!writer) return writer.error();
  TaskExportWriter out(target, std::move(temp), std::move(*writer));
  const std::vector<std::string_view> titles = {"Id",
                                                "Имя пациента",
                                                "Телефон",
                                                "Дата приёма",
                                                "Статус",
                                                "Звонков",
                                                "Последний звонок",
                                                "Итог последнего звонка",
                                                "Нажатые клавиши",
                                                "Звонки",
                                                "Дата рождения"};
  const std::vector<double> widths = {10, 36, 14, 18, 16, 10, 18, 26, 16, 36, 14};
  if (auto s = out.writer_->header(titles, widths); !s) return s.error();
  return out;
}

TaskExportWriter::TaskExportWriter(std::filesystem::path target, std::filesystem::path temp,
                                   XlsxWriter writer)
    : target_(std::move(target)), temp_(std::move(temp)), writer_(std::move(writer)) {}

TaskExportWriter::TaskExportWriter(TaskExportWriter&& other) noexcept
    : target_(std::move(other.target_)),
      temp_(std::move(other.temp_)),
      writer_(std::move(other.writer_)),
      rows_(other.rows_),
      done_(other.done_) {
  other.writer_.reset();
  other.done_ = true;
}

TaskExportWriter::~TaskExportWriter() {
  if (done_) return;
  if (writer_) (void)writer_->close();
  std::error_code ec;
  std::filesystem::remove(temp_, ec);
}

Status TaskExportWriter::add(const ExportRow& row) {
  const int line = static_cast<int>(rows_ + 1);
  XlsxWriter& w = *writer_;
  Status s = w.number(line, 0, static_cast<double>(row.id));
  if (s) s = w.text(line, 1, row.full_name);
  if (s) s = w.text(line, 2, row.phone);
  if (s) s = w.date_time(line, 3, row.appointment);
  if (s) s = w.text(line, 4, domain::label(row.status));
  if (s) s = w.number(line, 5, row.attempts);
  if (s && row.last_call) s = w.date_time(line, 6, *row.last_call);
  if (s && row.last_outcome) s = w.text(line, 7, domain::label(*row.last_outcome));
  if (s && !row.keys.empty()) s = w.text(line, 8, row.keys);
  if (s && !row.calls.empty()) s = w.text(line, 9, row.calls);
  if (s && row.birth_date.ok()) s = w.date(line, 10, row.birth_date);
  if (s) ++rows_;
  return s;
}

Result<std::int64_t> TaskExportWriter::commit() {
  done_ = true;
  Status status = writer_->close();
  writer_.reset();
  std::error_code ec;
  if (status) {
    std::filesystem::rename(temp_, target_, ec);
    if (ec) {
      status = Error::io("Не удаётся сохранить файл " + target_.string() + ": " + ec.message());
    }
  }
  if (!status) {
    std::filesystem::remove(temp_, ec);
    return status.error();
  }
  return rows_;
}

std::string default_export_name(std::chrono::year_month_day from, std::chrono::year_month_day to) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%04d%02u%02u-%04d%02u%02u", static_cast<int>(from.year()),
                static_cast<unsigned>(from.month()), static_cast<unsigned>(from.day()),
                static_cast<int>(to.year()), static_cast<unsigned>(to.month()),
                static_cast<unsigned>(to.day()));
  return std::string("Задания за ") + buffer + ".xlsx";
}

}  // namespace robocall::xlsx
