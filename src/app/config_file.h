// The configuration file of `robocall serve --config FILE` (docs/DESIGN.md
// "Packaging"): one `key = value` a line, where a key is a serve flag without
// its leading `--`; blank lines and lines starting with `#` are skipped. The
// keys and their checks are the serve command's own options: the file adds
// no list of its own. A flag given on the command line wins over the file.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace CLI {
class App;
}

namespace robocall::app {

struct ConfigEntry {
  std::string key;    // without the leading "--"
  std::string value;  // surrounding blanks and one pair of double quotes removed
  int line = 0;       // 1-based
};

// Splits the text into entries. Errors (a line without `=`, a bad or
// repeated key, an empty value) name the line: "строка N: ...".
Result<std::vector<ConfigEntry>> parse_config(std::string_view text);

// Declares the options of a command on `app` (the same function the command
// itself uses, so the file knows exactly the command's flags).
using DefineOptions = std::function<void(CLI::App& app)>;

// Applies each entry whose option was not given on the command line
// (`given(key)` is true) through a scratch command made by `define`: the
// option's own type and checks apply, and its target variable is set. An
// unknown key or a bad value is an error naming the line.
Status apply_config(const std::vector<ConfigEntry>& entries, const DefineOptions& define,
                    const std::function<bool(const std::string& key)>& given);

// Reads `path`, parses and applies it; every error starts with "path:line: ".
Status load_config(const std::string& path, const DefineOptions& define,
                   const std::function<bool(const std::string& key)>& given);

}  // namespace robocall::app
