// docs/SECURITY.md "Webhook", attacked over real sockets on 127.0.0.1: a
// delivery never reaches loopback or link-local addresses, whether the URL
// names the address or a host name resolving to it (checked where libcurl
// opens its socket), and a queued delivery keeps the URL it was queued for.
#include <gtest/gtest.h>

#include "hook_peer.h"
#include "http/secrets.h"
#include "http/webhook_sender.h"
#include "store/schema.h"
#include "store/tasks_repo.h"
#include "store/test_db.h"
#include "store/webhook_repo.h"

namespace robocall::http::testing {
namespace {

using namespace std::chrono;

domain::Instant now_s() {
  return time_point_cast<seconds>(system_clock::now());
}

class WebhookDelivery : public ::testing::Test {
 protected:
  void SetUp() override {
    init_sodium();
    db_ = store::open_database(dir_.file("r.db")).value();
    domain::Task t;
    t.phone = "9161234567";
    t.full_name = "Петров Пётр";
    t.appointment = now_s() + hours(24);
    t.birth_date = std::chrono::year{1980} / 3 / 4;
    task_ = store::TasksRepo(db_).insert(std::span(&t, 1), std::nullopt, now_s())->front();
  }
  void queue_to(const std::string& url) {
    ASSERT_TRUE(
        save_webhook_config(db_, {url, "shared-secret-of-the-clinic", true}, "admin", now_s())
            .ok());
    ASSERT_TRUE(enqueue_final_status(db_, task_, now_s()).ok());
  }
  std::vector<store::WebhookDelivery> waiting() {
    return store::WebhookRepo(db_).due(domain::Instant::max() - hours(1), 10).value();
  }
  static std::string url_at(const std::string& host, int port) {
    return "http://" + host + ":" + std::to_string(port) + "/hook";
  }
  store::TempDir dir_;
  store::Connection db_;
  std::int64_t task_ = 0;
};

TEST_F(WebhookDelivery, a_delivery_never_reaches_loopback_or_link_local_even_through_a_host_name) {
  HookPeer peer([](const Headers&, const std::string&) { return 204; });
  WebhookSender sender(dir_.file("r.db"), domain::system_clock());
  for (const auto& url : {url_at("127.0.0.1", peer.port()), url_at("localhost", peer.port()),
                          url_at("[::1]", peer.port()), url_at("169.254.169.254", peer.port())}) {
    ASSERT_TRUE(db_.exec("DELETE FROM webhook_deliveries").ok());
    queue_to(url);
    EXPECT_EQ(sender.deliver_due(db_, now_s()).value(), 0) << url;
    const auto left = waiting();
    ASSERT_EQ(left.size(), 1u) << url;
    EXPECT_NE(left[0].last_error.find("адрес запрещён"), std::string::npos)
        << url << ": " << left[0].last_error;
  }
  EXPECT_EQ(peer.requests(), 0) << "no byte reached the receiver";
}

TEST_F(WebhookDelivery, plain_http_to_a_public_address_is_refused_at_delivery) {
  WebhookSender sender(dir_.file("r.db"), domain::system_clock());
  sender.allow_loopback_for_tests();
  // A public address by its text; refused before a connection is tried.
  queue_to("http://8.8.8.8:9/hook");
  EXPECT_EQ(sender.deliver_due(db_, now_s()).value(), 0);
  EXPECT_NE(waiting().at(0).last_error.find("только для адреса в локальной сети"),
            std::string::npos)
      << waiting().at(0).last_error;
}

TEST_F(WebhookDelivery, a_queued_delivery_goes_to_the_url_it_was_queued_for) {
  HookPeer first([](const Headers&, const std::string&) { return 204; });
  HookPeer second([](const Headers&, const std::string&) { return 204; });
  queue_to(url_at("127.0.0.1", first.port()));
  queue_to(url_at("127.0.0.1", second.port()));  // the URL changed: the first stays
  WebhookSender sender(dir_.file("r.db"), domain::system_clock());
  sender.allow_loopback_for_tests();
  EXPECT_EQ(sender.deliver_due(db_, now_s()).value(), 2);
  EXPECT_EQ(first.requests(), 1);
  EXPECT_EQ(second.requests(), 1);
}

TEST(WebhookUrl, saving_needs_https_and_an_allowed_address_by_its_text) {
  struct Case {
    const char* url;
    bool allow_private;
    bool ok;
  };
  const Case cases[] = {
      {"https://his.example/hook", false, true},
      {"http://his.example/hook", false, false},
      {"http://10.0.0.5/hook", false, false},
      {"http://10.0.0.5/hook", true, true},
      {"https://192.168.1.10:8443/hook", false, false},
      {"https://192.168.1.10:8443/hook", true, true},
      {"https://[fd00::1]/hook", true, true},
      {"https://127.0.0.1/hook", true, false},
      {"https://localhost/hook", true, false},
      {"https://LocalHost:8443/hook", true, false},
      {"https://[::1]:8443/hook", true, false},
      {"https://169.254.169.254/latest", true, false},
      {"https://[fe80::1]/hook", true, false},
      {"https://0.0.0.0/hook", true, false},
      {"https://224.0.0.1/hook", true, false},
  };
  for (const auto& c : cases) {
    auto checked = check_webhook_url(c.url, {.allow_private = c.allow_private});
    EXPECT_EQ(checked.ok(), c.ok) << c.url << " " << c.allow_private;
    if (!checked.ok()) {
      EXPECT_EQ(checked.error().code, Errc::kInvalidArgument);
    }
  }
}

}  // namespace
}  // namespace robocall::http::testing
