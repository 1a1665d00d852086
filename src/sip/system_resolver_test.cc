#include "sip/system_resolver.h"

#include <gtest/gtest.h>

#include <cerrno>

namespace robocall::sip {
namespace {

TEST(SystemResolver, only_a_named_trunk_without_any_response_falls_back) {
  struct Row {
    int err;
    bool got_response;
    std::string_view server;
    bool falls_back;
  };
  const Row rows[] = {
      {EDESTADDRREQ, false, "pbx.clinic.local", true},
      {EDESTADDRREQ, false, "pbx.clinic.local:5070", true},
      {ENOENT, false, "pbx", true},
      {ETIMEDOUT, false, "pbx", true},
      {EDESTADDRREQ, true, "pbx", false},  // it answered: the name was found
      {ECONNREFUSED, false, "pbx", false},
      {EDESTADDRREQ, false, "10.0.0.1:5060", false},
      {EDESTADDRREQ, false, "[::1]:5060", false},
      {EDESTADDRREQ, false, "::1", false},
      {EDESTADDRREQ, false, "pbx:0", false},
      {EDESTADDRREQ, false, "", false},
  };
  for (const auto& r : rows)
    EXPECT_EQ(falls_back_to_system_resolver(r.err, r.got_response, r.server), r.falls_back)
        << r.server << " " << r.err;
}

TEST(SystemResolver, the_retried_invite_is_routed_to_the_address_found) {
  EXPECT_EQ(route_to("127.0.0.1", 5070, false), "sip:127.0.0.1:5070");
  EXPECT_EQ(route_to("10.1.2.3", 0, true), "sip:10.1.2.3;transport=tcp");
  EXPECT_EQ(route_to("::1", 5060, false), "sip:[::1]:5060");
}

TEST(SystemResolver, localhost_is_known_to_the_system_resolver) {
  const auto ip = resolve_with_system("localhost");
  ASSERT_TRUE(ip.has_value());
  EXPECT_TRUE(*ip == "127.0.0.1" || *ip == "::1") << *ip;
  EXPECT_FALSE(resolve_with_system("no-such-host.invalid").has_value());
}

}  // namespace
}  // namespace robocall::sip
