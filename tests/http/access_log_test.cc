// The access log (docs/SECURITY.md "Logs") against the real server: a
// request carrying CR/LF (encoded and raw) and a name search writes one
// line, with the path but without the query, and no CR or LF of the
// client's. The server's log is captured in memory for the test.
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <sstream>
#include <thread>

#include "api_fixture.h"

namespace robocall::http::testing {
namespace {

using namespace std::chrono_literals;

class AccessLog : public ApiTest {
 protected:
  // Before the server starts and after it stops: no thread logs meanwhile.
  void configure(ServerOptions&) override {
    previous_ = spdlog::default_logger();
    auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(captured_);
    auto logger = std::make_shared<spdlog::logger>("capture", sink);
    logger->set_pattern("%v");
    logger->set_level(spdlog::level::debug);
    spdlog::set_default_logger(logger);
  }

  void TearDown() override {
    ApiTest::TearDown();
    if (previous_) spdlog::set_default_logger(previous_);
  }

  // The captured log once a line containing `marker` is in it (at most 2 s).
  std::string log_with(std::string_view marker) {
    for (int i = 0; i < 40; ++i) {
      spdlog::default_logger()->flush();
      auto text = captured_.str();
      if (text.find(marker) != std::string::npos) return text;
      std::this_thread::sleep_for(50ms);
    }
    return captured_.str();
  }

  static std::vector<std::string> lines_with(const std::string& log, std::string_view marker) {
    std::vector<std::string> out;
    std::istringstream in(log);
    for (std::string line; std::getline(in, line);) {
      if (line.find(marker) != std::string::npos) out.push_back(line);
    }
    return out;
  }

  std::ostringstream captured_;
  std::shared_ptr<spdlog::logger> previous_;
};

TEST_F(AccessLog, an_encoded_crlf_and_a_name_search_give_one_line_without_the_query) {
  raw_request(
      "GET /api/tasks%0d%0aforged-entry%0d%0a?search=%D0%98%D0%B2%D0%B0%D0%BD%D0%BE%D0%B2"
      "&phone=916123%0d%0a HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  const auto log = log_with("forged-entry");
  const auto lines = lines_with(log, "forged-entry");
  ASSERT_EQ(lines.size(), 1u) << log;
  EXPECT_NE(lines[0].find("GET /api/tasks\\x0d\\x0aforged-entry\\x0d\\x0a 404"), std::string::npos)
      << lines[0];
  EXPECT_EQ(log.find('\r'), std::string::npos) << log;
  for (std::string_view secret : {"Иванов", "search", "916123", "phone"}) {
    EXPECT_EQ(log.find(secret), std::string::npos) << secret << " in\n" << log;
  }
}

TEST_F(AccessLog, a_raw_cr_in_the_request_line_never_reaches_the_log) {
  raw_request(
      "GET /api/raw\rforged-raw?search=Petrov HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  raw_request("GET /api/after-raw HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  const auto log = log_with("after-raw");
  const auto lines = lines_with(log, "forged-raw");
  ASSERT_EQ(lines.size(), 1u) << log;
  EXPECT_NE(lines[0].find("GET /api/raw\\x0dforged-raw 404"), std::string::npos) << lines[0];
  EXPECT_EQ(log.find('\r'), std::string::npos) << log;
  EXPECT_EQ(log.find("Petrov"), std::string::npos) << log;
}

TEST_F(AccessLog, an_answered_search_is_logged_as_its_route_with_the_status) {
  auto b = login();
  auto res = get(b, "/api/tasks?search=%D0%98%D0%B2%D0%B0%D0%BD%D0%BE%D0%B2&limit=10");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  const auto log = log_with("GET /api/tasks 200");
  EXPECT_EQ(lines_with(log, "GET /api/tasks 200").size(), 1u) << log;
  EXPECT_EQ(log.find("Иванов"), std::string::npos) << log;
  EXPECT_EQ(log.find("limit"), std::string::npos) << log;
}

}  // namespace
}  // namespace robocall::http::testing
