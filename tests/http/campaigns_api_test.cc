// Campaigns over real HTTP (docs/BEHAVIOUR.md "Campaigns"): the integration
// API's named and daily campaigns, an upload's campaign, the list with its
// counts, rename and pause by any role, deletion by administrators only
// (refused while a call is in progress), the task list's filter, and the
// audit log.
#include "api_fixture.h"
#include "http/auth.h"
#include "store/audit_repo.h"

namespace robocall::http::testing {
namespace {

using namespace std::chrono;

std::string tomorrow(int hh) {
  auto t = system_clock::to_time_t(system_clock::now() + hours(24));
  std::tm tm{};
  localtime_r(&t, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:00", tm.tm_year + 1900, tm.tm_mon + 1,
                tm.tm_mday, hh);
  return buf;
}

nlohmann::json patient(int n) {
  return {{"phone", std::to_string(9161000000LL + n)},
          {"full_name", "Пациент " + std::to_string(n)},
          {"appointment", tomorrow(9 + n % 8)},
          {"birth_date", "1980-03-04"}};
}

class Campaigns : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    auto token = create_token(db(), "emias", time_point_cast<seconds>(system_clock::now()));
    ASSERT_TRUE(token.ok());
    token_ = *token;
  }
  nlohmann::json push(const nlohmann::json& batch) const {
    auto res = client().Post("/api/v1/tasks", {{"Authorization", "Bearer " + token_}}, batch.dump(),
                             "application/json");
    EXPECT_TRUE(res);
    EXPECT_EQ(res->status, 200) << res->body;
    return body(res);
  }
  nlohmann::json campaign(const Browser& b, std::int64_t id) {
    const auto all = body(get(b, "/api/campaigns"));
    for (const auto& c : all["campaigns"])
      if (c["id"] == id) return c;
    return nullptr;
  }
  int audited(const std::string& action) {
    auto entries = store::AuditRepo(db()).list(1000).value();
    return static_cast<int>(std::count_if(entries.begin(), entries.end(),
                                          [&](const auto& e) { return e.action == action; }));
  }
  std::string token_;
};

TEST_F(Campaigns, the_api_names_a_campaign_or_gets_the_days_one) {
  auto daily = push(nlohmann::json::array({patient(1), patient(2)}));
  EXPECT_TRUE(daily["campaign_name"].get<std::string>().starts_with("API "));
  auto named = push({{"campaign", "Хирургия"}, {"tasks", {patient(3)}}});
  EXPECT_EQ(named["campaign_name"], "Хирургия");
  auto again = push({{"campaign", "Хирургия"}, {"tasks", {patient(4)}}});
  EXPECT_EQ(again["campaign_id"], named["campaign_id"]);
  EXPECT_EQ(push(nlohmann::json::array({patient(5)}))["campaign_id"], daily["campaign_id"]);

  auto b = login();
  auto list = body(get(b, "/api/campaigns"))["campaigns"];
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0]["id"], named["campaign_id"]) << "newest first";
  EXPECT_EQ(list[0]["source"], "api");
  EXPECT_EQ(list[0]["created_by"], "token:emias");
  EXPECT_EQ(list[0]["paused"], false);
  EXPECT_EQ(list[0]["counts"]["total"], 2);
  EXPECT_EQ(list[0]["counts"]["unknown"], 2);
  EXPECT_EQ(list[0]["counts"]["final"], 0);
  EXPECT_EQ(list[1]["counts"]["total"], 3);

  const auto id = named["campaign_id"].get<std::int64_t>();
  auto page = body(get(b, "/api/tasks?campaign=" + std::to_string(id)));
  EXPECT_EQ(page["total"], 2);
  EXPECT_EQ(page["items"][0]["campaign_id"], id);
  EXPECT_EQ(page["items"][0]["campaign_name"], "Хирургия");
  auto task = body(get(b, "/api/tasks/" + page["items"][0]["id"].dump()));
  EXPECT_EQ(task["campaign_name"], "Хирургия");
  auto bad = get(b, "/api/tasks?campaign=abc");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);

  auto missing = client().Post("/api/v1/tasks", {{"Authorization", "Bearer " + token_}},
                               R"({"campaign": "X"})", "application/json");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 400);
  EXPECT_EQ(body(missing)["error"]["message"], "Укажите задания в поле «tasks»");
}

TEST_F(Campaigns, an_upload_takes_the_name_given_on_the_form) {
  auto b = login();
  auto example = get(b, "/api/imports/example.xlsx");
  ASSERT_TRUE(example);
  httpc::MultipartFormDataItems items = {
      {"file", example->body, "пример.xlsx",
       "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
      {"campaign", "Терапия, март", "", ""}};
  auto res = client().Post("/api/imports", headers(b), items);
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(body(res)["campaign_name"], "Терапия, март");
  const auto c = campaign(b, body(res)["campaign_id"].get<std::int64_t>());
  EXPECT_EQ(c["source"], "xlsx");
  EXPECT_EQ(c["created_by"], kAdminLogin);
  EXPECT_EQ(c["counts"]["total"], 2);
}

TEST_F(Campaigns, any_role_renames_and_pauses_and_only_administrators_delete) {
  const auto id = push({{"campaign", "Утро"}, {"tasks", {patient(1), patient(2)}}})["campaign_id"]
                      .get<std::int64_t>();
  const auto path = "/api/campaigns/" + std::to_string(id);
  add_user_with_role("reg", "регистратор-1", domain::Role::kRegistrar);
  auto reg = login_as("reg", "регистратор-1");

  auto renamed = patch_json(reg, path, {{"name", " Утро, терапия "}, {"paused", true}});
  ASSERT_TRUE(renamed);
  ASSERT_EQ(renamed->status, 200) << renamed->body;
  EXPECT_EQ(body(renamed)["name"], "Утро, терапия");
  EXPECT_EQ(body(renamed)["paused"], true);
  EXPECT_EQ(audited("campaign.rename"), 1);
  EXPECT_EQ(audited("campaign.pause"), 1);

  for (const auto& bad :
       {nlohmann::json{{"name", ""}}, nlohmann::json::object(), nlohmann::json{{"paused", "да"}}}) {
    auto res = patch_json(reg, path, bad);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 400) << bad.dump();
  }
  auto empty = patch_json(reg, path, {{"name", "  "}, {"paused", false}});
  EXPECT_EQ(body(empty)["error"]["message"], "Укажите название кампании");
  EXPECT_EQ(campaign(reg, id)["paused"], true) << "a bad name leaves the pause as it was";
  auto resumed = patch_json(reg, path, {{"paused", false}});
  EXPECT_EQ(body(resumed)["paused"], false);
  EXPECT_EQ(audited("campaign.resume"), 1);
  EXPECT_EQ(patch_json(reg, "/api/campaigns/999", {{"paused", true}})->status, 404);

  auto refused = del(reg, path);
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 403);
  auto admin = login();
  auto deleted = del(admin, path);
  ASSERT_TRUE(deleted);
  ASSERT_EQ(deleted->status, 200) << deleted->body;
  EXPECT_EQ(body(deleted)["tasks"], 2);
  EXPECT_EQ(body(get(admin, "/api/campaigns"))["campaigns"].size(), 0u);
  EXPECT_EQ(body(get(admin, "/api/tasks"))["total"], 0);
  EXPECT_EQ(audited("campaign.delete"), 1);
  EXPECT_EQ(del(admin, path)->status, 404);
}

TEST_F(Campaigns, a_campaign_is_not_deleted_while_one_of_its_calls_is_in_progress) {
  const auto id =
      push({{"campaign", "Идёт"}, {"tasks", {patient(1)}}})["campaign_id"].get<std::int64_t>();
  ASSERT_TRUE(db().exec("UPDATE tasks SET state = 'calling'").ok());
  auto b = login();
  auto res = del(b, "/api/campaigns/" + std::to_string(id));
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 409);
  EXPECT_TRUE(body(res)["error"]["message"].get<std::string>().starts_with(
      "Кампанию «Идёт» нельзя удалить: идёт звонок"));
  EXPECT_EQ(body(get(b, "/api/tasks"))["total"], 1);
}

}  // namespace
}  // namespace robocall::http::testing
