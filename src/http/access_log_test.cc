#include "http/access_log.h"

#include <gtest/gtest.h>

namespace robocall::http {
namespace {

Request request(std::string method, std::string path) {
  Request r;
  r.method = std::move(method);
  r.path = std::move(path);
  r.remote_addr = "127.0.0.1";
  r.params.emplace("search", "Иванов");
  r.params.emplace("phone", "9161234567");
  return r;
}

TEST(AccessLine, names_the_route_without_the_query_string) {
  auto line = access_line(request("GET", "/api/tasks"), 200, std::chrono::microseconds(400));
  EXPECT_EQ(line, "127.0.0.1 GET /api/tasks 200 0.4 ms");
}

TEST(AccessLine, escapes_what_the_client_wrote_and_masks_phones_in_the_path) {
  auto line = access_line(request("GET", "/x\r\n127.0.0.1 GET /forged 200\x1b[2J/9161234567"), 404,
                          std::chrono::milliseconds(1));
  EXPECT_EQ(line.find('\r'), std::string::npos);
  EXPECT_EQ(line.find('\n'), std::string::npos);
  EXPECT_EQ(line.find('\x1b'), std::string::npos);
  EXPECT_NE(line.find("/x\\x0d\\x0a127.0.0.1 GET /forged 200\\x1b[2J/+7 916 ***-**-67 404"),
            std::string::npos)
      << line;
}

TEST(AccessLine, only_successful_monitoring_polls_are_logged_at_debug) {
  EXPECT_TRUE(is_monitoring_poll(request("GET", "/metrics"), 200));
  EXPECT_TRUE(is_monitoring_poll(request("GET", "/healthz"), 200));
  EXPECT_FALSE(is_monitoring_poll(request("GET", "/healthz"), 503));
  EXPECT_FALSE(is_monitoring_poll(request("GET", "/metrics"), 401));
  EXPECT_FALSE(is_monitoring_poll(request("GET", "/api/status"), 200));
}

}  // namespace
}  // namespace robocall::http
