// Route handlers run on a bounded worker pool, not on the event loops
// (docs/SECURITY.md "HTTP limits"): slow handlers (test calls that ring for
// a while) hold neither the other requests nor the loops, and a full queue
// is answered 503 with Retry-After at once. Against the real server on
// 127.0.0.1 with a FakeDialer whose calls wait at a gate (at most 10 s).
#include <chrono>
#include <future>
#include <optional>
#include <thread>
#include <vector>

#include "api_fixture.h"
#include "fake_dialer.h"

namespace robocall::http::testing {
namespace {

using namespace std::chrono_literals;
using SteadyClock = std::chrono::steady_clock;

class HandlerPool : public ApiTest {
 protected:
  void configure(ServerOptions& o) override {
    o.dialer = &dialer_;
    o.threads = 2;  // fewer loops than slow handlers
    o.workers = 6;
  }

  void TearDown() override {
    dialer_.open_gate();
    ApiTest::TearDown();
  }

  // n SIP accounts; their ids.
  std::vector<std::int64_t> accounts(const Browser& b, int n) {
    std::vector<std::int64_t> ids;
    for (int i = 0; i < n; ++i) {
      auto res = post_json(b, "/api/sip/accounts",
                           {{"name", "линия " + std::to_string(i)},
                            {"username", "u" + std::to_string(i)},
                            {"server", "127.0.0.1"}});
      EXPECT_TRUE(res && res->status == 201) << (res ? res->body : res.error());
      if (res && res->status == 201) ids.push_back(body(res)["id"].get<std::int64_t>());
    }
    return ids;
  }

  std::future<httpc::Result> test_call(const Browser& b, std::int64_t account) {
    return std::async(std::launch::async, [this, b, account] {
      return post_json(b, "/api/sip/accounts/" + std::to_string(account) + "/test-call",
                       {{"phone", "9161234567"}});
    });
  }

  FakeDialer dialer_;
};

TEST_F(HandlerPool, the_session_answers_within_a_second_while_slow_handlers_outnumber_the_loops) {
  auto b = login();
  auto ids = accounts(b, 4);
  ASSERT_EQ(ids.size(), 4u);
  std::vector<std::future<httpc::Result>> calls;
  for (auto id : ids) calls.push_back(test_call(b, id));
  if (dialer_.wait_for_waiting(4) != 4) {
    dialer_.open_gate();
    for (auto& c : calls) {
      auto res = c.get();
      ADD_FAILURE() << (res ? std::to_string(res->status) + " " + res->body : res.error());
    }
    return;
  }

  // Each on a new connection, so that every loop gets some of them.
  for (int i = 0; i < 8; ++i) {
    const auto start = SteadyClock::now();
    auto me = get(b, "/api/me");
    const auto took = SteadyClock::now() - start;
    ASSERT_TRUE(me) << me.error();
    EXPECT_EQ(me->status, 200);
    EXPECT_LT(took, 1s) << "GET /api/me waited behind the slow handlers";
    auto page = client().Get("/");
    ASSERT_TRUE(page);
    EXPECT_EQ(page->status, 200);
  }
  dialer_.open_gate();
  for (auto& c : calls) {
    auto res = c.get();
    ASSERT_TRUE(res) << res.error();
    EXPECT_EQ(res->status, 200) << res->body;
  }
}

class FullPool : public HandlerPool {
 protected:
  void configure(ServerOptions& o) override {
    HandlerPool::configure(o);
    o.workers = 4;
    o.worker_queue = 2;
  }
};

TEST_F(FullPool, a_full_queue_is_answered_503_with_retry_after_in_russian_at_once) {
  auto b = login();
  auto ids = accounts(b, 10);
  ASSERT_EQ(ids.size(), 10u);
  std::vector<std::future<httpc::Result>> running;
  for (int i = 0; i < 4; ++i) running.push_back(test_call(b, ids[i]));
  if (dialer_.wait_for_waiting(4) != 4) {
    dialer_.open_gate();
    for (auto& c : running) {
      auto res = c.get();
      ADD_FAILURE() << (res ? std::to_string(res->status) + " " + res->body : res.error());
    }
    return;
  }

  // 4 workers busy, a queue of 2: of six more requests, four are refused.
  std::vector<std::future<httpc::Result>> more;
  for (int i = 4; i < 10; ++i) more.push_back(test_call(b, ids[i]));
  std::vector<std::optional<httpc::Result>> done(more.size());
  int refused = 0;
  const auto deadline = SteadyClock::now() + 5s;
  while (refused < 4 && SteadyClock::now() < deadline) {
    for (std::size_t i = 0; i < more.size(); ++i) {
      if (done[i] || more[i].wait_for(0ms) != std::future_status::ready) continue;
      done[i].emplace(more[i].get());
      const auto& res = *done[i];
      ASSERT_TRUE(res) << res.error();
      EXPECT_EQ(res->status, 503);
      EXPECT_EQ(res->get_header_value("Retry-After"), "5");
      EXPECT_EQ(error_code(res), "busy");
      EXPECT_NE(res->body.find("Сервер занят"), std::string::npos) << res->body;
      ++refused;
    }
    std::this_thread::sleep_for(50ms);
  }
  EXPECT_EQ(refused, 4) << "the refusals did not come while the handlers ran";
  EXPECT_EQ(dialer_.placed(), 4);

  dialer_.open_gate();
  int answered = 0;
  for (auto& f : running) {
    auto res = f.get();
    if (res && res->status == 200) ++answered;
  }
  for (std::size_t i = 0; i < more.size(); ++i) {
    if (done[i]) continue;
    auto res = more[i].get();
    if (res && res->status == 200) ++answered;
  }
  EXPECT_EQ(answered, 6) << "the queued requests were not run once workers were free";
}

}  // namespace
}  // namespace robocall::http::testing
