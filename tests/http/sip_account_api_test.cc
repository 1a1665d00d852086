// The registration and network fields of a SIP account over real HTTP
// (docs/BEHAVIOUR.md "Trunk problems"): stored and returned with the
// registration state; a caller ID that is not a number, a bad proxy,
// expiry or certificate is 400 with a Russian message and changes nothing.
#include "api_fixture.h"

namespace robocall::http::testing {
namespace {

using SipAccountApi = ApiTest;

nlohmann::json account() {
  return {{"name", "main"},
          {"username", "clinic"},
          {"password", "secret"},
          {"server", "sip.example:5060"},
          {"caller_id", "8 (495) 123-45-67"}};
}

TEST_F(SipAccountApi, registration_and_network_fields_are_stored_and_returned) {
  auto b = login();
  auto created = post_json(b, "/api/sip/accounts", account());
  ASSERT_TRUE(created);
  ASSERT_EQ(created->status, 201) << created->body;
  EXPECT_EQ(body(created)["register_enabled"], false);
  EXPECT_EQ(body(created)["register_expiry_s"], 600);
  EXPECT_EQ(body(created)["registration"]["state"], "off");
  auto edit = account();
  edit["register_enabled"] = true;
  edit["register_expiry_s"] = 3600;
  edit["outbound_proxy"] = "proxy.example:5080";
  edit["public_address"] = "203.0.113.7";
  edit["transport"] = "tcp";
  auto res =
      put_json(b, "/api/sip/accounts/" + std::to_string(body(created)["id"].get<int>()), edit);
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  const auto saved = body(res);
  EXPECT_EQ(saved["register_enabled"], true);
  EXPECT_EQ(saved["register_expiry_s"], 3600);
  EXPECT_EQ(saved["outbound_proxy"], "proxy.example:5080");
  EXPECT_EQ(saved["public_address"], "203.0.113.7");
  EXPECT_EQ(saved["transport"], "tcp");
  EXPECT_EQ(saved["registration"]["state"], "idle") << "no dialer runs in this test process";
}

TEST_F(SipAccountApi, bad_registration_and_network_fields_are_refused_in_russian) {
  auto b = login();
  const std::pair<const char*, nlohmann::json> rows[] = {
      {"caller_id", "Poliklinika"},          {"caller_id", "123"},
      {"outbound_proxy", "proxy/x"},         {"outbound_proxy", "a b"},
      {"public_address", "1.2.3.4:0"},       {"register_expiry_s", 59},
      {"register_expiry_s", 86401},          {"register_enabled", "yes"},
      {"public_address", "nat.example.org"}, {"transport", "tls"},
  };
  for (const auto& [key, value] : rows) {
    auto bad = account();
    bad[key] = value;
    auto res = post_json(b, "/api/sip/accounts", bad);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 400) << key << " " << value.dump();
    EXPECT_FALSE(body(res)["error"]["message"].get<std::string>().empty());
  }
  EXPECT_EQ(body(get(b, "/api/sip/accounts")).size(), 0u) << "nothing was stored";
  auto bad = account();
  bad["caller_id"] = "Poliklinika";
  EXPECT_NE(
      body(post_json(b, "/api/sip/accounts", bad))["error"]["message"].get<std::string>().find(
          "Номер для определителя «Poliklinika» не похож на номер телефона"),
      std::string::npos);
}

}  // namespace
}  // namespace robocall::http::testing
