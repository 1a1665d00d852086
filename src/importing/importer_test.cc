// The importer end to end: workbooks built at test time, a real SQLite file.
#include "importing/importer.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "domain/clock.h"
#include "importing/task_export.h"
#include "store/schema.h"
#include "store/tasks_repo.h"
#include "store/test_db.h"
#include "xlsx/test_workbooks.h"

namespace robocall::importing {
namespace {

using namespace std::chrono;

domain::Instant moscow_instant(local_seconds t) {
  return domain::Instant{t.time_since_epoch()} - hours{3};
}
local_seconds moscow_local(domain::Instant t) {
  return local_seconds{t.time_since_epoch()} + hours{3};
}
local_seconds at(int y, unsigned m, unsigned d, int hh = 0, int mm = 0) {
  return local_days{year{y} / m / d} + hours{hh} + minutes{mm};
}

class ImporterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = store::open_database(dir_.file("robocall.db"));
    ASSERT_TRUE(db.ok()) << db.error().message;
    db_.emplace(std::move(*db));
    options_.now = moscow_instant(at(2022, 1, 18, 12, 0));
    options_.file_name = "list.xlsx";
    options_.instant_of = &moscow_instant;
    options_.local_of = &moscow_local;
  }

  // A workbook written by openpyxl from Python literals, one list per row.
  std::filesystem::path openpyxl_book(const std::string& rows) {
    const auto path = dir_.file("book-" + std::to_string(books_++) + ".xlsx");
    const bool ok = xlsx::testing::run_python(
        "import datetime, openpyxl\n"
        "D = datetime.datetime\n"
        "wb = openpyxl.Workbook()\n"
        "ws = wb.active\n"
        "for row in " +
        rows +
        ":\n"
        "    ws.append(row)\n"
        "wb.save('" +
        path.string() + "')\n");
    EXPECT_TRUE(ok);
    return path;
  }

  std::vector<domain::Task> stored() {
    store::TasksRepo repo(*db_);
    std::vector<domain::Task> tasks;
    store::TaskQuery query;
    query.sort = store::TaskSort::kId;
    query.order = store::SortOrder::kAsc;
    auto status = repo.for_each(query, [&](const domain::Task& t) -> Status {
      tasks.push_back(t);
      return {};
    });
    EXPECT_TRUE(status.ok());
    return tasks;
  }

  std::int64_t imports_count() { return *db_->query_int("SELECT count(*) FROM imports"); }

  store::TempDir dir_;
  std::optional<store::Connection> db_;
  ImportOptions options_;
  int books_ = 0;
};

std::vector<std::pair<int, std::string>> reasons(const ImportReport& report) {
  std::vector<std::pair<int, std::string>> out;
  for (const auto& s : report.skipped) out.emplace_back(s.row, std::string(to_string(s.reason)));
  return out;
}

TEST_F(ImporterTest, a_list_with_a_header_loads_valid_rows_and_reports_every_skipped_one) {
  const auto book = openpyxl_book(R"([
    ['Телефон', 'ФИО', 'Дата и время приёма', 'Дата рождения', 'Врач', 'Кабинет'],
    [9161234567, 'Иванов Иван', D(2022, 1, 19, 10, 2), D(1980, 2, 1), 'Петрова', 5],
    ['+7 (916) 123-45-68', 'Петров Пётр', '20.01.2022 09:30', '02.03.1975', 'Сидоров', None],
    ['8 916 123 45 67', 'Иванов дубль', D(2022, 1, 21, 10, 0), D(1980, 2, 1)],
    ['12345', 'Плохой телефон', D(2022, 1, 21, 10, 0), D(1980, 2, 1)],
    [9161234569, None, D(2022, 1, 21, 10, 0), D(1980, 2, 1)],
    [9161234570, 'Плохая дата', '32.01.2022 10:00', D(1980, 2, 1)],
    [9161234571, 'Прошлое', D(2022, 1, 17, 10, 0), D(1980, 2, 1)],
    [9161234572, 'Сидорова Анна', '2022-01-25T08:15', '1990-05-06'],
  ])");
  auto report = import_xlsx_file(*db_, book, options_);
  ASSERT_TRUE(report.ok()) << report.error().message;
  EXPECT_EQ(report->rows_read, 8);
  EXPECT_EQ(report->created, 3);
  const std::vector<std::pair<int, std::string>> expected = {{4, "duplicate"},
                                                             {5, "bad_phone"},
                                                             {6, "missing_field"},
                                                             {7, "bad_date"},
                                                             {8, "past_appointment"}};
  EXPECT_EQ(reasons(*report), expected);
  ASSERT_EQ(report->notes.size(), 1u);
  EXPECT_EQ(report->notes[0].row, 3);
  EXPECT_NE(report->notes[0].message.find("9161234568"), std::string::npos);

  const auto tasks = stored();
  ASSERT_EQ(tasks.size(), 3u);
  EXPECT_EQ(tasks[0].phone, "9161234567");
  EXPECT_EQ(tasks[0].full_name, "Иванов Иван");
  EXPECT_EQ(tasks[0].appointment, moscow_instant(at(2022, 1, 19, 10, 2)));
  EXPECT_EQ(tasks[0].birth_date, year{1980} / 2 / 1);
  const domain::ExtraFields extra = {{"Врач", "Петрова"}, {"Кабинет", "5"}};
  EXPECT_EQ(tasks[0].extra, extra);
  EXPECT_EQ(tasks[1].phone, "9161234568");
  EXPECT_EQ(tasks[1].appointment, moscow_instant(at(2022, 1, 20, 9, 30)));
  EXPECT_EQ(tasks[2].appointment, moscow_instant(at(2022, 1, 25, 8, 15)));
  EXPECT_EQ(tasks[2].birth_date, year{1990} / 5 / 6);
  EXPECT_EQ(report->tasks.size(), 3u);
  EXPECT_EQ(report->tasks[2].row, 9);
  EXPECT_EQ(report->tasks[2].id, tasks[2].id);

  const std::string json = report_json(*report);
  EXPECT_NE(
      json.find(
          R"("rows_read":8,"created":3,"skipped":[{"row":4,"reason":"duplicate","message":")"),
      std::string::npos)
      << json;
  EXPECT_EQ(imports_count(), 1);
  EXPECT_EQ(*db_->query_int("SELECT created FROM imports"), 3);
}

TEST_F(ImporterTest, importing_the_same_list_again_skips_every_row_as_already_loaded) {
  const auto book = openpyxl_book(R"([
    ['Телефон', 'ФИО', 'Дата приёма', 'Дата рождения'],
    [9161234567, 'Иванов Иван', D(2022, 1, 19, 10, 2), D(1980, 2, 1)],
    [9161234568, 'Петров Пётр', D(2022, 1, 20, 9, 30), D(1975, 3, 2)],
  ])");
  ASSERT_EQ(import_xlsx_file(*db_, book, options_)->created, 2);
  auto again = import_xlsx_file(*db_, book, options_);
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(again->created, 0);
  const std::vector<std::pair<int, std::string>> expected = {{2, "already_loaded"},
                                                             {3, "already_loaded"}};
  EXPECT_EQ(reasons(*again), expected);
  EXPECT_NE(again->skipped[0].message.find("19.01.2022 10:02"), std::string::npos);
  EXPECT_EQ(stored().size(), 2u);
}

TEST_F(ImporterTest, a_list_without_a_header_is_read_by_position) {
  const auto book = openpyxl_book(R"([
    [9161234567, 'Иванов Иван', D(2022, 1, 19, 10, 2), D(1980, 2, 1), 'каб. 5'],
    ['9161234568', 'Петров Пётр', '19.01.2022 11:00', '02.03.1975'],
  ])");
  auto report = import_xlsx_file(*db_, book, options_);
  ASSERT_TRUE(report.ok()) << report.error().message;
  EXPECT_EQ(report->rows_read, 2);
  EXPECT_EQ(report->created, 2);
  const auto tasks = stored();
  ASSERT_EQ(tasks.size(), 2u);
  const domain::ExtraFields extra = {{"E", "каб. 5"}};
  EXPECT_EQ(tasks[0].extra, extra);
  EXPECT_EQ(tasks[1].appointment, moscow_instant(at(2022, 1, 19, 11, 0)));
}

TEST_F(ImporterTest, date_and_time_may_come_in_two_columns) {
  const auto book = openpyxl_book(R"([
    ['ФИО', 'Телефон', 'Дата приёма', 'Время приёма', 'Дата рождения'],
    ['Иванов Иван', 9161234567, datetime.date(2022, 1, 19), datetime.time(10, 2), D(1980, 2, 1)],
    ['Петров Пётр', 9161234568, '20.01.2022', '09:30', '02.03.1975'],
    ['Без времени', 9161234569, datetime.date(2022, 1, 21), None, '02.03.1975'],
  ])");
  auto report = import_xlsx_file(*db_, book, options_);
  ASSERT_TRUE(report.ok()) << report.error().message;
  EXPECT_EQ(report->created, 2);
  const std::vector<std::pair<int, std::string>> expected = {{4, "missing_field"}};
  EXPECT_EQ(reasons(*report), expected);
  const auto tasks = stored();
  ASSERT_EQ(tasks.size(), 2u);
  EXPECT_EQ(tasks[0].appointment, moscow_instant(at(2022, 1, 19, 10, 2)));
  EXPECT_EQ(tasks[1].appointment, moscow_instant(at(2022, 1, 20, 9, 30)));
}

TEST_F(ImporterTest, a_header_missing_a_required_column_rejects_the_file) {
  const auto book = openpyxl_book(R"([
    ['Телефон', 'ФИО', 'Дата приёма'],
    [9161234567, 'Иванов Иван', D(2022, 1, 19, 10, 2)],
  ])");
  auto report = import_xlsx_file(*db_, book, options_);
  ASSERT_FALSE(report.ok());
  EXPECT_NE(report.error().message.find("Дата рождения"), std::string::npos);
  EXPECT_EQ(stored().size(), 0u);
  EXPECT_EQ(imports_count(), 0);
}

TEST_F(ImporterTest, a_hostile_or_broken_file_changes_nothing) {
  xlsx::testing::BookOptions broken;
  std::string rows;
  for (int r = 1; r <= 3000; ++r) {
    rows += "<row r=\"" + std::to_string(r) + "\"><c t=\"inlineStr\"><is><t>" +
            std::to_string(9160000000LL + r) +
            "</t></is></c><c t=\"inlineStr\"><is><t>Имя</t></is></c>"
            "<c t=\"inlineStr\"><is><t>19.01.2022 10:00</t></is></c>"
            "<c t=\"inlineStr\"><is><t>01.01.1980</t></is></c></row>";
  }
  broken.sheet_xml_rows = rows + "<row r=\"3001\"><c><v>1</v></row>";
  const std::string files[] = {"это не xlsx", xlsx::testing::make_book(broken)};
  for (const auto& bytes : files) {
    auto report = import_xlsx_bytes(*db_, bytes, options_);
    ASSERT_FALSE(report.ok());
    EXPECT_FALSE(report.error().message.empty());
  }
  EXPECT_EQ(stored().size(), 0u) << "rows before the damage are not kept either";
  EXPECT_EQ(imports_count(), 0);
}

TEST_F(ImporterTest, json_tasks_take_the_same_path_and_dedupe_by_external_id) {
  std::vector<TaskFields> tasks(4);
  tasks[0] = {"9161234567", "Иванов Иван", "2022-01-19T10:02:00+03:00", "",
              "1980-02-01", "A-1",         {{"Врач", "Петрова"}}};
  tasks[1] = {"9161234568", "Петров Пётр", "20.01.2022", "09:30", "02.03.1975", "A-1", {}};
  tasks[2] = {"9161234569", "", "20.01.2022 10:00", "", "02.03.1975", "", {}};
  tasks[3] = {"9161234570", "Сидорова Анна", "21.01.2022 10:00", "", "02.03.1975", "B-7", {}};
  auto report = import_tasks(*db_, tasks, options_);
  ASSERT_TRUE(report.ok()) << report.error().message;
  EXPECT_EQ(report->created, 2);
  const std::vector<std::pair<int, std::string>> expected = {{2, "duplicate"},
                                                             {3, "missing_field"}};
  EXPECT_EQ(reasons(*report), expected);
  const auto stored_tasks = stored();
  ASSERT_EQ(stored_tasks.size(), 2u);
  EXPECT_EQ(stored_tasks[0].external_id, "A-1");
  EXPECT_EQ(stored_tasks[0].appointment, moscow_instant(at(2022, 1, 19, 10, 2)));

  std::vector<TaskFields> again = {tasks[3]};
  again[0].phone = "9161234599";
  auto second = import_tasks(*db_, again, options_);
  ASSERT_TRUE(second.ok());
  const std::vector<std::pair<int, std::string>> loaded = {{1, "already_loaded"}};
  EXPECT_EQ(reasons(*second), loaded);
  EXPECT_EQ(*db_->query_int("SELECT count(*) FROM imports WHERE source = 'api'"), 2);
}

TEST_F(ImporterTest, an_export_imports_back_as_the_same_tasks) {
  const auto book = openpyxl_book(R"([
    ['Телефон', 'ФИО', 'Дата приёма', 'Дата рождения'],
    [9161234567, 'Иванов Иван', D(2022, 1, 19, 10, 2), D(1980, 2, 1)],
    [9161234568, 'Петров Пётр', D(2022, 1, 20, 9, 30), D(1975, 3, 2)],
    [9161234569, 'Сидорова Анна', D(2022, 1, 31, 23, 59), D(2001, 12, 31)],
  ])");
  ASSERT_EQ(import_xlsx_file(*db_, book, options_)->created, 3);
  const auto original = stored();

  store::TaskQuery query;
  query.filter = day_range_filter(year{2022} / 1 / 19, year{2022} / 1 / 31, &moscow_instant);
  query.sort = store::TaskSort::kAppointment;
  query.order = store::SortOrder::kAsc;
  const auto exported = dir_.file("export.xlsx");
  auto written = export_tasks(*db_, query, exported, domain::system_clock().now(), &moscow_local);
  ASSERT_TRUE(written.ok()) << written.error().message;
  EXPECT_EQ(*written, 3);

  auto fresh = store::open_database(dir_.file("fresh.db"));
  ASSERT_TRUE(fresh.ok());
  db_.emplace(std::move(*fresh));
  auto report = import_xlsx_file(*db_, exported, options_);
  ASSERT_TRUE(report.ok()) << report.error().message;
  EXPECT_EQ(report->created, 3);
  EXPECT_TRUE(report->skipped.empty());
  const auto back = stored();
  ASSERT_EQ(back.size(), original.size());
  for (std::size_t i = 0; i < back.size(); ++i) {
    EXPECT_EQ(back[i].phone, original[i].phone);
    EXPECT_EQ(back[i].full_name, original[i].full_name);
    EXPECT_EQ(back[i].appointment, original[i].appointment);
    EXPECT_EQ(back[i].birth_date, original[i].birth_date);
    EXPECT_EQ(back[i].extra, original[i].extra);
  }
}

TEST_F(ImporterTest, the_day_range_of_an_export_includes_both_days_in_local_time) {
  const auto filter = day_range_filter(year{2022} / 1 / 19, year{2022} / 1 / 20, &moscow_instant);
  EXPECT_EQ(filter.from, moscow_instant(at(2022, 1, 19)));
  EXPECT_EQ(filter.to, moscow_instant(at(2022, 1, 21)));
}

std::vector<TaskFields> api_tasks(int from, int to, int day = 19) {
  std::vector<TaskFields> tasks;
  for (int i = from; i < to; ++i) {
    TaskFields t;
    t.phone = std::to_string(9160000000LL + i);
    t.full_name = "Пациент №" + std::to_string(i);
    t.appointment = std::to_string(day) + ".01.2022 " + std::to_string(8 + i % 10) + ":" +
                    std::to_string(10 + i % 50);
    t.birth_date = "01.02.1980";
    t.extra = {{"Врач", "Петрова"}};
    tasks.push_back(std::move(t));
  }
  return tasks;
}

TEST_F(ImporterTest, a_list_larger_than_the_table_loads_in_bulk_and_still_skips_what_is_stored) {
  auto first = import_tasks(*db_, api_tasks(0, 3000), options_);
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->created, 3000);
  const auto schema = [&] {
    return *db_->query_int("SELECT count(*) FROM sqlite_schema WHERE tbl_name = 'tasks'");
  };
  const auto objects = schema();

  auto tasks = api_tasks(0, 15000);  // rows 1..3000 are stored already
  tasks[14000].phone = tasks[12000].phone;
  auto second = import_tasks(*db_, tasks, options_);
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_EQ(second->created, 11999);
  ASSERT_EQ(second->skipped.size(), 3001u);
  EXPECT_EQ(second->skipped[0].row, 1);
  EXPECT_EQ(second->skipped[0].reason, SkipReason::kAlreadyLoaded);
  EXPECT_EQ(second->skipped[2999].row, 3000);
  EXPECT_EQ(second->skipped[3000].row, 14001);
  EXPECT_EQ(second->skipped[3000].reason, SkipReason::kDuplicate);

  EXPECT_EQ(schema(), objects);
  EXPECT_EQ(*db_->query_int("SELECT count(*) FROM tasks"), 14999);
  EXPECT_EQ(*db_->query_int("SELECT sum(n) FROM task_hour_counts"), 14999);
  EXPECT_EQ(store::integrity_check(*db_), "ok");
  ASSERT_EQ(second->tasks.size(), 11999u);
  EXPECT_EQ(second->tasks.front().row, 3001);
  EXPECT_EQ(second->tasks.front().id, 3001);
}

TEST_F(ImporterTest, a_large_list_into_an_empty_table_finds_duplicates_within_the_list) {
  auto tasks = api_tasks(0, 12000);
  tasks[11000].phone = tasks[4].phone;
  auto report = import_tasks(*db_, tasks, options_);
  ASSERT_TRUE(report.ok()) << report.error().message;
  EXPECT_EQ(report->created, 11999);
  ASSERT_EQ(report->skipped.size(), 1u);
  EXPECT_EQ(report->skipped[0].row, 11001);
  EXPECT_NE(report->skipped[0].message.find("в строке 5 "), std::string::npos);
  const auto again = import_tasks(*db_, api_tasks(0, 10), options_);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->created, 0);
  EXPECT_EQ(again->skipped.size(), 10u);
}

}  // namespace
}  // namespace robocall::importing
