// The layering of src/ (docs/DESIGN.md "Allowed includes"): every
// `#include "<layer>/…"` of a file under src/<layer>/ is allowed by the table
// in docs/DESIGN.md, read at run time, and each CMake target of a layer names
// in its target_link_libraries (or robocall_add_unit_test LIBS) the layer
// targets and external libraries whose headers its sources include.
// ROBOCALL_SOURCE_DIR (compiled in) is the repository's root.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace robocall::layering {
namespace {

namespace fs = std::filesystem;

const fs::path kRoot = ROBOCALL_SOURCE_DIR;

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// What the files of one layer may include besides their own layer's headers.
struct Allowance {
  std::set<std::string> layers;   // whole layers: "domain"
  std::set<std::string> headers;  // single headers of a layer: "dialer/control.h"
};
using AllowedTable = std::map<std::string, Allowance>;

// The words in `...` of a markdown table cell.
std::vector<std::string> backquoted(const std::string& cell) {
  std::vector<std::string> words;
  static const std::regex kQuoted("`([^`]+)`");
  for (std::sregex_iterator it(cell.begin(), cell.end(), kQuoted), end; it != end; ++it)
    words.push_back((*it)[1]);
  return words;
}

// The table under the heading "## Allowed includes": one row a layer, the
// first cell `layer`, the second the `layer`s and `layer/header.h`s it may
// include ("—" for none).
AllowedTable parse_allowed_table(const std::string& markdown) {
  AllowedTable table;
  bool in_section = false;
  for (const std::string& line : lines_of(markdown)) {
    if (line.starts_with("## ")) {
      in_section = line == "## Allowed includes";
      continue;
    }
    if (!in_section || !line.starts_with("|")) continue;
    std::vector<std::string> cells;
    std::string cell;
    for (char c : line.substr(1)) {
      if (c == '|') {
        cells.push_back(cell);
        cell.clear();
      } else {
        cell += c;
      }
    }
    if (cells.size() < 2) continue;
    const auto layer = backquoted(cells[0]);
    if (layer.size() != 1) continue;  // the header row and the separator
    Allowance& allowance = table[layer[0]];
    for (const std::string& word : backquoted(cells[1])) {
      if (word.find('/') != std::string::npos) {
        allowance.headers.insert(word);
      } else {
        allowance.layers.insert(word);
      }
    }
  }
  return table;
}

struct Include {
  int line = 0;
  std::string path;   // "domain/task.h"
  std::string layer;  // "domain"
};

// Every `#include "<folder>/…"` of a file, with its line number.
std::vector<Include> project_includes(const std::string& text) {
  static const std::regex kInclude(R"re(^\s*#\s*include\s*"(([a-z0-9_]+)/[^"]+)")re");
  std::vector<Include> includes;
  int number = 0;
  for (const std::string& line : lines_of(text)) {
    ++number;
    std::smatch m;
    if (std::regex_search(line, m, kInclude)) includes.push_back({number, m[1], m[2]});
  }
  return includes;
}

// The includes of `text` (a file of `layer`, shown as `file`) that the table
// does not allow, one message each naming the file, the line and the include.
std::vector<std::string> forbidden_includes(const AllowedTable& table, const std::string& layer,
                                            const std::string& file, const std::string& text) {
  std::vector<std::string> messages;
  const auto row = table.find(layer);
  for (const Include& include : project_includes(text)) {
    if (include.layer == layer) continue;
    if (row != table.end() &&
        (row->second.layers.contains(include.layer) || row->second.headers.contains(include.path)))
      continue;
    messages.push_back(file + ":" + std::to_string(include.line) + ": #include \"" + include.path +
                       "\": layer " + layer + " may not include " + include.layer +
                       " (docs/DESIGN.md \"Allowed includes\")");
  }
  return messages;
}

const std::vector<std::string>& layers() {
  static const std::vector<std::string> kLayers = [] {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(kRoot / "src"))
      if (entry.is_directory()) names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
  }();
  return kLayers;
}

bool is_source(const fs::path& path) {
  const std::string name = path.filename().string();
  return name.ends_with(".h") || name.ends_with(".cc") || name.ends_with(".cc.in");
}

// The files of a layer, relative to its folder ("sip/engine.h" is "engine.h").
std::vector<fs::path> files_of(const std::string& layer) {
  std::vector<fs::path> files;
  const fs::path dir = kRoot / "src" / layer;
  for (const auto& entry : fs::recursive_directory_iterator(dir))
    if (entry.is_regular_file() && is_source(entry.path()))
      files.push_back(fs::relative(entry.path(), dir));
  std::sort(files.begin(), files.end());
  return files;
}

AllowedTable design_table() {
  return parse_allowed_table(read_text(kRoot / "docs" / "DESIGN.md"));
}

// --- The checker itself, on a small table.

constexpr const char* kDesignExample = R"(# x
## Layout
| `http` | `store` |
## Allowed includes
| layer | may include |
| --- | --- |
| `domain` | `common` |
| `dialer` | `common`, `domain` |
| `http` | `domain`, `dialer/control.h` |
## Threads
| `dialer` | `http` |
)";

TEST(AllowedIncludes, the_table_is_read_from_its_own_section_only) {
  const AllowedTable table = parse_allowed_table(kDesignExample);
  ASSERT_EQ(table.size(), 3u);
  EXPECT_EQ(table.at("domain").layers, std::set<std::string>{"common"});
  EXPECT_EQ(table.at("dialer").layers, (std::set<std::string>{"common", "domain"}));
  EXPECT_EQ(table.at("http").layers, std::set<std::string>{"domain"});
  EXPECT_EQ(table.at("http").headers, std::set<std::string>{"dialer/control.h"});
}

TEST(AllowedIncludes, a_forbidden_include_is_named_with_its_file_and_line) {
  const AllowedTable table = parse_allowed_table(kDesignExample);
  struct Case {
    std::string layer;
    std::string text;
    std::vector<std::string> messages;
  };
  const std::vector<Case> cases = {
      {"domain", "#include \"domain/task.h\"\n#include \"common/result.h\"\n", {}},
      {"dialer", "#include <vector>\n#include \"domain/task.h\"\n", {}},
      {"http", "#include \"dialer/control.h\"\n", {}},
      {"dialer",
       "#include \"common/result.h\"\n\n#include \"http/server.h\"\n",
       {"src/dialer/x.cc:3: #include \"http/server.h\": layer dialer may not include http "
        "(docs/DESIGN.md \"Allowed includes\")"}},
      {"http",
       "#include \"dialer/dialer.h\"\n",
       {"src/http/x.cc:1: #include \"dialer/dialer.h\": layer http may not include dialer "
        "(docs/DESIGN.md \"Allowed includes\")"}},
      {"sip",
       "  #  include \"domain/task.h\"\n",
       {"src/sip/x.cc:1: #include \"domain/task.h\": layer sip may not include domain "
        "(docs/DESIGN.md \"Allowed includes\")"}},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(forbidden_includes(table, c.layer, "src/" + c.layer + "/x.cc", c.text), c.messages)
        << c.text;
  }
}

// --- The repository against docs/DESIGN.md.

TEST(Layering, every_layer_folder_has_a_row_in_the_allowed_includes_table_and_no_row_is_stale) {
  const AllowedTable table = design_table();
  ASSERT_FALSE(table.empty()) << "docs/DESIGN.md has no \"## Allowed includes\" table";
  for (const std::string& layer : layers())
    EXPECT_TRUE(table.contains(layer)) << "src/" << layer << " has no row in docs/DESIGN.md";
  for (const auto& [layer, allowance] : table) {
    EXPECT_TRUE(fs::is_directory(kRoot / "src" / layer))
        << "docs/DESIGN.md lists " << layer << ", which is not a folder under src/";
    for (const std::string& other : allowance.layers)
      EXPECT_TRUE(fs::is_directory(kRoot / "src" / other))
          << "docs/DESIGN.md lets " << layer << " include " << other << ", not a folder";
    for (const std::string& header : allowance.headers)
      EXPECT_TRUE(fs::is_regular_file(kRoot / "src" / header))
          << "docs/DESIGN.md lets " << layer << " include " << header << ", not a file";
  }
}

TEST(Layering, every_include_of_another_layer_is_allowed_by_the_design) {
  const AllowedTable table = design_table();
  int files = 0;
  for (const std::string& layer : layers()) {
    for (const fs::path& file : files_of(layer)) {
      ++files;
      const std::string shown = "src/" + layer + "/" + file.string();
      for (const std::string& message :
           forbidden_includes(table, layer, shown, read_text(kRoot / "src" / layer / file)))
        ADD_FAILURE() << message;
    }
  }
  EXPECT_GT(files, 100) << "no sources found under " << (kRoot / "src");
}

// --- CMake targets against what their sources include.

// One command of a CMakeLists.txt: `name(arg arg ...)`, comments dropped.
struct Command {
  std::string name;
  std::vector<std::string> args;
};

std::vector<Command> parse_cmake(const std::string& text) {
  std::string code;  // without comments
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '"') quoted = !quoted;
    if (text[i] == '#' && !quoted) {
      while (i < text.size() && text[i] != '\n') ++i;
    }
    if (i < text.size()) code += text[i];
  }
  std::vector<Command> commands;
  std::size_t pos = 0;
  while (pos < code.size()) {
    const std::size_t open = code.find('(', pos);
    if (open == std::string::npos) break;
    std::size_t start = open;
    while (start > 0 &&
           (std::isalnum(static_cast<unsigned char>(code[start - 1])) || code[start - 1] == '_'))
      --start;
    Command command{code.substr(start, open - start), {}};
    int depth = 1;
    std::size_t close = open + 1;
    for (; close < code.size() && depth > 0; ++close) {
      if (code[close] == '(') ++depth;
      if (code[close] == ')') --depth;
    }
    std::istringstream args(code.substr(open + 1, close - open - 2));
    for (std::string arg; args >> arg;) command.args.push_back(arg);
    commands.push_back(std::move(command));
    pos = close;
  }
  return commands;
}

struct Target {
  std::vector<std::string> sources;  // file names in the layer's folder
  std::set<std::string> links;       // every name given to target_link_libraries / LIBS
};

// The targets a layer's CMakeLists.txt defines, by name.
std::map<std::string, Target> targets_of(const std::string& layer) {
  std::map<std::string, Target> targets;
  const auto is_keyword = [](const std::string& arg) {
    return arg == "PUBLIC" || arg == "PRIVATE" || arg == "INTERFACE" || arg == "STATIC" ||
           arg == "SHARED" || arg == "OBJECT";
  };
  for (const Command& c : parse_cmake(read_text(kRoot / "src" / layer / "CMakeLists.txt"))) {
    if (c.args.empty()) continue;
    if (c.name == "add_library" || c.name == "add_executable") {
      Target& target = targets[c.args[0]];
      for (std::size_t i = 1; i < c.args.size(); ++i)
        if (!is_keyword(c.args[i]) && c.args[i].find('$') == std::string::npos)
          target.sources.push_back(c.args[i]);
    } else if (c.name == "target_link_libraries") {
      Target& target = targets[c.args[0]];
      for (std::size_t i = 1; i < c.args.size(); ++i)
        if (!is_keyword(c.args[i])) target.links.insert(c.args[i]);
    } else if (c.name == "robocall_add_unit_test") {
      Target& target = targets[c.args[0]];
      std::string part;
      for (std::size_t i = 1; i < c.args.size(); ++i) {
        if (c.args[i] == "SOURCES" || c.args[i] == "LIBS") {
          part = c.args[i];
        } else if (part == "SOURCES") {
          target.sources.push_back(c.args[i]);
        } else if (part == "LIBS") {
          target.links.insert(c.args[i]);
        }
      }
      // robocall_add_unit_test links GoogleTest itself (cmake/testing.cmake).
      target.links.insert("GTest::gtest");
    }
  }
  return targets;
}

// The CMake names that provide an external header, or nullopt when the
// header needs none (the C and C++ standard libraries, POSIX).
std::optional<std::set<std::string>> providers(const std::string& header) {
  static const std::vector<std::pair<std::string, std::set<std::string>>> kExternal = {
      {"nlohmann/", {"nlohmann_json::nlohmann_json"}},
      {"spdlog/", {"spdlog::spdlog"}},
      {"fmt/", {"fmt::fmt"}},
      {"microhttpd.h", {"PkgConfig::MHD"}},
      {"curl/", {"PkgConfig::CURL"}},
      {"sodium.h", {"PkgConfig::SODIUM"}},
      {"sqlite3.h", {"SQLite::SQLite3"}},
      {"zip.h", {"PkgConfig::LIBZIP"}},
      {"expat.h", {"EXPAT::EXPAT"}},
      {"xlsxwriter.h", {"PkgConfig::XLSXWRITER"}},
      {"soxr.h", {"PkgConfig::SOXR"}},
      {"espeak-ng/", {"robocall_espeak_ng"}},
      {"re.h", {"robocall_libre"}},
      {"rem.h", {"robocall_libre"}},
      {"CLI/", {"CLI11::CLI11"}},
      {"gtest/", {"GTest::gtest"}},
      {"gmock/", {"GTest::gtest"}},
      {"pthread.h", {"Threads::Threads"}},
  };
  for (const auto& [prefix, names] : kExternal)
    if (header == prefix || (prefix.ends_with('/') && header.starts_with(prefix))) return names;
  return std::nullopt;
}

// Every `#include <…>` of a file, with its line number (layer left empty).
std::vector<Include> system_includes(const std::string& text) {
  static const std::regex kInclude(R"re(^\s*#\s*include\s*<([^>]+)>)re");
  std::vector<Include> includes;
  int number = 0;
  for (const std::string& line : lines_of(text)) {
    ++number;
    std::smatch m;
    if (std::regex_search(line, m, kInclude)) includes.push_back({number, m[1], ""});
  }
  return includes;
}

// Whether `links` names a target of `layer`: robocall_<layer> or
// robocall_<layer>_<part> (robocall_store_testing, robocall_dialer_control).
bool names_layer(const std::set<std::string>& links, const std::string& layer) {
  const std::string name = "robocall_" + layer;
  return std::any_of(links.begin(), links.end(), [&](const std::string& link) {
    return link == name || link.starts_with(name + "_");
  });
}

TEST(Layering, each_cmake_target_links_what_its_sources_include) {
  // (target, what it must link) -> the first include that needs it.
  std::map<std::pair<std::string, std::string>, std::string> missing;
  for (const std::string& layer : layers()) {
    const auto targets = targets_of(layer);
    // A header goes with the target of the source of its name, else with the
    // layer's library.
    std::map<std::string, std::string> target_of;
    for (const auto& [name, target] : targets)
      for (const std::string& source : target.sources) target_of[source] = name;
    for (const fs::path& file : files_of(layer)) {
      const std::string name = file.string();
      std::string target_name;
      if (const auto it = target_of.find(name); it != target_of.end()) {
        target_name = it->second;
      } else if (name.ends_with(".h")) {
        const std::string stem = name.substr(0, name.size() - 2);
        const auto source = target_of.find(stem + ".cc");
        target_name = source != target_of.end() ? source->second : "robocall_" + layer;
      } else {
        continue;  // not built (a template such as openapi_document.cc.in)
      }
      const std::string shown = "src/" + layer + "/" + name;
      const auto target = targets.find(target_name);
      if (target == targets.end()) {
        ADD_FAILURE() << shown << ": no target " << target_name << " in src/" << layer
                      << "/CMakeLists.txt";
        continue;
      }
      const Target& t = target->second;
      const std::string text = read_text(kRoot / "src" / layer / file);
      for (const Include& include : project_includes(text)) {
        if (include.layer == layer || names_layer(t.links, include.layer)) continue;
        missing.try_emplace(
            {target_name, "robocall_" + include.layer},
            shown + ":" + std::to_string(include.line) + ": #include \"" + include.path + "\"");
      }
      for (const Include& include : system_includes(text)) {
        const auto names = providers(include.path);
        if (!names || std::any_of(names->begin(), names->end(),
                                  [&](const std::string& n) { return t.links.contains(n); }))
          continue;
        missing.try_emplace(
            {target_name, *names->begin()},
            shown + ":" + std::to_string(include.line) + ": #include <" + include.path + ">");
      }
    }
  }
  for (const auto& [need, where] : missing) {
    ADD_FAILURE() << where << ", but " << need.first << " does not link " << need.second
                  << " (its layer's CMakeLists.txt)";
  }
}

}  // namespace
}  // namespace robocall::layering
