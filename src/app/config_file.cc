#include "app/config_file.h"

#include <CLI/CLI.hpp>
#include <fstream>
#include <set>
#include <sstream>

namespace robocall::app {
namespace {

std::string_view trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(" \t\r");
  return s.substr(first, last - first + 1);
}

bool valid_key(std::string_view key) {
  if (key.empty() || key.front() == '-') return false;
  for (char c : key)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  return true;
}

Error at_line(int line, const std::string& message) {
  return Error::invalid("строка " + std::to_string(line) + ": " + message);
}

}  // namespace

Result<std::vector<ConfigEntry>> parse_config(std::string_view text) {
  std::vector<ConfigEntry> entries;
  std::set<std::string, std::less<>> seen;
  int line_no = 0;
  while (!text.empty()) {
    const auto end = text.find('\n');
    const std::string_view raw = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
    ++line_no;
    const std::string_view line = trim(raw);
    if (line.empty() || line.front() == '#') continue;
    const auto eq = line.find('=');
    if (eq == std::string_view::npos)
      return at_line(line_no, "ожидается «ключ = значение», а не «" + std::string(line) + "»");
    const std::string key(trim(line.substr(0, eq)));
    std::string_view value = trim(line.substr(eq + 1));
    if (!valid_key(key))
      return at_line(line_no, "неверный ключ «" + key +
                                  "»: ожидается имя флага без «--» (строчные латинские буквы, "
                                  "цифры и дефис)");
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
      value = value.substr(1, value.size() - 2);
    if (value.empty()) return at_line(line_no, "у ключа «" + key + "» нет значения");
    if (!seen.insert(key).second) return at_line(line_no, "ключ «" + key + "» указан дважды");
    entries.push_back({key, std::string(value), line_no});
  }
  return entries;
}

Status apply_config(const std::vector<ConfigEntry>& entries, const DefineOptions& define,
                    const std::function<bool(const std::string& key)>& given) {
  for (const auto& e : entries) {
    CLI::App scratch;
    scratch.set_help_flag();
    define(scratch);
    const CLI::Option* option = scratch.get_option_no_throw("--" + e.key);
    if (option == nullptr || !option->nonpositional())
      return at_line(e.line, "неизвестный ключ «" + e.key + "»");
    if (given(e.key)) continue;
    try {
      scratch.parse(std::vector<std::string>{"--" + e.key + "=" + e.value});
    } catch (const CLI::ParseError& err) {
      return at_line(e.line, "неверное значение ключа «" + e.key + "»: " + err.what());
    }
  }
  return {};
}

Status load_config(const std::string& path, const DefineOptions& define,
                   const std::function<bool(const std::string& key)>& given) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::io("Не удалось открыть файл настроек " + path);
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return Error::io("Не удалось прочитать файл настроек " + path);
  auto entries = parse_config(text.str());
  Status st = entries.ok() ? apply_config(*entries, define, given) : Status(entries.error());
  if (!st.ok()) return Error{st.error().code, path + ", " + st.error().message};
  return {};
}

}  // namespace robocall::app
