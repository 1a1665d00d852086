#include "common/json_text.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

namespace robocall {
namespace {

std::string literal(std::string_view text) {
  std::string out;
  append_json_string(out, text);
  return out;
}

struct Case {
  std::string input;
  std::string json;     // what append_json_string writes
  std::string decoded;  // what a JSON parser reads back
};

TEST(JsonText, writes_literals_every_parser_reads_back) {
  const Case cases[] = {
      {"", R"("")", ""},
      {"Петрова А. А.", R"("Петрова А. А.")", "Петрова А. А."},
      {"ёЁ €", R"("ёЁ €")", "ёЁ €"},
      {"emoji 🙂", R"("emoji 🙂")", "emoji 🙂"},
      {R"(say "hi")", R"("say \"hi\"")", R"(say "hi")"},
      {R"(C:\path)", R"("C:\\path")", R"(C:\path)"},
      {"a\nb\tc\rd", R"("a\nb\tc\rd")", "a\nb\tc\rd"},
      {std::string("nul\0end", 7), R"("nul\u0000end")", std::string("nul\0end", 7)},
      {"\x01\x1f\x7f",
       R"("\u0001\u001f)"
       "\x7f\"",
       "\x01\x1f\x7f"},
      {"/ slash", R"("/ slash")", "/ slash"},
      // Invalid UTF-8: each offending byte becomes U+FFFD.
      {"bad \xFF byte", "\"bad \xEF\xBF\xBD byte\"", "bad \xEF\xBF\xBD byte"},
      {"cut \xD0", "\"cut \xEF\xBF\xBD\"", "cut \xEF\xBF\xBD"},
      {"overlong \xC0\xAF", "\"overlong \xEF\xBF\xBD\xEF\xBF\xBD\"",
       "overlong \xEF\xBF\xBD\xEF\xBF\xBD"},
      {"surrogate \xED\xA0\x80", "\"surrogate \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"",
       "surrogate \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"},
      {"too high \xF4\x90\x80\x80", "\"too high \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"",
       "too high \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"},
      {"max \xF4\x8F\xBF\xBF", "\"max \xF4\x8F\xBF\xBF\"", "max \xF4\x8F\xBF\xBF"},
  };
  for (const auto& c : cases) {
    const std::string json = literal(c.input);
    EXPECT_EQ(json, c.json) << c.input;
    const auto parsed = nlohmann::json::parse(json, nullptr, false);
    ASSERT_TRUE(parsed.is_string()) << json;
    EXPECT_EQ(parsed.get<std::string>(), c.decoded) << json;
  }
}

TEST(JsonText, appends_to_what_is_already_there) {
  std::string out = "[";
  append_json_string(out, "a");
  out += ',';
  append_json_string(out, "b");
  out += ']';
  EXPECT_EQ(out, R"(["a","b"])");
}

}  // namespace
}  // namespace robocall
