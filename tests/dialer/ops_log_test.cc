// docs/SECURITY.md "Logs" against a busy `robocall serve` at --log-level
// debug: patients uploaded as a workbook and pushed with an API token,
// searched by name and phone, called through a SIPp peer; logins, a failed
// login, metrics and health read. Its whole log (stderr and stdout) holds no
// patient's name, no phone number in full, no password and no token.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <thread>

#include "harness.h"
#include "http/auth.h"
#include "http/users.h"
#include "http_client.h"
#include "xlsx/test_workbooks.h"

namespace robocall::dialer::testing {
namespace {

using std::chrono::seconds;

constexpr std::string_view kPassword = "Лог-Пароль-Не-Для-Журнала-7713";
constexpr std::string_view kWrongPassword = "Неверный-Пароль-Тоже-Тайна-5521";

struct Patient_ {
  std::string name;
  std::string phone;
};

// Distinct digits, so that a phone cannot match a timestamp or an id.
std::string phone_for(Patient p, int n) {
  return std::string(1, static_cast<char>(p)) + "739158" + std::to_string(400 + n);
}

// The web port `serve` announces on stdout.
int wait_for_port(const ServeProcess& serve) {
  const std::regex announced(R"(API на http://127\.0\.0\.1:(\d+)/)");
  for (int i = 0; i < 600; ++i) {
    std::smatch m;
    const auto log = serve.log();
    if (std::regex_search(log, m, announced)) return std::stoi(m[1].str());
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return 0;
}

std::string tomorrow_at(const char* hhmm) {
  const auto t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now() +
                                                      std::chrono::hours(24));
  std::tm tm{};
  localtime_r(&t, &tm);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%s", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                hhmm);
  return buf;
}

std::string workbook(const std::filesystem::path& dir, const std::vector<Patient_>& patients) {
  const auto path = dir / "patients.xlsx";
  std::string rows;
  for (const auto& p : patients)
    rows += "ws.append(['" + p.phone + "', '" + p.name + "', '" + tomorrow_at("10:30") +
            "', '1980-03-04'])\n";
  const bool ok = xlsx::testing::run_python(
      "import openpyxl\nwb = openpyxl.Workbook()\nws = wb.active\n"
      "ws.append(['Телефон', 'ФИО', 'Дата приёма', 'Дата рождения'])\n" +
      rows + "wb.save('" + path.string() + "')\n");
  return ok ? xlsx::testing::read_file(path) : std::string();
}

// Every metric docs/grafana-robocall.json reads (histograms by their family name).
std::set<std::string> dashboard_metrics() {
  const char* env = std::getenv("ROBOCALL_SOURCE_DIR");
  const std::filesystem::path source = env ? env : ROBOCALL_SOURCE_DIR_DEFAULT;
  std::ifstream in(source / "docs" / "grafana-robocall.json");
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::set<std::string> names;
  const std::regex metric(R"(robocall_[a-z_]+)");
  for (std::sregex_iterator it(text.begin(), text.end(), metric), end; it != end; ++it) {
    auto name = it->str();
    if (name.ends_with("_bucket")) name.resize(name.size() - 7);
    names.insert(name);
  }
  return names;
}

TEST(OpsLog, a_busy_serve_at_debug_logs_no_name_full_phone_password_or_token) {
  const auto dir = make_temp_dir();
  const auto db_path = dir / "robocall.db";
  SippPeer peer(dir, sip::testing::free_peer_ports(), std::chrono::milliseconds(300));
  pin_local_time_to_midday();
  const auto start = now();

  auto db = open_db(db_path);
  add_account(db, peer.port());
  set_schedule_until(db, start + std::chrono::hours(2));
  set_robocall(db, R"({"enabled":true,"attempts":1,"answer_timeout_s":5,"max_calls":3,)"
                   R"("max_calls_per_second":2,"retention_days":7})");
  ASSERT_TRUE(http::add_user(db, "operator", kPassword, start).ok());
  auto token = http::create_token(db, "emias", start);
  ASSERT_TRUE(token.ok());

  std::vector<Patient_> uploaded, pushed;
  const Patient kinds[] = {Patient::kPresses1, Patient::kPresses2, Patient::kBusy};
  for (int i = 0; i < 3; ++i) {
    uploaded.push_back({"Ёлкина Василиса Прокофьевна" + std::to_string(i), phone_for(kinds[i], i)});
    pushed.push_back(
        {"Штольц Аркадий Венедиктович" + std::to_string(i), phone_for(kinds[i], 10 + i)});
  }
  const auto xlsx = workbook(dir, uploaded);
  ASSERT_FALSE(xlsx.empty()) << "python3-openpyxl is needed";

  ServeProcess serve(dir, db_path, {"--log-level", "debug"});
  const int port = wait_for_port(serve);
  ASSERT_GT(port, 0) << serve.log();
  httpc::Client client("127.0.0.1", port);

  auto refused = client.Post(
      "/api/login", nlohmann::json{{"login", "operator"}, {"password", kWrongPassword}}.dump(),
      "application/json");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 401);
  auto login = client.Post("/api/login",
                           nlohmann::json{{"login", "operator"}, {"password", kPassword}}.dump(),
                           "application/json");
  ASSERT_TRUE(login);
  ASSERT_EQ(login->status, 200) << login->body;
  const auto set_cookie = login->get_header_value("Set-Cookie");
  const std::string cookie = set_cookie.substr(0, set_cookie.find(';'));
  const std::string session_id = cookie.substr(cookie.find('=') + 1);
  const std::string csrf = nlohmann::json::parse(login->body).value("csrf_token", "");
  const httpc::Headers browser = {{"Cookie", cookie}, {"X-CSRF-Token", csrf}};

  auto upload = client.Post(
      "/api/imports", browser,
      httpc::MultipartFormDataItems{{"file", xlsx, "patients.xlsx", "application/octet-stream"}});
  ASSERT_TRUE(upload);
  ASSERT_EQ(upload->status, 200) << upload->body;
  nlohmann::json push = nlohmann::json::array();
  for (std::size_t i = 0; i < pushed.size(); ++i)
    push.push_back(
        {{"external_id", "LOG-" + std::to_string(i)},
         {"phone", "+7 (" + pushed[i].phone.substr(0, 3) + ") " + pushed[i].phone.substr(3, 3) +
                       "-" + pushed[i].phone.substr(6, 2) + "-" + pushed[i].phone.substr(8)},
         {"full_name", pushed[i].name},
         {"appointment", tomorrow_at("11:00")},
         {"birth_date", "1975-05-04"}});
  auto pushed_res = client.Post("/api/v1/tasks", {{"Authorization", "Bearer " + *token}},
                                push.dump(), "application/json");
  ASSERT_TRUE(pushed_res);
  ASSERT_EQ(pushed_res->status, 200) << pushed_res->body;
  const auto created = nlohmann::json::parse(pushed_res->body).value("created", 0);
  EXPECT_EQ(created, 3) << pushed_res->body;

  // Searches put names and phones in the query string; a task id in the path.
  EXPECT_EQ(client.Get("/api/tasks?q=" + uploaded[0].phone, browser)->status, 200);
  EXPECT_EQ(client.Get("/api/tasks?q=%D0%A8%D1%82%D0%BE%D0%BB%D1%8C%D1%86", browser)->status, 200);
  EXPECT_EQ(client.Get("/api/tasks/1", browser)->status, 200);
  EXPECT_EQ(client.Get("/api/v1/tasks", {{"Authorization", "Bearer " + *token}})->status, 200);
  EXPECT_EQ(client.Get("/metrics")->status, 200);
  EXPECT_EQ(client.Get("/healthz")->status, 200);

  const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(2);
  auto settled = [&db] {
    auto n = db.query_int("SELECT count(*) FROM tasks WHERE state NOT IN ('pending', 'calling')");
    return n.ok() ? *n : 0;
  };
  while (settled() < 6 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_EQ(settled(), 6);
  auto metrics = client.Get("/metrics");
  ASSERT_TRUE(metrics);
  EXPECT_NE(metrics->body.find("robocall_calls_ended_total{outcome=\"busy\",sip_code=\"486\"} 2"),
            std::string::npos)
      << metrics->body;
  EXPECT_NE(metrics->body.find("robocall_imported_rows_total{source=\"xlsx\"} 3"),
            std::string::npos);
  for (const auto& name : dashboard_metrics())
    EXPECT_NE(metrics->body.find("# TYPE " + name + " "), std::string::npos)
        << "docs/grafana-robocall.json reads " << name;
  ASSERT_EQ(serve.terminate(seconds(30)), 0) << serve.log();
  peer.stop_and_read();

  const auto log = serve.log();
  EXPECT_NE(log.find(" debug "), std::string::npos) << "not a debug-level run";
  EXPECT_NE(log.find(" info dialer: task "), std::string::npos) << log;
  std::vector<std::string> secrets = {std::string(kPassword),
                                      std::string(kWrongPassword),
                                      *token,
                                      session_id,
                                      "Ёлкина",
                                      "Штольц",
                                      "Василиса",
                                      "Аркадий"};
  for (const auto* list : {&uploaded, &pushed})
    for (const auto& p : *list) {
      secrets.push_back(p.name);
      secrets.push_back(p.phone);
      secrets.push_back(p.phone.substr(2));  // the last eight digits
    }
  for (const auto& secret : secrets)
    EXPECT_EQ(log.find(secret), std::string::npos) << "the log holds «" << secret << "»";
  if (!HasFailure()) std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace robocall::dialer::testing
