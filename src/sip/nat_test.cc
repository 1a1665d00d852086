// The addresses a call announces behind NAT: Contact and the SDP's address.
#include "sip/nat.h"

#include <gtest/gtest.h>

namespace robocall::sip {
namespace {

TEST(Nat, without_a_public_address_announces_the_bound_address) {
  auto a = announced_addresses("", "10.0.0.2", 5060, Transport::kUdp, "clinic");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->contact, "clinic");  // libre adds our bound address and port
  EXPECT_EQ(a->sdp_ip, "10.0.0.2");
}

TEST(Nat, a_public_address_goes_into_contact_and_sdp) {
  struct Row {
    const char* public_address;
    Transport transport;
    const char* contact;
    const char* sdp_ip;
  };
  const Row rows[] = {
      {"203.0.113.7", Transport::kUdp, "sip:clinic@203.0.113.7:5062", "203.0.113.7"},
      {"203.0.113.7:5070", Transport::kUdp, "sip:clinic@203.0.113.7:5070", "203.0.113.7"},
      {"203.0.113.7", Transport::kTcp, "sip:clinic@203.0.113.7:5062;transport=tcp", "203.0.113.7"},
      {"[2001:db8::1]:5080", Transport::kUdp, "sip:clinic@[2001:db8::1]:5080", "2001:db8::1"},
      {"2001:db8::1", Transport::kUdp, "sip:clinic@[2001:db8::1]:5062", "2001:db8::1"},
  };
  for (const Row& row : rows) {
    auto a = announced_addresses(row.public_address, "10.0.0.2", 5062, row.transport, "clinic");
    ASSERT_TRUE(a.ok()) << row.public_address;
    EXPECT_EQ(a->contact, row.contact) << row.public_address;
    EXPECT_EQ(a->sdp_ip, row.sdp_ip) << row.public_address;
  }
}

TEST(Nat, refuses_a_public_address_that_is_not_an_ip_address) {
  for (const char* bad : {"nat.example.org", "203.0.113", "203.0.113.7:", "203.0.113.7:0",
                          "203.0.113.7:65536", "[2001:db8::1", "[203.0.113.7]:5060"}) {
    EXPECT_FALSE(announced_addresses(bad, "10.0.0.2", 5060, Transport::kUdp, "c").ok()) << bad;
  }
}

TEST(Nat, the_accounts_public_address_wins_over_the_servers) {
  Account a;
  EXPECT_EQ(effective_public_address(a, "198.51.100.2"), "198.51.100.2");
  a.public_address = "203.0.113.7";
  EXPECT_EQ(effective_public_address(a, "198.51.100.2"), "203.0.113.7");
  EXPECT_EQ(effective_public_address(Account{}, ""), "");
}

}  // namespace
}  // namespace robocall::sip
