// TLS is refused, never downgraded to UDP.
#include "sip/tls.h"

#include <gtest/gtest.h>

namespace robocall::sip {
namespace {

TEST(Tls, a_tls_trunk_is_refused_with_a_clear_message) {
  const Status st = check_transport_supported(Transport::kTls);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().code, Errc::kInvalidArgument);
  EXPECT_NE(st.error().message.find("TLS не поддерживается"), std::string::npos);
}

TEST(Tls, udp_and_tcp_trunks_are_accepted) {
  EXPECT_TRUE(check_transport_supported(Transport::kUdp).ok());
  EXPECT_TRUE(check_transport_supported(Transport::kTcp).ok());
}

}  // namespace
}  // namespace robocall::sip
