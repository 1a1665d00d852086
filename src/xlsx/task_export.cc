#include "xlsx/task_export.h"

#include <unistd.h>

#include <cstdio>
#include <random>
#include <vector>

#include "xlsx/writer.h"

namespace robocall::xlsx {

namespace {

std::filesystem::path temp_beside(const std::filesystem::path& target) {
  std::random_device random;
  const auto tag = std::to_string(::getpid()) + "-" + std::to_string(random());
  return target.parent_path() / ("." + target.filename().string() + "." + tag + ".tmp");
}

Status write_rows(XlsxWriter& writer, const ExportSource& source, std::int64_t& count) {
  const std::vector<std::string_view> titles = {"Id",
                                                "Имя пациента",
                                                "Телефон",
                                                "Дата приёма",
                                                "Статус",
                                                "Попыток",
                                                "Последний звонок",
                                                "Итог последнего звонка",
                                                "Нажатые клавиши"};
  const std::vector<double> widths = {10, 36, 14, 18, 16, 10, 18, 24, 16};
  if (auto s = writer.header(titles, widths); !s) return s;
  ExportRow row;
  int line = 1;
  for (;;) {
    row = ExportRow{};
    auto more = source(row);
    if (!more) return more.error();
    if (!*more) return {};
    Status s = writer.number(line, 0, static_cast<double>(row.id));
    if (s) s = writer.text(line, 1, row.full_name);
    if (s) s = writer.text(line, 2, row.phone);
    if (s) s = writer.date_time(line, 3, row.appointment);
    if (s) s = writer.text(line, 4, status_label(row.status));
    if (s) s = writer.number(line, 5, row.attempts);
    if (s && row.last_call) s = writer.date_time(line, 6, *row.last_call);
    if (s && row.last_outcome) s = writer.text(line, 7, outcome_label(*row.last_outcome));
    if (s && !row.keys.empty()) s = writer.text(line, 8, row.keys);
    if (!s) return s;
    ++line;
    ++count;
  }
}

}  // namespace

Result<std::int64_t> write_task_export(const std::filesystem::path& target,
                                       const ExportSource& source) {
  const auto temp = temp_beside(target);
  auto writer = XlsxWriter::create(temp, "Задания");
  if (!writer) return writer.error();
  std::int64_t count = 0;
  Status status = write_rows(*writer, source, count);
  const Status closed = writer->close();
  if (status && !closed) status = closed;
  std::error_code ec;
  if (status) {
    std::filesystem::rename(temp, target, ec);
    if (ec)
      status = Error::io("Не удаётся сохранить файл " + target.string() + ": " + ec.message());
  }
  if (!status) {
    std::filesystem::remove(temp, ec);
    return status.error();
  }
  return count;
}

std::string default_export_name(std::chrono::year_month_day from, std::chrono::year_month_day to) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%04d%02u%02u-%04d%02u%02u", static_cast<int>(from.year()),
                static_cast<unsigned>(from.month()), static_cast<unsigned>(from.day()),
                static_cast<int>(to.year()), static_cast<unsigned>(to.month()),
                static_cast<unsigned>(to.day()));
  return std::string("Задания за ") + buffer + ".xlsx";
}

std::string_view status_label(domain::ListStatus status) {
  switch (status) {
    case domain::ListStatus::kConfirmed:
      return "Подтверждение";
    case domain::ListStatus::kCancelled:
      return "Отмена";
    case domain::ListStatus::kUnknown:
      return "Неизвестно";
  }
  return "Неизвестно";
}

std::string_view outcome_label(domain::CallOutcome outcome) {
  switch (outcome) {
    case domain::CallOutcome::kConfirmed:
      return "Подтвердил";
    case domain::CallOutcome::kCancelled:
      return "Отменил";
    case domain::CallOutcome::kNoAnswer:
      return "Нет ответа";
    case domain::CallOutcome::kBusy:
      return "Занято";
    case domain::CallOutcome::kUnavailable:
      return "Абонент недоступен";
    case domain::CallOutcome::kNoInput:
      return "Ответил, не нажал клавишу";
    case domain::CallOutcome::kFailed:
      return "Сбой связи";
    case domain::CallOutcome::kConfigError:
      return "Ошибка настройки SIP";
    case domain::CallOutcome::kInterrupted:
      return "Прерван";
  }
  return "Неизвестно";
}

}  // namespace robocall::xlsx
