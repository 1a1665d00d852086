// Which campaign an import's tasks join (docs/BEHAVIOUR.md "Campaigns"):
// workbooks build theirs, API batches share the day's or a named one; the
// bulk load sets the campaign like the row-by-row insert.
#include <gtest/gtest.h>

#include "importing/importer.h"
#include "store/campaigns_repo.h"
#include "store/schema.h"
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

std::vector<TaskFields> api_tasks(int from, int to) {
  std::vector<TaskFields> tasks;
  for (int i = from; i < to; ++i) {
    TaskFields t;
    t.phone = std::to_string(9160000000LL + i);
    t.full_name = "Пациент №" + std::to_string(i);
    t.appointment = "19.01.2022 " + std::to_string(8 + i % 10) + ":" + std::to_string(10 + i % 50);
    t.birth_date = "01.02.1980";
    tasks.push_back(std::move(t));
  }
  return tasks;
}

std::string one_row_book() {
  xlsx::testing::BookOptions book;
  book.sheet_xml_rows =
      "<row r=\"1\"><c t=\"inlineStr\"><is><t>9161234567</t></is></c>"
      "<c t=\"inlineStr\"><is><t>Иванов Иван</t></is></c>"
      "<c t=\"inlineStr\"><is><t>19.01.2022 10:00</t></is></c>"
      "<c t=\"inlineStr\"><is><t>01.01.1980</t></is></c></row>";
  return xlsx::testing::make_book(book);
}

class ImportCampaigns : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = store::open_database(dir_.file("robocall.db"));
    ASSERT_TRUE(db.ok()) << db.error().message;
    db_.emplace(std::move(*db));
    // 23:30 UTC on the 17th is already the 18th in Moscow.
    options_.now = domain::Instant{sys_days{year{2022} / 1 / 17}} + hours{23} + minutes{30};
    options_.file_name = "список.xlsx";
    options_.user = "anna";
    options_.instant_of = &moscow_instant;
    options_.local_of = &moscow_local;
  }
  std::int64_t tasks_in(std::int64_t campaign) {
    return *db_->query_int("SELECT count(*) FROM tasks WHERE campaign_id = " +
                           std::to_string(campaign));
  }

  store::TempDir dir_;
  std::optional<store::Connection> db_;
  ImportOptions options_;
};

TEST_F(ImportCampaigns, an_upload_makes_a_campaign_named_after_its_file_and_local_day) {
  auto report = import_xlsx_bytes(*db_, one_row_book(), options_);
  ASSERT_TRUE(report.ok()) << report.error().message;
  EXPECT_EQ(report->campaign_name, "список.xlsx 18.01.2022");
  auto campaign = store::CampaignsRepo(*db_).get(report->campaign_id).value();
  EXPECT_EQ(campaign.source, "xlsx");
  EXPECT_EQ(campaign.created_by, "anna");
  EXPECT_EQ(tasks_in(report->campaign_id), 1);
}

TEST_F(ImportCampaigns, an_upload_given_a_name_takes_it_and_a_bad_name_stores_nothing) {
  options_.campaign_name = " Терапия, январь ";
  auto named = import_xlsx_bytes(*db_, one_row_book(), options_);
  ASSERT_TRUE(named.ok()) << named.error().message;
  EXPECT_EQ(named->campaign_name, "Терапия, январь");

  options_.campaign_name = std::string(201, 'x');
  auto refused = import_xlsx_bytes(*db_, one_row_book(), options_);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().message, "Название кампании длиннее 200 символов");
  EXPECT_EQ(*db_->query_int("SELECT count(*) FROM campaigns"), 1);
  EXPECT_EQ(*db_->query_int("SELECT count(*) FROM imports"), 1);
}

TEST_F(ImportCampaigns, api_batches_share_the_days_campaign_unless_they_name_one) {
  auto first = import_tasks(*db_, api_tasks(0, 2), options_);
  auto second = import_tasks(*db_, api_tasks(2, 3), options_);
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_EQ(first->campaign_name, "API 18.01.2022");
  EXPECT_EQ(second->campaign_id, first->campaign_id);
  EXPECT_EQ(tasks_in(first->campaign_id), 3);

  options_.campaign_name = "Хирургия";
  auto named = import_tasks(*db_, api_tasks(3, 4), options_);
  auto again = import_tasks(*db_, api_tasks(4, 5), options_);
  ASSERT_TRUE(named.ok() && again.ok());
  EXPECT_EQ(named->campaign_name, "Хирургия");
  EXPECT_NE(named->campaign_id, first->campaign_id);
  EXPECT_EQ(again->campaign_id, named->campaign_id);
  EXPECT_EQ(tasks_in(named->campaign_id), 2);
}

TEST_F(ImportCampaigns, a_bulk_load_puts_every_task_in_the_campaign) {
  auto report = import_tasks(*db_, api_tasks(0, 3000), options_);
  ASSERT_TRUE(report.ok()) << report.error().message;
  EXPECT_EQ(tasks_in(report->campaign_id), 3000);
  EXPECT_EQ(*db_->query_int("SELECT count(*) FROM tasks WHERE campaign_id IS NULL"), 0);
}

}  // namespace
}  // namespace robocall::importing
