// The public address as typed: an IP address with an optional port, nothing else.
#include "domain/public_address.h"

#include <gtest/gtest.h>

namespace robocall::domain {
namespace {

TEST(PublicAddress, takes_an_ip_address_with_or_without_a_port) {
  struct Row {
    const char* text;
    const char* host;
    bool v6;
    std::uint16_t port;
  };
  for (const Row& row :
       std::initializer_list<Row>{{"203.0.113.7", "203.0.113.7", false, 0},
                                  {"203.0.113.7:5070", "203.0.113.7", false, 5070},
                                  {"2001:db8::1", "2001:db8::1", true, 0},
                                  {"[2001:db8::1]:5060", "2001:db8::1", true, 5060},
                                  {"203.0.113.7:65535", "203.0.113.7", false, 65535}}) {
    auto a = parse_public_address(row.text);
    ASSERT_TRUE(a.ok()) << row.text;
    EXPECT_EQ(a->host, row.host) << row.text;
    EXPECT_EQ(a->v6, row.v6) << row.text;
    EXPECT_EQ(a->port, row.port) << row.text;
  }
}

TEST(PublicAddress, refuses_a_host_name_a_bad_port_or_stray_characters_naming_the_text) {
  for (const char* bad :
       {"nat.example.org", "203.0.113", "203.0.113.7:", "203.0.113.7:0", "203.0.113.7:65536",
        "203.0.113.7:50x", "[2001:db8::1", "1.2.3.4 ", "[203.0.113.7]:5060"}) {
    const Status st = check_public_address(bad);
    ASSERT_FALSE(st.ok()) << bad;
    EXPECT_NE(st.error().message.find("Внешний адрес (NAT)"), std::string::npos) << bad;
    EXPECT_NE(st.error().message.find(bad), std::string::npos) << bad;
  }
}

TEST(PublicAddress, an_empty_text_means_none_and_is_accepted) {
  EXPECT_TRUE(check_public_address("").ok());
}

}  // namespace
}  // namespace robocall::domain
