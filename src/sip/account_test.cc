#include "sip/account.h"

#include <gtest/gtest.h>

namespace robocall::sip {
namespace {

Account trunk() {
  Account a;
  a.name = "trunk";
  a.username = "clinic";
  a.password = "secret";
  a.server = "10.0.0.5:5070";
  return a;
}

TEST(CallAddresses, put_prefix_and_ten_digits_in_the_request_uri_at_the_server) {
  Account a = trunk();
  a.prefix = "9";
  auto addr = call_addresses(a, "9161234567");
  ASSERT_TRUE(addr.ok()) << addr.error().message;
  EXPECT_EQ(addr->request_uri, "sip:99161234567@10.0.0.5:5070");
  EXPECT_EQ(addr->from_uri, "sip:clinic@10.0.0.5:5070");
  EXPECT_EQ(addr->from_display_name, "");
  EXPECT_EQ(addr->asserted_identity, "");
}

TEST(CallAddresses, mark_tcp_accounts_in_the_request_uri) {
  Account a = trunk();
  a.transport = Transport::kTcp;
  EXPECT_EQ(call_addresses(a, "9161234567")->request_uri,
            "sip:9161234567@10.0.0.5:5070;transport=tcp");
}

TEST(CallAddresses, use_from_user_and_from_host_when_set) {
  Account a = trunk();
  a.from_user = "74951234567";
  a.from_host = "pbx.example.ru";
  auto addr = call_addresses(a, "9161234567");
  ASSERT_TRUE(addr.ok());
  EXPECT_EQ(addr->from_uri, "sip:74951234567@pbx.example.ru");
}

TEST(CallAddresses, assert_the_caller_id_as_e164_and_keep_it_as_typed_for_display) {
  struct Row {
    const char* caller_id;
    const char* asserted;  // empty: no P-Asserted-Identity
  };
  const Row rows[] = {
      {"+7 495 123-45-67", "<sip:+74951234567@10.0.0.5;user=phone>"},
      {"84951234567", "<sip:+74951234567@10.0.0.5;user=phone>"},
      {"74951234567", "<sip:+74951234567@10.0.0.5;user=phone>"},
      {"(495) 123.45.67", "<sip:+74951234567@10.0.0.5;user=phone>"},
      {"4951234567", "<sip:+74951234567@10.0.0.5;user=phone>"},
      // Saved before the field had to be a number: display name only.
      {"Poliklinika", ""},
      {"123", ""},
      {"", ""},
  };
  for (const auto& row : rows) {
    Account a = trunk();
    a.caller_id = row.caller_id;
    auto addr = call_addresses(a, "9161234567");
    ASSERT_TRUE(addr.ok()) << row.caller_id;
    EXPECT_EQ(addr->from_display_name, row.caller_id);
    EXPECT_EQ(addr->asserted_identity, row.asserted) << row.caller_id;
  }
}

TEST(CallAddresses, assert_the_caller_id_at_the_from_host_when_set) {
  Account a = trunk();
  a.caller_id = "+74951234567";
  a.from_host = "pbx.example.ru:5060";
  EXPECT_EQ(call_addresses(a, "9161234567")->asserted_identity,
            "<sip:+74951234567@pbx.example.ru;user=phone>");
}

TEST(CallerIdE164, refuses_what_cannot_be_a_russian_number_naming_the_field) {
  for (const char* bad : {"Poliklinika", "123", "+1 202 555 0100", "8 (495) 12-45-6"}) {
    auto e164 = caller_id_e164(bad);
    ASSERT_FALSE(e164.ok()) << bad;
    EXPECT_NE(e164.error().message.find("Номер для определителя"), std::string::npos);
  }
  EXPECT_EQ(caller_id_e164("8 (495) 123-45-67").value(), "+74951234567");
}

TEST(CallAddresses, route_through_the_outbound_proxy_loosely) {
  Account a = trunk();
  EXPECT_EQ(call_addresses(a, "9161234567")->route, "");
  a.outbound_proxy = "proxy.example.ru:5080";
  auto addr = call_addresses(a, "9161234567");
  ASSERT_TRUE(addr.ok());
  EXPECT_EQ(addr->route, "sip:proxy.example.ru:5080;lr");
  EXPECT_EQ(addr->request_uri, "sip:9161234567@10.0.0.5:5070");
  a.transport = Transport::kTcp;
  EXPECT_EQ(call_addresses(a, "9161234567")->route, "sip:proxy.example.ru:5080;lr;transport=tcp");
}

TEST(RegisterAddresses, register_the_from_address_at_the_server_through_the_proxy) {
  Account a = trunk();
  a.from_host = "pbx.example.ru";
  a.outbound_proxy = "proxy.example.ru";
  a.transport = Transport::kTcp;
  auto reg = register_addresses(a);
  ASSERT_TRUE(reg.ok()) << reg.error().message;
  EXPECT_EQ(reg->registrar_uri, "sip:10.0.0.5:5070;transport=tcp");
  EXPECT_EQ(reg->aor, "sip:clinic@pbx.example.ru");
  EXPECT_EQ(reg->contact_user, "clinic");
  EXPECT_EQ(reg->route, "sip:proxy.example.ru;lr;transport=tcp");
  a.server = "bad host";
  EXPECT_EQ(register_addresses(a).error().code, Errc::kInvalidArgument);
}

TEST(CallAddresses, refuse_tls_rather_than_fall_back_to_udp) {
  Account a = trunk();
  a.transport = Transport::kTls;
  auto addr = call_addresses(a, "9161234567");
  ASSERT_FALSE(addr.ok());
  EXPECT_NE(addr.error().message.find("TLS"), std::string::npos);
}

TEST(CallAddresses, reject_anything_but_ten_digits) {
  for (const char* bad : {"", "916123456", "89161234567", "916123456a", "+916123456", "916 123 45"})
    EXPECT_EQ(call_addresses(trunk(), bad).error().code, Errc::kInvalidArgument) << bad;
}

TEST(CallAddresses, reject_broken_accounts) {
  struct Row {
    const char* what;
    void (*edit)(Account&);
  };
  const Row rows[] = {
      {"empty server", [](Account& a) { a.server = ""; }},
      {"port zero", [](Account& a) { a.server = "host:0"; }},
      {"port too big", [](Account& a) { a.server = "host:70000"; }},
      {"port not a number", [](Account& a) { a.server = "host:abc"; }},
      {"spaces in server", [](Account& a) { a.server = "my host"; }},
      {"letters in prefix", [](Account& a) { a.prefix = "9a"; }},
      {"empty user", [](Account& a) { a.username = ""; }},
      {"user with @", [](Account& a) { a.username = "a@b"; }},
      {"caller id with a quote", [](Account& a) { a.caller_id = "a\"b"; }},
      {"caller id with a newline", [](Account& a) { a.caller_id = "a\r\nX-Evil: 1"; }},
      {"proxy with a path", [](Account& a) { a.outbound_proxy = "proxy/x"; }},
      {"proxy port zero", [](Account& a) { a.outbound_proxy = "proxy:0"; }},
  };
  for (const auto& row : rows) {
    Account a = trunk();
    row.edit(a);
    auto addr = call_addresses(a, "9161234567");
    ASSERT_FALSE(addr.ok()) << row.what;
    EXPECT_EQ(addr.error().code, Errc::kInvalidArgument) << row.what;
  }
}

TEST(CallAddresses, accept_bracketed_ipv6_servers) {
  Account a = trunk();
  a.server = "[::1]:5060";
  EXPECT_EQ(call_addresses(a, "9161234567")->request_uri, "sip:9161234567@[::1]:5060");
}

TEST(ExpectedRealm, is_the_server_host_when_nothing_else_is_set) {
  EXPECT_EQ(expected_realm(trunk()), "10.0.0.5");
}

TEST(ExpectedRealm, is_the_from_host_when_set) {
  Account a = trunk();
  a.from_host = "sip.provider.ru:5060";
  EXPECT_EQ(expected_realm(a), "sip.provider.ru");
  a.from_host = "[2001:db8::1]:5060";
  EXPECT_EQ(expected_realm(a), "[2001:db8::1]");
}

TEST(ExpectedRealm, is_the_administrators_realm_when_typed) {
  Account a = trunk();
  a.realm = "asterisk";
  EXPECT_EQ(expected_realm(a), "asterisk");
}

TEST(SameRealm, ignores_ascii_case_only) {
  EXPECT_TRUE(same_realm("Sip.Provider.RU", "sip.provider.ru"));
  EXPECT_FALSE(same_realm("evil", "sip.provider.ru"));
  EXPECT_FALSE(same_realm("", "asterisk"));
}

TEST(CallAddresses, refuse_a_realm_that_would_break_a_message) {
  for (const char* bad : {"x\r\nX-Evil: 1", "a\"b"}) {
    Account a = trunk();
    a.realm = bad;
    EXPECT_FALSE(call_addresses(a, "9161234567").ok()) << bad;
  }
}

}  // namespace
}  // namespace robocall::sip
