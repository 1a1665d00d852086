#include "http/listen_socket.h"

#include <gtest/gtest.h>

namespace robocall::http {
namespace {

TEST(IsLoopbackHost, only_addresses_that_never_leave_the_machine_are_loopback) {
  struct Case {
    std::string host;
    bool loopback;
  } cases[] = {
      {"127.0.0.1", true}, {"127.1.2.3", true},
      {"::1", true},       {"localhost", true},
      {"0.0.0.0", false},  {"::", false},
      {"", false},         {"192.0.2.10", false},
      {"10.0.0.1", false}, {"::ffff:192.0.2.1", false},
  };
  for (const auto& c : cases) EXPECT_EQ(is_loopback_host(c.host), c.loopback) << c.host;
}

}  // namespace
}  // namespace robocall::http
