#include "xlsx/task_export.h"

#include <gtest/gtest.h>

#include "xlsx/sheet_reader.h"
#include "xlsx/test_workbooks.h"

namespace robocall::xlsx {
namespace {

using namespace std::chrono;

local_seconds at(int y, unsigned m, unsigned d, int hh = 0, int mm = 0) {
  return local_days{year{y} / m / d} + hours{hh} + minutes{mm};
}

TEST(TaskExport, writes_a_header_and_one_row_per_task_with_real_date_cells) {
  const auto dir = testing::temp_dir();
  const auto path = dir / default_export_name(year{2022} / 1 / 19, year{2022} / 1 / 31);
  std::vector<ExportRow> tasks(2);
  tasks[0].id = 7;
  tasks[0].full_name = "Иванов Иван";
  tasks[0].phone = "9161234567";
  tasks[0].appointment = at(2022, 1, 19, 10, 2);
  tasks[0].status = domain::ListStatus::kConfirmed;
  tasks[0].attempts = 2;
  tasks[0].last_call = at(2022, 1, 18, 12, 30);
  tasks[0].last_outcome = domain::CallOutcome::kConfirmed;
  tasks[0].keys = "1";
  tasks[0].calls = "Подтвердил звонком (2 из 3)";
  tasks[0].birth_date = year{1980} / 2 / 1;
  tasks[1].id = 8;
  tasks[1].full_name = "Петров Пётр";
  tasks[1].phone = "9161234568";
  tasks[1].appointment = at(2022, 1, 20, 9, 0);
  tasks[1].birth_date = year{1975} / 12 / 31;
  auto writer = TaskExportWriter::create(path);
  ASSERT_TRUE(writer.ok()) << writer.error().message;
  for (const auto& task : tasks) ASSERT_TRUE(writer->add(task).ok());
  auto written = writer->commit();
  ASSERT_TRUE(written.ok()) << written.error().message;
  EXPECT_EQ(*written, 2);
  EXPECT_EQ(path.filename().string(), "Задания за 20220119-20220131.xlsx");

  auto reader = SheetReader::open(path);
  ASSERT_TRUE(reader.ok()) << reader.error().message;
  Row row;
  ASSERT_TRUE(*reader->next(row));
  ASSERT_EQ(row.cells.size(), 11u);
  EXPECT_EQ(row.cells[9].text, "Звонки");
  EXPECT_EQ(row.cells[10].text, "Дата рождения");
  EXPECT_EQ(row.cells[1].text, "Имя пациента");
  EXPECT_EQ(row.cells[3].text, "Дата приёма");
  ASSERT_TRUE(*reader->next(row));
  EXPECT_EQ(row.number, 2);
  EXPECT_EQ(row.cells[0].number, 7.0);
  EXPECT_EQ(row.cells[1].text, "Иванов Иван");
  EXPECT_EQ(row.cells[2].text, "9161234567");
  EXPECT_EQ(row.cells[3].type, CellType::kDate);
  EXPECT_EQ(row.cells[3].date, at(2022, 1, 19, 10, 2));
  EXPECT_EQ(row.cells[4].text, "Подтверждение");
  EXPECT_EQ(row.cells[5].number, 2.0);
  EXPECT_EQ(row.cells[6].date, at(2022, 1, 18, 12, 30));
  EXPECT_EQ(row.cells[7].text, "Подтвердил");
  EXPECT_EQ(row.cells[8].text, "1");
  EXPECT_EQ(row.cells[9].text, "Подтвердил звонком (2 из 3)");
  EXPECT_EQ(row.cells[10].type, CellType::kDate);
  EXPECT_EQ(row.cells[10].date, at(1980, 2, 1));
  ASSERT_TRUE(*reader->next(row));
  EXPECT_EQ(row.cells[4].text, "Неизвестно");
  ASSERT_EQ(row.cells.size(), 11u);
  EXPECT_TRUE(row.cells[6].empty()) << "no call yet: the call columns stay empty";
  EXPECT_TRUE(row.cells[7].empty());
  EXPECT_TRUE(row.cells[8].empty());
  EXPECT_EQ(row.cells[10].date, at(1975, 12, 31));
  EXPECT_FALSE(*reader->next(row));
  std::filesystem::remove_all(dir);
}

TEST(TaskExport, a_failed_verification_is_unknown_with_its_reason_in_the_last_call) {
  const auto dir = testing::temp_dir();
  const auto path = dir / "verification.xlsx";
  ExportRow task;
  task.id = 9;
  task.full_name = "Сидоров Сидор";
  task.phone = "9161234569";
  task.appointment = at(2022, 1, 21, 9, 0);
  task.status = domain::list_status(domain::TaskState::kNotVerified);
  task.attempts = 1;
  task.last_call = at(2022, 1, 20, 11, 0);
  task.last_outcome = domain::CallOutcome::kNotVerified;
  task.keys = "19711971";
  task.birth_date = year{1970} / 5 / 1;
  auto writer = TaskExportWriter::create(path);
  ASSERT_TRUE(writer.ok()) << writer.error().message;
  ASSERT_TRUE(writer->add(task).ok());
  ASSERT_TRUE(writer->commit().ok());
  auto reader = SheetReader::open(path);
  ASSERT_TRUE(reader.ok()) << reader.error().message;
  Row row;
  ASSERT_TRUE(*reader->next(row));
  ASSERT_TRUE(*reader->next(row));
  EXPECT_EQ(row.cells[4].text, "Неизвестно");
  EXPECT_EQ(row.cells[7].text, "Не прошёл проверку личности");
  std::filesystem::remove_all(dir);
}

TEST(TaskExport, an_export_abandoned_before_commit_leaves_no_file_behind) {
  const auto dir = testing::temp_dir();
  {
    auto writer = TaskExportWriter::create(dir / "out.xlsx");
    ASSERT_TRUE(writer.ok());
    ExportRow row;
    row.full_name = "Иванов Иван";
    ASSERT_TRUE(writer->add(row).ok());
  }
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir),
                          std::filesystem::directory_iterator()),
            0);
  std::filesystem::remove_all(dir);
}

TEST(TaskExport, an_unwritable_target_is_an_error) {
  auto writer = TaskExportWriter::create("/nonexistent/robocall/out.xlsx");
  if (writer.ok()) {
    EXPECT_FALSE(writer->commit().ok());
  }
}

}  // namespace
}  // namespace robocall::xlsx
