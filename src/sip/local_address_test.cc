#include "sip/local_address.h"

#include <gtest/gtest.h>

namespace robocall::sip {
namespace {

TEST(LocalAddress, is_the_loopback_address_for_a_server_on_loopback) {
  for (const char* server : {"127.0.0.1", "127.0.0.1:5080", "localhost:5060"}) {
    auto ip = local_address_towards(server);
    ASSERT_TRUE(ip.ok()) << server << ": " << ip.error().message;
    EXPECT_TRUE(*ip == "127.0.0.1" || *ip == "::1") << server << " -> " << *ip;
  }
}

TEST(LocalAddress, refuses_an_empty_server_with_a_clear_message) {
  auto ip = local_address_towards("");
  ASSERT_FALSE(ip.ok());
  EXPECT_EQ(ip.error().code, Errc::kInvalidArgument);
}

TEST(LocalAddress, says_when_the_server_name_cannot_be_resolved) {
  auto ip = local_address_towards("no-such-host.invalid:5060");
  ASSERT_FALSE(ip.ok());
  EXPECT_NE(ip.error().message.find("no-such-host.invalid"), std::string::npos);
}

}  // namespace
}  // namespace robocall::sip
