#include "http/text_util.h"

#include <gtest/gtest.h>

namespace robocall::http {
namespace {

TEST(MaskDigitsIn, hides_every_phone_like_run_in_a_log_line) {
  struct Case {
    std::string_view in, out;
  } cases[] = {
      {"GET /api/tasks?q=9161234567&limit=50", "GET /api/tasks?q=+7 916 ***-**-67&limit=50"},
      {"q=%2B7%20916%20123-45-67", "q=%2B+7 916 ***-**-67"},
      {"GET /api/tasks/12345?limit=50", "GET /api/tasks/12345?limit=50"},
      {"from=2026-11-26&to=2026-11-27", "from=2026-11-26&to=2026-11-27"},
      {"+79161234567", "+7 916 ***-**-67"},
      {"id=1234567890123", "id=***"},
  };
  for (const auto& c : cases) EXPECT_EQ(mask_digits_in(c.in), c.out) << c.in;
}

TEST(Rfc5987, percent_encodes_utf8_and_spaces_but_keeps_attr_chars) {
  EXPECT_EQ(rfc5987_encode("a-b_c.xlsx"), "a-b_c.xlsx");
  EXPECT_EQ(rfc5987_encode("За 1"), "%D0%97%D0%B0%201");
  EXPECT_EQ(rfc5987_encode("a\"b'c;"), "a%22b%27c%3B");
}

TEST(AttachmentDisposition, carries_an_ascii_fallback_and_the_utf8_name) {
  EXPECT_EQ(attachment_disposition("Задания.xlsx", "Zadaniya.xlsx"),
            "attachment; filename=\"Zadaniya.xlsx\"; "
            "filename*=UTF-8''%D0%97%D0%B0%D0%B4%D0%B0%D0%BD%D0%B8%D1%8F.xlsx");
}

TEST(ParseListenAddress, accepts_host_port_and_bracketed_ipv6) {
  auto a = parse_listen_address("127.0.0.1:8080");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->host, "127.0.0.1");
  EXPECT_EQ(a->port, 8080);
  auto b = parse_listen_address("[::1]:0");
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->host, "::1");
  EXPECT_EQ(b->port, 0);
}

TEST(ParseListenAddress, rejects_what_is_not_host_colon_port) {
  for (std::string_view bad : {"", "8080", "127.0.0.1", "127.0.0.1:", ":8080", "host:80a",
                               "host:65536", "::1:80", "[::1]80", "host:123456"}) {
    EXPECT_FALSE(parse_listen_address(bad).ok()) << bad;
  }
}

TEST(ToHex, writes_lower_case_pairs) {
  const unsigned char bytes[] = {0x00, 0xab, 0x7f};
  EXPECT_EQ(to_hex(bytes), "00ab7f");
}

}  // namespace
}  // namespace robocall::http

namespace robocall::http {
namespace {

TEST(EscapeForLog, leaves_no_control_character_that_could_forge_or_recolour_a_log_line) {
  struct Case {
    std::string_view in, out;
  } cases[] = {
      {"/api/tasks", "/api/tasks"},
      {"/a\r\nGET /forged", "/a\\x0d\\x0aGET /forged"},
      {"\x1b[31mred", "\\x1b[31mred"},
      {"tab\there\x7f", "tab\\x09here\\x7f"},
      {"\xc2\x9b"
       "2J",
       "\\xc2\\x9b2J"},  // C1 CSI in UTF-8
      {"\x9b"
       "2J",
       "\\x9b2J"},  // a raw C1 byte is not UTF-8
      {"Иванов", "Иванов"},
      {"\xd0", "\\xd0"},             // a cut UTF-8 sequence
      {"back\\x0d", "back\\\\x0d"},  // a written escape is not a real one
  };
  for (const auto& c : cases) EXPECT_EQ(escape_for_log(c.in), c.out) << c.in;
}

}  // namespace
}  // namespace robocall::http
