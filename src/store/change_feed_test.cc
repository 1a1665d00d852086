// Changes between nodes (docs/BEHAVIOUR.md "Several nodes: changes and
// sessions"): the payloads, the back-off, and on PostgreSQL a real listener
// that hears a committed notification (never a rolled-back one) and comes
// back after its backend is terminated.
#include "store/change_feed.h"

#include <gtest/gtest.h>

#include <condition_variable>
#include <mutex>
#include <vector>

#include "store/test_db.h"

namespace robocall::store {
namespace {

using namespace std::chrono_literals;

TEST(Changes, each_change_reads_back_from_its_payload_and_nothing_else_is_a_change) {
  for (const auto change : kEveryChange) EXPECT_EQ(parse_change(to_string(change)), change);
  EXPECT_EQ(to_string(Change::kSettings), "settings");
  EXPECT_EQ(to_string(Change::kDialer), "dialer");
  EXPECT_EQ(to_string(Change::kAccounts), "accounts");
  EXPECT_EQ(parse_change(""), std::nullopt);
  EXPECT_EQ(parse_change("Settings"), std::nullopt);
}

TEST(Changes, a_lost_connection_is_retried_after_a_doubling_delay_up_to_the_most) {
  const struct {
    int failures;
    std::chrono::milliseconds delay;
  } cases[] = {{0, 100ms}, {1, 200ms}, {2, 400ms}, {5, 3200ms}, {6, 5000ms}, {60, 5000ms}};
  for (const auto& c : cases)
    EXPECT_EQ(reconnect_delay(c.failures, 100ms, 5000ms), c.delay) << c.failures;
}

TEST(Changes, a_notification_is_harmless_on_either_backend) {
  TestDatabase db;
  auto conn = db.open();
  ASSERT_TRUE(conn.ok()) << conn.error().message;
  EXPECT_TRUE(notify_change(*conn, Change::kSettings).ok());
}

// What a feed heard, for a test thread to wait on.
struct Heard {
  std::mutex mu;
  std::condition_variable cv;
  std::vector<Change> changes;
  int reconnects = 0;

  bool wait_for(const std::function<bool()>& done) {
    std::unique_lock lock(mu);
    return cv.wait_for(lock, 20s, done);
  }
};

class ChangeFeedPg : public ::testing::Test {
 protected:
  void SetUp() override {
    if (db_.backend() != Backend::kPostgres) GTEST_SKIP() << "needs ROBOCALL_TEST_POSTGRES";
    ChangeFeed::Options o;
    o.location = db_.location();
    o.first_delay = 10ms;
    o.on_change = [this](Change c) {
      std::lock_guard lock(heard_.mu);
      heard_.changes.push_back(c);
      heard_.cv.notify_all();
    };
    o.on_reconnect = [this] {
      std::lock_guard lock(heard_.mu);
      ++heard_.reconnects;
      heard_.cv.notify_all();
    };
    auto feed = ChangeFeed::start(std::move(o));
    ASSERT_TRUE(feed.ok()) << feed.error().message;
    feed_ = std::move(feed).value();
    auto conn = db_.open();
    ASSERT_TRUE(conn.ok()) << conn.error().message;
    conn_ = std::move(conn).value();
  }

  TestDatabase db_;
  Heard heard_;
  std::unique_ptr<ChangeFeed> feed_;
  Connection conn_;
};

TEST_F(ChangeFeedPg, a_committed_change_is_heard_and_a_rolled_back_one_is_not) {
  {
    auto tx = Transaction::begin(conn_);
    ASSERT_TRUE(tx.ok());
    ASSERT_TRUE(notify_change(conn_, Change::kAccounts).ok());
  }  // rolled back
  {
    auto tx = Transaction::begin(conn_);
    ASSERT_TRUE(tx.ok());
    ASSERT_TRUE(notify_change(conn_, Change::kDialer).ok());
    ASSERT_TRUE(tx->commit().ok());
  }
  ASSERT_TRUE(heard_.wait_for([&] { return !heard_.changes.empty(); }));
  std::lock_guard lock(heard_.mu);
  EXPECT_EQ(heard_.changes, std::vector<Change>{Change::kDialer});
}

TEST_F(ChangeFeedPg, after_its_backend_is_terminated_the_feed_listens_again) {
  auto killed = conn_.query_int(
      "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
      " WHERE application_name = 'robocall-changes' AND datname = current_database()");
  ASSERT_TRUE(killed.ok()) << killed.error().message;
  ASSERT_EQ(*killed, 1);
  ASSERT_TRUE(heard_.wait_for([&] { return heard_.reconnects == 1; }));
  ASSERT_TRUE(notify_change(conn_, Change::kSettings).ok());
  ASSERT_TRUE(heard_.wait_for([&] { return !heard_.changes.empty(); }));
  std::lock_guard lock(heard_.mu);
  EXPECT_EQ(heard_.changes, std::vector<Change>{Change::kSettings});
}

}  // namespace
}  // namespace robocall::store
