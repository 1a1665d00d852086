// Writing JSON string literals without building a JSON document: for the
// hot paths that turn many small values into JSON text (a task's extra
// fields, the import report). Pure, any thread.
#pragma once

#include <string>
#include <string_view>

namespace robocall {

// Appends `text` as a JSON string literal, quotes included: `"` and `\`
// escaped, control characters as \n, \t, ... or \u00XX, and every byte that
// is not part of valid UTF-8 replaced by U+FFFD, so the result is always
// valid JSON.
void append_json_string(std::string& out, std::string_view text);

}  // namespace robocall
