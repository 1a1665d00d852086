// Test calls are rate-limited (docs/SECURITY.md "Test calls"): one per
// account every 10 s and 10 an hour in all; the rest are 429 with
// Retry-After and a Russian message, and the dialer never sees them. The
// real dialer calls a SIPp peer that answers every call 486 Busy Here at once.
#include "dialer_fixture.h"

namespace robocall::http::testing {
namespace {

class TestCallLimits : public DialerApiTest {};

TEST_F(TestCallLimits, a_second_call_through_one_account_within_ten_seconds_is_429) {
  const auto peer = busy_peer(2);
  auto b = login();
  const auto id = add_account(b, 1, peer);
  auto first = test_call(b, id);
  ASSERT_TRUE(first) << first.error();
  EXPECT_EQ(first->status, 200) << first->body;
  EXPECT_EQ(body(first)["sip_code"], 486) << first->body;
  auto second = test_call(b, id);
  ASSERT_TRUE(second) << second.error();
  EXPECT_EQ(second->status, 429);
  EXPECT_EQ(error_code(second), "too_many_requests");
  const auto retry = std::atoi(second->get_header_value("Retry-After").c_str());
  EXPECT_GE(retry, 1);
  EXPECT_LE(retry, 10);
  EXPECT_NE(second->body.find("не чаще раза в 10 секунд"), std::string::npos) << second->body;
  EXPECT_EQ(calls_placed(), 1u);
  auto other = test_call(b, add_account(b, 2, peer));  // another account is not held
  ASSERT_TRUE(other) << other.error();
  EXPECT_EQ(other->status, 200) << other->body;
  EXPECT_EQ(body(other)["sip_code"], 486) << other->body;
  EXPECT_EQ(calls_placed(), 2u);
  expect_peers_finished();
}

TEST_F(TestCallLimits, the_eleventh_call_of_an_hour_is_429_whatever_the_account) {
  const auto peer = busy_peer(10);
  auto b = login();
  for (int i = 0; i < 10; ++i) {
    auto res = test_call(b, add_account(b, i, peer));
    ASSERT_TRUE(res) << res.error();
    EXPECT_EQ(res->status, 200) << i << " " << res->body;
    EXPECT_EQ(body(res)["sip_code"], 486) << i << " " << res->body;
  }
  auto eleventh = test_call(b, add_account(b, 10, peer));
  ASSERT_TRUE(eleventh) << eleventh.error();
  EXPECT_EQ(eleventh->status, 429);
  EXPECT_GT(std::atoi(eleventh->get_header_value("Retry-After").c_str()), 3000);
  EXPECT_NE(eleventh->body.find("Не больше 10 тестовых звонков в час"), std::string::npos)
      << eleventh->body;
  EXPECT_EQ(calls_placed(), 10u);
  expect_peers_finished();
}

}  // namespace
}  // namespace robocall::http::testing
