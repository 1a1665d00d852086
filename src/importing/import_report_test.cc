#include "importing/import_report.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace robocall::importing {
namespace {

TEST(ImportReport, the_json_parses_back_with_every_row_and_escaped_messages) {
  ImportReport report;
  report.import_id = 7;
  report.campaign_id = 3;
  report.campaign_name = "Список \"март\" 02.03.2026";
  report.rows_read = 3;
  report.created = 1;
  report.skipped = {{2, SkipReason::kBadPhone, "Телефон «\"12\\3»: мало цифр"},
                    {3, SkipReason::kAlreadyLoaded, "bad \xFF utf-8"}};
  report.notes = {{4, "Телефон приведён\nк виду 9161234567."}};
  const auto json = nlohmann::json::parse(report_json(report));
  EXPECT_EQ(json["import_id"], 7);
  EXPECT_EQ(json["campaign_id"], 3);
  EXPECT_EQ(json["campaign_name"], "Список \"март\" 02.03.2026");
  EXPECT_EQ(json["rows_read"], 3);
  EXPECT_EQ(json["created"], 1);
  ASSERT_EQ(json["skipped"].size(), 2u);
  EXPECT_EQ(json["skipped"][0]["row"], 2);
  EXPECT_EQ(json["skipped"][0]["reason"], "bad_phone");
  EXPECT_EQ(json["skipped"][0]["message"], "Телефон «\"12\\3»: мало цифр");
  EXPECT_EQ(json["skipped"][1]["reason"], "already_loaded");
  ASSERT_EQ(json["notes"].size(), 1u);
  EXPECT_EQ(json["notes"][0]["message"], "Телефон приведён\nк виду 9161234567.");
}

TEST(ImportReport, an_empty_report_is_an_object_with_empty_lists) {
  EXPECT_EQ(
      report_json(ImportReport{}),
      R"({"import_id":0,"campaign_id":0,"campaign_name":"","rows_read":0,"created":0,"skipped":[],"notes":[]})");
}

}  // namespace
}  // namespace robocall::importing
