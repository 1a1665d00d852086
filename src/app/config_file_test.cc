#include "app/config_file.h"

#include <gtest/gtest.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>

namespace robocall::app {
namespace {

struct ParseCase {
  const char* text;
  std::vector<std::pair<std::string, std::string>> entries;  // empty with error
  const char* error;                                         // nullptr: parses
};

TEST(ConfigFile, lines_parse_into_keys_and_values_or_an_error_naming_the_line) {
  const std::vector<ParseCase> cases = {
      {"", {}, nullptr},
      {"# only a comment\n\n   \n", {}, nullptr},
      {"db = /var/lib/robocall/robocall.db\n", {{"db", "/var/lib/robocall/robocall.db"}}, nullptr},
      {"  sip-port=5060  \r\n", {{"sip-port", "5060"}}, nullptr},
      {"web-dir = \"/usr/share/robocall/web\"", {{"web-dir", "/usr/share/robocall/web"}}, nullptr},
      {"listen = a=b\n", {{"listen", "a=b"}}, nullptr},
      {"  # sip-port = 5060\nno-dialer = true\n", {{"no-dialer", "true"}}, nullptr},
      {"db = x\nlisten\n", {}, "строка 2: ожидается «ключ = значение»"},
      {"\n\n--db = x\n", {}, "строка 3: неверный ключ «--db»"},
      {"Sip-Port = 1\n", {}, "строка 1: неверный ключ «Sip-Port»"},
      {"= 1\n", {}, "строка 1: неверный ключ «»"},
      {"db =\n", {}, "строка 1: у ключа «db» нет значения"},
      {"db = \"\"\n", {}, "строка 1: у ключа «db» нет значения"},
      {"db = a\n# x\ndb = b\n", {}, "строка 3: ключ «db» указан дважды"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    auto parsed = parse_config(c.text);
    if (c.error != nullptr) {
      ASSERT_FALSE(parsed.ok());
      EXPECT_EQ(parsed.error().message.rfind(c.error, 0), 0u) << parsed.error().message;
      continue;
    }
    ASSERT_TRUE(parsed.ok()) << parsed.error().message;
    ASSERT_EQ(parsed->size(), c.entries.size());
    for (std::size_t i = 0; i < c.entries.size(); ++i) {
      EXPECT_EQ((*parsed)[i].key, c.entries[i].first);
      EXPECT_EQ((*parsed)[i].value, c.entries[i].second);
    }
  }
}

TEST(ConfigFile, an_entry_remembers_its_line) {
  auto parsed = parse_config("# header\n\nlisten = 127.0.0.1:1\n");
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ((*parsed)[0].line, 3);
}

struct Target {
  std::string listen = "127.0.0.1:8080";
  int port = 0;
  bool quiet = false;
};

DefineOptions define_for(Target& t) {
  return [&t](CLI::App& app) {
    app.add_option("--listen", t.listen);
    app.add_option("--port", t.port)->check(CLI::Range(0, 65535));
    app.add_flag("--quiet", t.quiet);
    app.add_option("positional", t.listen);
  };
}

Status apply(Target& t, const char* text, std::set<std::string> given = {}) {
  auto entries = parse_config(text);
  if (!entries.ok()) return entries.error();
  return apply_config(*entries, define_for(t),
                      [&given](const std::string& key) { return given.count(key) > 0; });
}

TEST(ConfigFile, values_reach_the_options_through_their_own_types_and_checks) {
  Target t;
  ASSERT_TRUE(apply(t, "listen = 0.0.0.0:80\nport = 5060\nquiet = true\n").ok());
  EXPECT_EQ(t.listen, "0.0.0.0:80");
  EXPECT_EQ(t.port, 5060);
  EXPECT_TRUE(t.quiet);
  Target off;
  off.quiet = true;
  ASSERT_TRUE(apply(off, "quiet = false\n").ok());
  EXPECT_FALSE(off.quiet);
}

TEST(ConfigFile, a_flag_given_on_the_command_line_wins_over_the_file) {
  Target t;
  t.port = 7;  // as the command line set it
  ASSERT_TRUE(apply(t, "port = 5060\nlisten = x:1\n", {"port"}).ok());
  EXPECT_EQ(t.port, 7);
  EXPECT_EQ(t.listen, "x:1");
}

TEST(ConfigFile, unknown_keys_and_bad_values_are_errors_naming_the_line) {
  const std::vector<std::pair<const char*, const char*>> cases = {
      {"port = 1\nlisen = x\n", "строка 2: неизвестный ключ «lisen»"},
      {"help = true\n", "строка 1: неизвестный ключ «help»"},
      {"positional = x\n", "строка 1: неизвестный ключ «positional»"},
      {"\nport = 70000\n", "строка 2: неверное значение ключа «port»"},
      {"port = пять\n", "строка 1: неверное значение ключа «port»"},
      {"quiet = может быть\n", "строка 1: неверное значение ключа «quiet»"},
  };
  for (const auto& [text, error] : cases) {
    SCOPED_TRACE(text);
    Target t;
    auto st = apply(t, text);
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.error().message.rfind(error, 0), 0u) << st.error().message;
  }
}

TEST(ConfigFile, an_unknown_key_is_an_error_even_when_given_on_the_command_line) {
  Target t;
  EXPECT_FALSE(apply(t, "lisen = x\n", {"lisen"}).ok());
}

TEST(ConfigFile, errors_of_a_file_start_with_its_path) {
  const auto path = std::filesystem::path(testing::TempDir()) / "config_file_test.conf";
  std::ofstream(path) << "# robocall\nport = -1\n";
  Target t;
  auto st = load_config(path.string(), define_for(t), [](const std::string&) { return false; });
  std::filesystem::remove(path);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().message.rfind(path.string() + ", строка 2: ", 0), 0u) << st.error().message;
  auto missing =
      load_config(path.string(), define_for(t), [](const std::string&) { return false; });
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message.find(path.string()), std::string::npos);
}

}  // namespace
}  // namespace robocall::app
