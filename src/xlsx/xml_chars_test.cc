#include "xlsx/xml_chars.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace robocall::xlsx {
namespace {

// Whether `bytes` pass the check, fed whole and cut in two at every offset.
std::vector<bool> verdicts(std::string_view bytes) {
  std::vector<bool> out;
  for (std::size_t cut = 0; cut <= bytes.size(); ++cut) {
    XmlCharCheck check;
    const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
    const bool ok = check.feed(p, cut) == cut &&
                    check.feed(p + cut, bytes.size() - cut) == bytes.size() - cut &&
                    check.complete();
    out.push_back(ok);
  }
  return out;
}

TEST(XmlCharCheck, accepts_ascii_cyrillic_and_every_utf8_length_wherever_cut) {
  for (const std::string text :
       {"plain text with\ttab and\r\nline ends, long enough for the 8-byte path", "Петров Пётр №1",
        "\xE2\x82\xAC \xF0\x9F\x98\x80 \xEF\xBF\xBD \xF4\x8F\xBF\xBD", ""}) {
    for (const bool ok : verdicts(text)) EXPECT_TRUE(ok) << text;
  }
}

TEST(XmlCharCheck, refuses_what_is_not_utf8_or_not_an_xml_character_wherever_cut) {
  const std::vector<std::string> bad = {
      std::string("a\0b", 3),  // NUL
      "a\x01"
      "b",                     // a control character
      "\x7F\x80",              // a lone continuation byte
      "\xC0\x80",              // an overlong NUL
      "\xC1\xBF",              // an overlong '\x7F'
      "\xE0\x9F\xBF",          // an overlong three-byte form
      "\xF0\x8F\xBF\xBF",      // an overlong four-byte form
      "\xED\xA0\x80",          // a surrogate
      "\xEF\xBF\xBE",          // U+FFFE
      "\xEF\xBF\xBF",          // U+FFFF
      "\xF4\x90\x80\x80",      // above U+10FFFF
      "\xF8\x88\x80\x80\x80",  // a five-byte lead
      "\xD0",                  // cut short at the end
      "\xD0\x41",              // a lead without its continuation
      "0123456789abcdef\x1F",  // a control character after the 8-byte path
  };
  for (const auto& bytes : bad) {
    for (const bool ok : verdicts(bytes)) EXPECT_FALSE(ok) << testing::PrintToString(bytes);
  }
}

TEST(CharRef, decodes_decimal_and_lowercase_x_hexadecimal_references_of_xml_characters) {
  EXPECT_EQ(char_ref("#65"), 65u);
  EXPECT_EQ(char_ref("#0065"), 65u);
  EXPECT_EQ(char_ref("#x41F"), 0x41Fu);
  EXPECT_EQ(char_ref("#x41f"), 0x41Fu);
  EXPECT_EQ(char_ref("#x10FFFF"), 0x10FFFFu);
  EXPECT_EQ(char_ref("#9"), 9u);
  for (const char* bad : {"#", "#x", "#X41", "#0", "#x8", "#xD800", "#xFFFE", "#x110000",
                          "#99999999999", "#12a", "#x-1", "amp"})
    EXPECT_EQ(char_ref(bad), 0u) << bad;
}

TEST(PutUtf8, writes_each_length_at_its_boundaries) {
  char out[4];
  EXPECT_EQ(std::string(out, put_utf8(out, 0x7F)), "\x7F");
  EXPECT_EQ(std::string(out, put_utf8(out, 0x80)), "\xC2\x80");
  EXPECT_EQ(std::string(out, put_utf8(out, 0x41F)), "П");
  EXPECT_EQ(std::string(out, put_utf8(out, 0x800)), "\xE0\xA0\x80");
  EXPECT_EQ(std::string(out, put_utf8(out, 0xFFFD)), "\xEF\xBF\xBD");
  EXPECT_EQ(std::string(out, put_utf8(out, 0x10000)), "\xF0\x90\x80\x80");
  EXPECT_EQ(std::string(out, put_utf8(out, 0x10FFFF)), "\xF4\x8F\xBF\xBF");
}

}  // namespace
}  // namespace robocall::xlsx
