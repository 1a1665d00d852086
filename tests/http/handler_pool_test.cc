// Route handlers run on a bounded worker pool, not on the event loops
// (docs/SECURITY.md "HTTP limits"): slow handlers (test calls that ring for
// a while) hold neither the other requests nor the loops, and a full queue
// is answered 503 with Retry-After at once. Against the real server on
// 127.0.0.1 with the real dialer calling a SIPp peer that lets every call
// ring until the dialer gives up at the answer timeout (10 s).
#include <algorithm>
#include <chrono>
#include <future>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "dialer_fixture.h"

namespace robocall::http::testing {
namespace {

using namespace std::chrono_literals;
using SteadyClock = std::chrono::steady_clock;

std::string describe(const httpc::Result& res) {
  return res ? std::to_string(res->status) + " " + res->body : res.error();
}

class HandlerPool : public DialerApiTest {
 protected:
  void configure(ServerOptions& o) override {
    DialerApiTest::configure(o);
    o.threads = 2;  // fewer loops than slow handlers
    o.workers = 6;
  }

  // Reports every answer of `calls` (each comes by the answer timeout).
  static void fail_with(std::vector<std::future<httpc::Result>>& calls, const std::string& why) {
    for (auto& c : calls) ADD_FAILURE() << why << ": " << describe(c.get());
  }
};

TEST_F(HandlerPool, the_session_answers_within_a_second_while_slow_handlers_outnumber_the_loops) {
  const auto peer = ringing_peer(4);
  auto b = login();
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 4; ++i) ids.push_back(add_account(b, i, peer));
  ASSERT_EQ(std::count(ids.begin(), ids.end(), 0), 0);
  std::vector<std::future<httpc::Result>> calls;
  for (auto id : ids) calls.push_back(test_call_async(b, id));
  if (const int ringing = wait_for_active_calls(4, 20s); ringing != 4) {
    fail_with(calls, std::to_string(ringing) + " of 4 test calls rang");
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
  EXPECT_EQ(dialer().live().active_calls, 4)
      << "the calls ended before the requests were done: they did not run beside slow handlers";
  for (auto& c : calls) {
    auto res = c.get();
    ASSERT_TRUE(res) << res.error();
    EXPECT_EQ(res->status, 200) << res->body;
    EXPECT_EQ(body(res)["outcome"], "no_answer") << res->body;
  }
  EXPECT_EQ(calls_placed(), 4u);
  expect_peers_finished();
}

class FullPool : public HandlerPool {
 protected:
  void configure(ServerOptions& o) override {
    HandlerPool::configure(o);
    o.workers = 1;
    o.worker_queue = 1;
  }
};

TEST_F(FullPool, a_full_queue_is_answered_503_with_retry_after_in_russian_at_once) {
  // One call rings in the only worker; the queued request's call is busy at once.
  const auto ringing = ringing_peer(1);
  const auto busy = busy_peer(1);
  auto b = login();
  const auto slow = add_account(b, 0, ringing);
  std::vector<std::int64_t> others;
  for (int i = 1; i <= 3; ++i) others.push_back(add_account(b, i, busy));
  ASSERT_NE(slow, 0);
  ASSERT_EQ(std::count(others.begin(), others.end(), 0), 0);
  std::vector<std::future<httpc::Result>> running;
  running.push_back(test_call_async(b, slow));
  if (const int ringing_calls = wait_for_active_calls(1, 20s); ringing_calls != 1) {
    fail_with(running, "the test call did not ring");
    return;
  }

  // The worker busy, a queue of 1: of three more requests, two are refused.
  std::vector<std::future<httpc::Result>> more;
  for (auto id : others) more.push_back(test_call_async(b, id));
  std::vector<std::optional<httpc::Result>> done(more.size());
  int refused = 0;
  const auto deadline = SteadyClock::now() + 5s;
  while (refused < 2 && SteadyClock::now() < deadline) {
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
  EXPECT_EQ(refused, 2) << "the refusals did not come while the handler ran";
  EXPECT_EQ(running[0].wait_for(0ms), std::future_status::timeout)
      << "the slow handler ended before the refusals: the queue was not full";
  EXPECT_EQ(calls_placed(), 1u);

  int answered = 0;
  auto first = running[0].get();
  ASSERT_TRUE(first) << first.error();
  EXPECT_EQ(first->status, 200) << first->body;
  EXPECT_EQ(body(first)["outcome"], "no_answer") << first->body;
  if (first->status == 200) ++answered;
  for (std::size_t i = 0; i < more.size(); ++i) {
    if (done[i]) continue;
    auto res = more[i].get();
    ASSERT_TRUE(res) << res.error();
    EXPECT_EQ(res->status, 200) << res->body;
    EXPECT_EQ(body(res)["sip_code"], 486) << res->body;
    if (res->status == 200) ++answered;
  }
  EXPECT_EQ(answered, 2) << "the queued request was not run once the worker was free";
  EXPECT_EQ(calls_placed(), 2u);
  expect_peers_finished();
}

}  // namespace
}  // namespace robocall::http::testing
