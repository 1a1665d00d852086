// Test calls are rate-limited (docs/SECURITY.md "Test calls"): one per
// account every 10 s and 10 an hour in all; the rest are 429 with
// Retry-After and a Russian message, and the dialer never sees them.
#include "api_fixture.h"
#include "fake_dialer.h"

namespace robocall::http::testing {
namespace {

class TestCallLimits : public ApiTest {
 protected:
  void configure(ServerOptions& o) override {
    o.dialer = &dialer_;
    dialer_.open_gate();
  }

  std::int64_t account(const Browser& b, int i) {
    auto res = post_json(b, "/api/sip/accounts",
                         {{"name", "линия " + std::to_string(i)},
                          {"username", "u" + std::to_string(i)},
                          {"server", "127.0.0.1"}});
    EXPECT_TRUE(res && res->status == 201) << (res ? res->body : res.error());
    return res && res->status == 201 ? body(res)["id"].get<std::int64_t>() : 0;
  }

  httpc::Result call(const Browser& b, std::int64_t account) {
    return post_json(b, "/api/sip/accounts/" + std::to_string(account) + "/test-call",
                     {{"phone", "9161234567"}});
  }

  FakeDialer dialer_;
};

TEST_F(TestCallLimits, a_second_call_through_one_account_within_ten_seconds_is_429) {
  auto b = login();
  const auto id = account(b, 1);
  auto first = call(b, id);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->status, 200) << first->body;
  auto second = call(b, id);
  ASSERT_TRUE(second);
  EXPECT_EQ(second->status, 429);
  EXPECT_EQ(error_code(second), "too_many_requests");
  const auto retry = std::atoi(second->get_header_value("Retry-After").c_str());
  EXPECT_GE(retry, 1);
  EXPECT_LE(retry, 10);
  EXPECT_NE(second->body.find("не чаще раза в 10 секунд"), std::string::npos) << second->body;
  EXPECT_EQ(dialer_.placed(), 1);
  auto other = call(b, account(b, 2));  // another account is not held
  ASSERT_TRUE(other);
  EXPECT_EQ(other->status, 200);
}

TEST_F(TestCallLimits, the_eleventh_call_of_an_hour_is_429_whatever_the_account) {
  auto b = login();
  for (int i = 0; i < 10; ++i) {
    auto res = call(b, account(b, i));
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200) << i << " " << res->body;
  }
  auto eleventh = call(b, account(b, 10));
  ASSERT_TRUE(eleventh);
  EXPECT_EQ(eleventh->status, 429);
  EXPECT_GT(std::atoi(eleventh->get_header_value("Retry-After").c_str()), 3000);
  EXPECT_NE(eleventh->body.find("Не больше 10 тестовых звонков в час"), std::string::npos)
      << eleventh->body;
  EXPECT_EQ(dialer_.placed(), 10);
}

}  // namespace
}  // namespace robocall::http::testing
