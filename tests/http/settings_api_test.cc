// Settings blocks, phrases, SIP accounts and the dialer switch over real
// HTTP: valid changes are stored and audited, bad input is 400 and changes
// nothing, passwords and secrets never come back.
#include "api_fixture.h"
#include "store/audit_repo.h"
#include "store/settings_repo.h"

namespace robocall::http::testing {
namespace {

using Settings = ApiTest;

const nlohmann::json kRobocall = {{"enabled", true},           {"attempts", 4},
                                  {"retry_after_min", 15},     {"answer_timeout_s", 25},
                                  {"max_calls", 20},           {"max_calls_per_second", 2.5},
                                  {"retention_days", nullptr}, {"task_retention_days", 180},
                                  {"verify_identity", true}};

int audit_count(store::Connection& db, std::string_view action) {
  auto entries = store::AuditRepo(db).list(500);
  int n = 0;
  for (const auto& e : *entries) n += e.action == action;
  return n;
}

TEST_F(Settings, the_robocall_block_has_defaults_and_saves_whole) {
  auto b = login();
  auto defaults = get(b, "/api/settings/robocall");
  ASSERT_TRUE(defaults);
  EXPECT_EQ(body(defaults)["attempts"], 3);
  EXPECT_EQ(body(defaults)["enabled"], false);
  EXPECT_EQ(body(defaults)["verify_identity"], false);
  auto saved = put_json(b, "/api/settings/robocall", kRobocall);
  ASSERT_TRUE(saved);
  ASSERT_EQ(saved->status, 200) << saved->body;
  auto again = get(b, "/api/settings/robocall");
  EXPECT_EQ(body(again), kRobocall);
  EXPECT_EQ(audit_count(db(), "settings.update"), 1);
}

TEST_F(Settings, a_bad_robocall_field_is_400_and_changes_nothing) {
  auto b = login();
  ASSERT_EQ(put_json(b, "/api/settings/robocall", kRobocall)->status, 200);
  struct Case {
    const char* key;
    nlohmann::json value;
  } cases[] = {{"attempts", 0},
               {"attempts", 21},
               {"attempts", "3"},
               {"attempts", 2.5},
               {"enabled", "yes"},
               {"retry_after_min", -1},
               {"answer_timeout_s", 4},
               {"max_calls", 100000},
               {"max_calls_per_second", 0},
               {"retention_days", 0},
               {"retention_days", "7"},
               {"task_retention_days", 0},
               {"task_retention_days", 3651},
               {"verify_identity", "yes"},
               {"verify_identity", 1}};
  for (const auto& c : cases) {
    auto bad = kRobocall;
    bad[c.key] = c.value;
    auto res = put_json(b, "/api/settings/robocall", bad);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 400) << c.key << "=" << c.value;
    EXPECT_EQ(error_code(res), "invalid_argument");
    EXPECT_NE(body(res)["error"]["message"].get<std::string>().find(c.key), std::string::npos)
        << body(res);
  }
  auto missing = kRobocall;
  missing.erase("attempts");
  EXPECT_EQ(put_json(b, "/api/settings/robocall", missing)->status, 400);
  auto malformed =
      client().Put("/api/settings/robocall", headers(b), "{\"enabled\":", "application/json");
  ASSERT_TRUE(malformed);
  EXPECT_EQ(malformed->status, 400);
  EXPECT_EQ(body(get(b, "/api/settings/robocall")), kRobocall);
}

TEST_F(Settings, the_schedule_saves_and_refuses_bad_windows_and_modes) {
  auto b = login();
  nlohmann::json schedule = {
      {"working", {{"start", "08:30"}, {"end", "20:00"}}},
      {"shortened", {{"start", "09:00"}, {"end", "15:00"}}},
      {"weekdays",
       {"working", "working", "working", "working", "shortened", "day_off", "day_off"}}};
  auto saved = put_json(b, "/api/settings/schedule", schedule);
  ASSERT_TRUE(saved);
  ASSERT_EQ(saved->status, 200) << saved->body;
  EXPECT_EQ(body(get(b, "/api/settings/schedule")), schedule);
  auto later_start = schedule;
  later_start["working"]["start"] = "21:00";
  auto six_days = schedule;
  six_days["weekdays"].erase(6);
  auto bad_mode = schedule;
  bad_mode["weekdays"][0] = "holiday";
  auto bad_time = schedule;
  bad_time["shortened"]["end"] = "25:00";
  for (const auto& bad : {later_start, six_days, bad_mode, bad_time}) {
    auto res = put_json(b, "/api/settings/schedule", bad);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 400) << bad.dump();
  }
  EXPECT_EQ(body(get(b, "/api/settings/schedule")), schedule);
}

TEST_F(Settings, date_exceptions_default_to_the_production_calendar_and_save) {
  auto b = login();
  auto defaults = get(b, "/api/settings/exceptions");
  ASSERT_TRUE(defaults);
  EXPECT_GT(body(defaults).size(), 10u);
  nlohmann::json list = {{{"date", "2030-01-01"}, {"mode", "day_off"}},
                         {{"date", "2030-01-04"}, {"mode", "shortened"}, {"provisional", true}}};
  auto saved = put_json(b, "/api/settings/exceptions", list);
  ASSERT_TRUE(saved);
  ASSERT_EQ(saved->status, 200) << saved->body;
  auto again = body(get(b, "/api/settings/exceptions"));
  ASSERT_EQ(again.size(), 2u);
  EXPECT_EQ(again[1]["mode"], "shortened");
  EXPECT_EQ(again[1]["provisional"], true);
  nlohmann::json twice = {{{"date", "2030-01-01"}, {"mode", "day_off"}},
                          {{"date", "2030-01-01"}, {"mode", "working"}}};
  nlohmann::json bad_date = {{{"date", "2030-02-30"}, {"mode", "day_off"}}};
  for (const auto& bad : {twice, bad_date, nlohmann::json::object()}) {
    auto res = put_json(b, "/api/settings/exceptions", bad);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 400) << bad.dump();
  }
  EXPECT_EQ(body(get(b, "/api/settings/exceptions")).size(), 2u);
}

TEST_F(Settings, removing_every_date_exception_leaves_none) {
  auto b = login();
  auto cleared = put_json(b, "/api/settings/exceptions", nlohmann::json::array());
  ASSERT_TRUE(cleared);
  ASSERT_EQ(cleared->status, 200) << cleared->body;
  EXPECT_EQ(body(get(b, "/api/settings/exceptions")), nlohmann::json::array())
      << "an empty list no longer brings the built-in calendar back";
}

TEST_F(Settings, a_built_in_production_calendar_is_applied_on_request_and_2027_is_provisional) {
  auto b = login();
  auto years = body(get(b, "/api/settings/production-calendars"));
  ASSERT_EQ(years.size(), 3u) << years.dump();
  EXPECT_EQ(years[0]["year"], 2025);
  EXPECT_EQ(years[1]["provisional"], false);
  EXPECT_EQ(years[2]["year"], 2027);
  EXPECT_EQ(years[2]["provisional"], true);
  ASSERT_EQ(put_json(b, "/api/settings/exceptions", nlohmann::json::array())->status, 200);
  const int audited = audit_count(db(), "settings.update");

  const std::string path = "/api/settings/exceptions/production-calendar";
  auto applied = post_json(b, path, {{"year", 2027}});
  ASSERT_TRUE(applied);
  ASSERT_EQ(applied->status, 200) << applied->body;
  auto list = body(applied);
  ASSERT_EQ(list.size(), years[2]["days"].get<std::size_t>());
  for (const auto& e : list) {
    EXPECT_TRUE(e["date"].get<std::string>().starts_with("2027-")) << e.dump();
    EXPECT_EQ(e["provisional"], true) << e.dump();
  }
  EXPECT_EQ(audit_count(db(), "settings.update"), audited + 1);

  // One year's days are replaced, the other years' stay.
  ASSERT_EQ(put_json(b, "/api/settings/exceptions",
                     {{{"date", "2026-06-01"}, {"mode", "working"}},
                      {{"date", "2027-01-01"}, {"mode", "working"}}})
                ->status,
            200);
  auto with2026 = body(post_json(b, path, {{"year", 2026}}));
  EXPECT_EQ(with2026.size(), 1 + years[1]["days"].get<std::size_t>());
  bool kept2027 = false;
  for (const auto& e : with2026) {
    EXPECT_NE(e["date"], "2026-06-01") << "2026 replaced by the calendar";
    if (e["date"] == "2027-01-01") kept2027 = e["mode"] == "working";
  }
  EXPECT_TRUE(kept2027);

  for (const auto& bad : {nlohmann::json{{"year", 2024}}, nlohmann::json{{"year", "2027"}},
                          nlohmann::json::object()}) {
    auto res = post_json(b, path, bad);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 400) << bad.dump();
  }
  auto unknown = post_json(b, path, {{"year", 2024}});
  EXPECT_NE(body(unknown)["error"]["message"].get<std::string>().find("2024"), std::string::npos)
      << unknown->body;
  EXPECT_EQ(body(get(b, "/api/settings/exceptions")), with2026) << "a refusal changes nothing";
}

TEST_F(Settings, a_robocall_block_without_verify_identity_turns_the_check_off) {
  auto b = login();
  ASSERT_EQ(put_json(b, "/api/settings/robocall", kRobocall)->status, 200);
  auto older = kRobocall;
  older.erase("verify_identity");
  auto res = put_json(b, "/api/settings/robocall", older);
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(body(get(b, "/api/settings/robocall"))["verify_identity"], false);
}

TEST_F(Settings, phrases_list_eight_and_refuse_unknown_placeholders) {
  auto b = login();
  auto list = body(get(b, "/api/settings/phrases"));
  ASSERT_EQ(list.size(), 8u);
  EXPECT_EQ(list[6]["default_text"], "Для подтверждения личности введите год вашего рождения.");
  EXPECT_EQ(list[7]["default_text"], "К сожалению, проверка не пройдена. Всего доброго.");
  EXPECT_EQ(list[0]["text"], list[0]["default_text"]);
  auto saved = put_json(b, "/api/settings/phrases/2",
                        {{"text", "Напоминаем: приём %дата% в %время%, врач %Врач%."}});
  ASSERT_TRUE(saved);
  ASSERT_EQ(saved->status, 200) << saved->body;
  EXPECT_EQ(body(get(b, "/api/settings/phrases"))[1]["text"],
            "Напоминаем: приём %дата% в %время%, врач %Врач%.");
  auto unknown = put_json(b, "/api/settings/phrases/2", {{"text", "Приём %когда%"}});
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 400);
  auto empty = put_json(b, "/api/settings/phrases/3", {{"text", "  "}});
  ASSERT_TRUE(empty);
  EXPECT_EQ(empty->status, 400);
  auto seventh = put_json(b, "/api/settings/phrases/7", {{"text", "Введите год рождения."}});
  ASSERT_TRUE(seventh);
  EXPECT_EQ(seventh->status, 200) << seventh->body;
  EXPECT_EQ(body(get(b, "/api/settings/phrases"))[6]["text"], "Введите год рождения.");
  auto ninth = put_json(b, "/api/settings/phrases/9", {{"text", "Текст"}});
  ASSERT_TRUE(ninth);
  EXPECT_EQ(ninth->status, 404);
}

TEST_F(Settings, a_phrase_recording_must_be_a_wav) {
  auto b = login();
  httpc::MultipartFormDataItems items = {{"file", "not a wav at all", "phrase.wav", "audio/wav"}};
  auto res = client().Post("/api/settings/phrases/1/recording", headers(b), items);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400) << res->body;
  EXPECT_EQ(body(get(b, "/api/settings/phrases"))[0]["has_recording"], false);
}

TEST_F(Settings, the_webhook_secret_is_write_only) {
  auto b = login();
  auto saved = put_json(
      b, "/api/settings/webhook",
      {{"url", "https://his.example/hooks/robocall"}, {"secret", "a-long-shared-secret-123"}});
  ASSERT_TRUE(saved);
  ASSERT_EQ(saved->status, 200) << saved->body;
  auto shown = get(b, "/api/settings/webhook");
  EXPECT_EQ(body(shown)["url"], "https://his.example/hooks/robocall");
  EXPECT_EQ(body(shown)["has_secret"], true);
  EXPECT_EQ(shown->body.find("a-long-shared-secret"), std::string::npos);
  for (auto url : {"ftp://his.example/", "javascript:alert(1)", "https://", "http://a b/"}) {
    auto res = put_json(b, "/api/settings/webhook", {{"url", url}});
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 400) << url;
  }
  auto entries = store::AuditRepo(db()).list(50);
  for (const auto& e : *entries)
    EXPECT_EQ(e.details.find("a-long-shared-secret"), std::string::npos);
}

TEST_F(Settings, a_webhook_url_without_https_or_to_a_local_address_is_refused_unless_allowed) {
  auto b = login();
  const nlohmann::json secret = "a-long-shared-secret-123";
  auto plain = put_json(b, "/api/settings/webhook",
                        {{"url", "http://his.example/hook"}, {"secret", secret}});
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->status, 400);
  EXPECT_NE(plain->body.find("https://"), std::string::npos) << plain->body;
  for (auto url :
       {"https://127.0.0.1/hook", "https://localhost/hook", "https://169.254.169.254/"}) {
    auto res = put_json(b, "/api/settings/webhook",
                        {{"url", url}, {"secret", secret}, {"allow_private", true}});
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 400) << url;
  }
  auto lan =
      put_json(b, "/api/settings/webhook", {{"url", "http://10.0.0.5/hook"}, {"secret", secret}});
  ASSERT_TRUE(lan);
  EXPECT_EQ(lan->status, 400) << "a local address needs the setting";
  EXPECT_EQ(body(get(b, "/api/settings/webhook"))["url"], "") << "nothing changed";
  auto allowed =
      put_json(b, "/api/settings/webhook",
               {{"url", "http://10.0.0.5/hook"}, {"secret", secret}, {"allow_private", true}});
  ASSERT_TRUE(allowed);
  EXPECT_EQ(allowed->status, 200) << allowed->body;
  EXPECT_EQ(body(get(b, "/api/settings/webhook"))["allow_private"], true);
}

TEST_F(Settings, the_dialer_switch_saves_the_enabled_flag_and_reports_the_status) {
  auto b = login();
  auto res = post_json(b, "/api/dialer", {{"enabled", true}});
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(body(res)["dialer"], "stopped") << "no dialer runs in this test process";
  EXPECT_EQ(body(res)["today"]["calls"], 0);
  EXPECT_EQ(body(get(b, "/api/settings/robocall"))["enabled"], true);
  auto bad = post_json(b, "/api/dialer", {{"enabled", 1}});
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);
  auto status = get(b, "/api/status");
  ASSERT_TRUE(status);
  EXPECT_EQ(status->status, 200);
  EXPECT_EQ(body(status)["active_calls"], 0);
}

using Sip = ApiTest;

nlohmann::json account(std::string name) {
  return {{"name", name},
          {"username", "user-" + name},
          {"password", "sip-secret-" + name},
          {"server", "sip.example:5060"},
          {"prefix", "8"},
          {"caller_id", "74951234567"},
          {"from_user", "clinic"},
          {"from_host", "clinic.example"}};
}

TEST_F(Sip, accounts_keep_exactly_one_default_and_never_return_passwords) {
  auto b = login();
  auto first = post_json(b, "/api/sip/accounts", account("main"));
  ASSERT_TRUE(first);
  ASSERT_EQ(first->status, 201) << first->body;
  EXPECT_EQ(body(first)["is_default"], true);
  EXPECT_EQ(body(first)["has_password"], true);
  auto second_body = account("backup");
  second_body["is_default"] = true;
  auto second = post_json(b, "/api/sip/accounts", second_body);
  ASSERT_TRUE(second);
  ASSERT_EQ(second->status, 201) << second->body;
  auto list = get(b, "/api/sip/accounts");
  ASSERT_TRUE(list);
  EXPECT_EQ(list->body.find("sip-secret"), std::string::npos);
  EXPECT_EQ(list->body.find("\"password\""), std::string::npos);
  int defaults = 0;
  for (const auto& a : body(list)) defaults += a["is_default"].get<bool>();
  EXPECT_EQ(defaults, 1);
  const auto first_id = body(first)["id"].get<int>();
  auto moved = post_json(b, "/api/sip/accounts/" + std::to_string(first_id) + "/default",
                         nlohmann::json::object());
  ASSERT_TRUE(moved);
  ASSERT_EQ(moved->status, 200);
  for (const auto& a : body(moved)) EXPECT_EQ(a["is_default"], a["id"] == first_id);
  auto entries = store::AuditRepo(db()).list(50);
  for (const auto& e : *entries) EXPECT_EQ(e.details.find("sip-secret"), std::string::npos);
}

TEST_F(Sip, an_edit_without_a_password_keeps_the_stored_one) {
  auto b = login();
  auto created = body(post_json(b, "/api/sip/accounts", account("main")));
  auto edit = account("main");
  edit.erase("password");
  edit["server"] = "sip2.example";
  auto res = put_json(b, "/api/sip/accounts/" + std::to_string(created["id"].get<int>()), edit);
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(body(res)["server"], "sip2.example");
  EXPECT_EQ(body(res)["has_password"], true);
}

TEST_F(Sip, bad_accounts_and_unknown_ids_are_refused) {
  auto b = login();
  auto no_name = account("x");
  no_name.erase("name");
  auto bad_server = account("y");
  bad_server["server"] = "sip.example/path";
  auto bad_prefix = account("z");
  bad_prefix["prefix"] = "8; DROP";
  auto bad_transport = account("w");
  bad_transport["transport"] = "sctp";
  for (const auto& bad : {no_name, bad_server, bad_prefix, bad_transport}) {
    auto res = post_json(b, "/api/sip/accounts", bad);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 400) << bad.dump();
  }
  ASSERT_EQ(post_json(b, "/api/sip/accounts", account("main"))->status, 201);
  auto duplicate = post_json(b, "/api/sip/accounts", account("main"));
  ASSERT_TRUE(duplicate);
  EXPECT_EQ(duplicate->status, 409);
  EXPECT_EQ(put_json(b, "/api/sip/accounts/999", account("q"))->status, 404);
  EXPECT_EQ(del(b, "/api/sip/accounts/999")->status, 404);
  EXPECT_EQ(body(get(b, "/api/sip/accounts")).size(), 1u);
}

TEST_F(Sip, a_test_call_needs_a_valid_phone_and_a_running_dialer) {
  auto b = login();
  auto id = body(post_json(b, "/api/sip/accounts", account("main")))["id"].get<int>();
  const auto path = "/api/sip/accounts/" + std::to_string(id) + "/test-call";
  auto bad_phone = post_json(b, path, {{"phone", "12345"}});
  ASSERT_TRUE(bad_phone);
  EXPECT_EQ(bad_phone->status, 400);
  auto no_dialer = post_json(b, path, {{"phone", "+7 916 123-45-67"}});
  ASSERT_TRUE(no_dialer);
  EXPECT_EQ(no_dialer->status, 503);
  EXPECT_EQ(error_code(no_dialer), "unavailable");
}

TEST_F(Sip, deleting_the_default_promotes_another) {
  auto b = login();
  auto first = body(post_json(b, "/api/sip/accounts", account("main")))["id"].get<int>();
  post_json(b, "/api/sip/accounts", account("backup"));
  auto res = del(b, "/api/sip/accounts/" + std::to_string(first));
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 204);
  auto list = body(get(b, "/api/sip/accounts"));
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0]["is_default"], true);
}

TEST_F(Sip, a_tls_account_is_refused_and_nothing_is_saved) {
  auto b = login();
  auto tls = account("main");
  tls["transport"] = "tls";
  auto res = post_json(b, "/api/sip/accounts", tls);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  EXPECT_NE(res->body.find("TLS не поддерживается"), std::string::npos) << res->body;
  EXPECT_EQ(body(get(b, "/api/sip/accounts")).size(), 0u);
}

}  // namespace
}  // namespace robocall::http::testing
