#include "http/webhook_address.h"

#include <gtest/gtest.h>

namespace robocall::http {
namespace {

TEST(WebhookAddress, literals_are_classified_by_their_range) {
  struct Case {
    const char* text;
    AddressKind kind;
  };
  const Case cases[] = {
      {"8.8.8.8", AddressKind::kPublic},
      {"127.0.0.1", AddressKind::kLoopback},
      {"127.255.0.9", AddressKind::kLoopback},
      {"169.254.169.254", AddressKind::kLinkLocal},
      {"0.0.0.0", AddressKind::kUnspecified},
      {"224.0.0.1", AddressKind::kMulticast},
      {"255.255.255.255", AddressKind::kMulticast},
      {"10.1.2.3", AddressKind::kPrivate},
      {"172.16.0.1", AddressKind::kPrivate},
      {"172.31.255.255", AddressKind::kPrivate},
      {"172.32.0.1", AddressKind::kPublic},
      {"192.168.1.1", AddressKind::kPrivate},
      {"192.169.1.1", AddressKind::kPublic},
      {"::1", AddressKind::kLoopback},
      {"[::1]", AddressKind::kLoopback},
      {"::", AddressKind::kUnspecified},
      {"fe80::1", AddressKind::kLinkLocal},
      {"febf::1", AddressKind::kLinkLocal},
      {"fc00::1", AddressKind::kPrivate},
      {"fd12:3456::1", AddressKind::kPrivate},
      {"ff02::1", AddressKind::kMulticast},
      {"::ffff:127.0.0.1", AddressKind::kLoopback},
      {"::ffff:10.0.0.1", AddressKind::kPrivate},
      {"2a00:1450::1", AddressKind::kPublic},
  };
  for (const auto& c : cases) {
    auto kind = classify_literal(c.text);
    ASSERT_TRUE(kind.has_value()) << c.text;
    EXPECT_EQ(*kind, c.kind) << c.text;
  }
  EXPECT_FALSE(classify_literal("his.example").has_value());
  EXPECT_FALSE(classify_literal("localhost").has_value());
}

TEST(WebhookAddress, private_ranges_need_the_setting_and_loopback_the_test_hatch) {
  EXPECT_EQ(refusal(AddressKind::kPublic, {}), "");
  EXPECT_NE(refusal(AddressKind::kPrivate, {}), "");
  EXPECT_EQ(refusal(AddressKind::kPrivate, {.allow_private = true}), "");
  EXPECT_NE(refusal(AddressKind::kLoopback, {.allow_private = true}), "");
  EXPECT_EQ(refusal(AddressKind::kLoopback, {.allow_private = true, .allow_loopback = true}), "");
  for (auto kind : {AddressKind::kLinkLocal, AddressKind::kUnspecified, AddressKind::kMulticast})
    EXPECT_NE(refusal(kind, {.allow_private = true, .allow_loopback = true}), "");
}

}  // namespace
}  // namespace robocall::http
