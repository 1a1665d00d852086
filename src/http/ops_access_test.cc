#include "http/ops_access.h"

#include <gtest/gtest.h>

namespace robocall::http {
namespace {

TEST(OpsAccess, metrics_are_open_to_loopback_peers_only_and_never_behind_a_proxy) {
  struct Case {
    const char* peer;
    bool behind_proxy;
    bool open;
  };
  const Case cases[] = {
      {"127.0.0.1", false, true},
      {"127.1.2.3", false, true},
      {"::1", false, true},
      {"::ffff:127.0.0.1", false, true},
      {"10.0.0.5", false, false},
      {"192.168.1.127", false, false},
      {"::ffff:10.0.0.5", false, false},
      {"fe80::1", false, false},
      {"", false, false},
      {"127.0.0.1", true, false},
      {"::1", true, false},
  };
  for (const auto& c : cases)
    EXPECT_EQ(metrics_open_to(c.peer, c.behind_proxy), c.open)
        << c.peer << (c.behind_proxy ? " behind a proxy" : "");
}

}  // namespace
}  // namespace robocall::http
