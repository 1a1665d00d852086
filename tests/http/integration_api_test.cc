// The integration API (bearer token) and the XLSX upload over real HTTP:
// token checks, push with the import report, idempotency by external_id,
// reading by update time with a cursor, uploads and their limits; and the
// webhook sender's signed delivery (libcurl) to a real local HTTP peer.
#include <atomic>
#include <set>

#include "api_fixture.h"
#include "hook_peer.h"
#include "http/auth.h"
#include "http/secrets.h"
#include "http/webhook_sender.h"
#include "store/schema.h"
#include "store/tasks_repo.h"
#include "store/webhook_repo.h"

namespace robocall::http::testing {
namespace {

using namespace std::chrono;

domain::Instant now_s() {
  return time_point_cast<seconds>(system_clock::now());
}

std::string tomorrow(int hh, int mm, int days = 1) {
  auto t = system_clock::to_time_t(system_clock::now() + hours(24 * days));
  std::tm tm{};
  localtime_r(&t, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d", tm.tm_year + 1900, tm.tm_mon + 1,
                tm.tm_mday, hh, mm);
  return buf;
}

class Integration : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    auto token = create_token(db(), "emias", now_s());
    ASSERT_TRUE(token.ok());
    token_ = *token;
  }
  httpc::Headers bearer(const std::string& token) const {
    return {{"Authorization", "Bearer " + token}};
  }
  httpc::Result push(const nlohmann::json& tasks) const {
    return client().Post("/api/v1/tasks", bearer(token_), tasks.dump(), "application/json");
  }
  nlohmann::json tasks() const {
    return nlohmann::json::array({{{"external_id", "E-1"},
                                   {"phone", "+7 916 123-45-67"},
                                   {"full_name", "Петров Пётр"},
                                   {"appointment", tomorrow(10, 0)},
                                   {"birth_date", "1980-03-04"},
                                   {"doctor", "Иванова"},
                                   {"extra", {{"Отделение", "Терапия"}}}},
                                  {{"external_id", "E-2"},
                                   {"phone", 9031112233},
                                   {"full_name", "Алексеева Анна"},
                                   {"appointment", tomorrow(11, 30)},
                                   {"birth_date", "04.05.1975"}},
                                  {{"external_id", "E-3"},
                                   {"phone", "123"},
                                   {"full_name", "Неверный Номер"},
                                   {"appointment", tomorrow(12, 0)},
                                   {"birth_date", "1990-01-01"}}});
  }
  std::string token_;
};

TEST_F(Integration, requests_without_a_valid_token_are_401) {
  Browser browser = login();
  for (auto h : {httpc::Headers{}, bearer(std::string(64, 'f')), bearer("short"),
                 httpc::Headers{{"Authorization", "Basic YWRtaW46YWRtaW4="}},
                 httpc::Headers{{"Cookie", browser.cookie}, {"X-CSRF-Token", browser.csrf}}}) {
    auto res = client().Get("/api/v1/tasks", h);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 401);
    EXPECT_EQ(error_code(res), "unauthenticated");
    EXPECT_EQ(res->get_header_value("WWW-Authenticate"), "Bearer");
  }
}

TEST_F(Integration, a_token_does_not_open_the_ui_api) {
  auto res = client().Get("/api/tasks", bearer(token_));
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 401);
}

TEST_F(Integration, a_push_returns_the_import_report_and_is_idempotent) {
  auto first = push(tasks());
  ASSERT_TRUE(first);
  ASSERT_EQ(first->status, 200) << first->body;
  auto report = body(first);
  EXPECT_EQ(report["rows_read"], 3);
  EXPECT_EQ(report["created"], 2);
  ASSERT_EQ(report["skipped"].size(), 1u);
  EXPECT_EQ(report["skipped"][0]["row"], 3);
  EXPECT_EQ(report["skipped"][0]["reason"], "bad_phone");
  auto again = push(tasks());
  ASSERT_TRUE(again);
  ASSERT_EQ(again->status, 200) << again->body;
  EXPECT_EQ(body(again)["created"], 0);
  auto stored = store::TasksRepo(db()).find_by_external_id("E-1");
  ASSERT_TRUE(stored.ok() && *stored);
  EXPECT_EQ((*stored)->phone, "9161234567");
  bool has_doctor = false;
  for (const auto& [k, v] : (*stored)->extra) has_doctor |= (k == "Врач" && v == "Иванова");
  EXPECT_TRUE(has_doctor);
}

TEST_F(Integration, bad_pushes_are_400_and_store_nothing) {
  for (std::string bad : {std::string("{}"), std::string("[1]"), std::string("[{\"phone\":[1]}]"),
                          std::string("[{\"extra\":[]}]"), std::string("not json"),
                          std::string("[{\"full_name\":{\"a\":1}}]")}) {
    auto res = client().Post("/api/v1/tasks", bearer(token_), bad, "application/json");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 400) << bad;
    EXPECT_EQ(error_code(res), "invalid_argument") << bad;
  }
  auto page = store::TasksRepo(db()).list({});
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->total, 0);
}

TEST_F(Integration, reading_pages_by_update_time_with_a_cursor) {
  ASSERT_EQ(push(tasks())->status, 200);
  auto c = client();
  auto first = c.Get("/api/v1/tasks?limit=1&updated_since=2000-01-01T00:00:00Z", bearer(token_));
  ASSERT_TRUE(first);
  ASSERT_EQ(first->status, 200) << first->body;
  auto j1 = body(first);
  ASSERT_EQ(j1["items"].size(), 1u);
  EXPECT_TRUE(j1["items"][0]["attempts"].is_array());
  ASSERT_TRUE(j1["next_cursor"].is_string());
  auto second =
      c.Get("/api/v1/tasks?limit=1&cursor=" + j1["next_cursor"].get<std::string>(), bearer(token_));
  auto j2 = body(second);
  ASSERT_EQ(j2["items"].size(), 1u);
  EXPECT_NE(j2["items"][0]["id"], j1["items"][0]["id"]);
  auto rest = c.Get("/api/v1/tasks?limit=10&cursor=" + j2["next_cursor"].get<std::string>(),
                    bearer(token_));
  EXPECT_EQ(body(rest)["items"].size(), 0u);
  EXPECT_TRUE(body(rest)["next_cursor"].is_null());
  for (auto q : {"updated_since=yesterday", "cursor=abc", "limit=0", "from=2026-13-01"}) {
    auto res = c.Get(std::string("/api/v1/tasks?") + q, bearer(token_));
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 400) << q;
  }
}

TEST_F(Integration, an_appointment_range_is_applied_before_the_page_limit) {
  // Twelve tasks updated together; every third one's appointment is in two
  // days, the rest tomorrow. Pages of two must come back full until the
  // four matches run out.
  auto batch = nlohmann::json::array();
  for (int i = 0; i < 12; ++i) {
    batch.push_back({{"phone", "91612345" + std::to_string(10 + i)},
                     {"full_name", "Пациент " + std::to_string(i)},
                     {"appointment", tomorrow(9 + i, 0, i % 3 == 0 ? 2 : 1)},
                     {"birth_date", "1980-03-04"}});
  }
  ASSERT_EQ(push(batch)->status, 200);
  const auto day = tomorrow(0, 0, 2).substr(0, 10);
  auto c = client();
  std::string query = "/api/v1/tasks?limit=2&from=" + day + "&to=" + day;
  std::vector<std::size_t> sizes;
  std::set<std::string> phones;
  for (int guard = 0; guard < 10; ++guard) {
    auto res = c.Get(query, bearer(token_));
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 200) << res->body;
    const auto page = body(res);
    sizes.push_back(page["items"].size());
    for (const auto& item : page["items"]) {
      EXPECT_TRUE(item["appointment"].get<std::string>().starts_with(day)) << item.dump();
      phones.insert(item["phone"].get<std::string>());
    }
    if (page["next_cursor"].is_null()) break;
    query = "/api/v1/tasks?limit=2&from=" + day + "&to=" + day +
            "&cursor=" + page["next_cursor"].get<std::string>();
  }
  EXPECT_EQ(sizes, (std::vector<std::size_t>{2, 2, 0}));
  EXPECT_EQ(phones,
            (std::set<std::string>{"9161234510", "9161234513", "9161234516", "9161234519"}));
}

using Uploads = ApiTest;

TEST_F(Uploads, the_example_workbook_imports_back) {
  auto b = login();
  auto example = get(b, "/api/imports/example.xlsx");
  ASSERT_TRUE(example);
  ASSERT_EQ(example->status, 200) << example->body;
  EXPECT_TRUE(example->body.starts_with("PK"));
  httpc::MultipartFormDataItems items = {
      {"file", example->body, "../../etc/пример.xlsx",
       "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}};
  auto res = client().Post("/api/imports", headers(b), items);
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(body(res)["rows_read"], 2);
  EXPECT_EQ(body(res)["created"], 2);
  EXPECT_EQ(body(get(b, "/api/tasks"))["total"], 2);
}

TEST_F(Uploads, what_is_not_a_workbook_is_400_and_changes_nothing) {
  auto b = login();
  httpc::MultipartFormDataItems not_xlsx = {{"file", "just text", "tasks.xlsx", "text/plain"}};
  auto res = client().Post("/api/imports", headers(b), not_xlsx);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400) << res->body;
  httpc::MultipartFormDataItems wrong_field = {{"upload", "x", "tasks.xlsx", "text/plain"}};
  auto missing = client().Post("/api/imports", headers(b), wrong_field);
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 400);
  auto no_csrf = client().Post("/api/imports", headers(b, false), not_xlsx);
  ASSERT_TRUE(no_csrf);
  EXPECT_EQ(no_csrf->status, 403);
  EXPECT_EQ(body(get(b, "/api/tasks"))["total"], 0);
}

TEST_F(Uploads, an_upload_over_32_mib_is_413) {
  auto b = login();
  auto response = raw_request(
      "POST /api/imports HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: " + b.cookie +
      "\r\nX-CSRF-Token: " + b.csrf +
      "\r\nContent-Type: multipart/form-data; boundary=x\r\nContent-Length: 40000000\r\n\r\n--x");
  EXPECT_TRUE(response.starts_with("HTTP/1.1 413")) << response.substr(0, 100);
  EXPECT_NE(response.find("32"), std::string::npos);
}

TEST(WebhookSender, posts_signed_final_statuses_and_backs_off_on_failure) {
  init_sodium();
  std::atomic<int> status{500};
  std::string received_body, received_signature, received_agent;
  std::mutex mu;
  HookPeer peer([&](const Headers& headers, const std::string& body) {
    std::lock_guard lock(mu);
    received_body = body;
    auto header = [&](const char* key) {
      auto it = headers.find(key);
      return it == headers.end() ? std::string() : it->second;
    };
    received_signature = header("X-Robocall-Signature");
    received_agent = header("User-Agent");
    return status.load();
  });
  const int port = peer.port();

  store::TempDir dir;
  auto db = store::open_database(dir.file("r.db"));
  ASSERT_TRUE(db.ok());
  const std::string secret = "shared-secret-of-the-clinic";
  ASSERT_TRUE(
      save_webhook_config(*db, {"http://127.0.0.1:" + std::to_string(port) + "/hook", secret, true},
                          "admin", now_s())
          .ok());
  domain::Task t;
  t.phone = "9161234567";
  t.full_name = "Петров Пётр";
  t.appointment = now_s() + hours(24);
  t.birth_date = 1980y / March / 4;
  auto ids = store::TasksRepo(*db).insert(std::span(&t, 1), std::nullopt, now_s());
  ASSERT_TRUE(ids.ok());
  ASSERT_TRUE(enqueue_final_status(*db, ids->front(), now_s()).ok());

  WebhookSender sender(dir.file("r.db"), domain::system_clock());
  sender.allow_loopback_for_tests();
  auto failed = sender.deliver_due(*db, now_s());
  ASSERT_TRUE(failed.ok());
  EXPECT_EQ(*failed, 0);
  auto due_now = store::WebhookRepo(*db).due(now_s(), 10);
  EXPECT_TRUE(due_now->empty()) << "retried later, not at once";
  auto due_later = store::WebhookRepo(*db).due(now_s() + minutes(2), 10);
  ASSERT_EQ(due_later->size(), 1u);
  EXPECT_EQ(due_later->front().attempts, 1);

  status = 204;
  auto delivered = sender.deliver_due(*db, now_s() + minutes(2));
  ASSERT_TRUE(delivered.ok());
  EXPECT_EQ(*delivered, 1);
  {
    std::lock_guard lock(mu);
    EXPECT_EQ(received_signature, "sha256=" + hmac_sha256_hex(secret, received_body));
    EXPECT_EQ(nlohmann::json::parse(received_body)["phone"], "9161234567");
    EXPECT_TRUE(received_agent.starts_with("robocall/")) << received_agent;
  }
  EXPECT_EQ(*store::WebhookRepo(*db).pending_count(), 0);
}

TEST(WebhookBackoff, doubles_from_a_minute_up_to_an_hour) {
  EXPECT_EQ(webhook_backoff(1), minutes(1));
  EXPECT_EQ(webhook_backoff(2), minutes(2));
  EXPECT_EQ(webhook_backoff(4), minutes(8));
  EXPECT_EQ(webhook_backoff(7), minutes(60));
  EXPECT_EQ(webhook_backoff(50), minutes(60));
}

}  // namespace
}  // namespace robocall::http::testing
