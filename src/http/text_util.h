// Pure text helpers of the HTTP layer: masking phone numbers in log lines,
// escaping control characters for log lines, RFC 5987 Content-Disposition values, HOST:PORT
// parsing, hex encoding. Stateless functions; any thread.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "common/result.h"

namespace robocall::http {

// Replaces every run of 10 or more digits (optionally split by spaces,
// dashes, brackets, %20, '+') in a log line with domain::mask_phone of its
// digits: query strings and paths may carry phone numbers.
std::string mask_digits_in(std::string_view text);

// The text made safe for one log line (docs/SECURITY.md "Logs"): C0 control
// characters (CR, LF, ESC, ...), DEL, the C1 controls (U+0080..U+009F) and
// bytes that are not UTF-8 become \xNN, a backslash becomes "\\"; other
// UTF-8 (Cyrillic) is kept as is.
std::string escape_for_log(std::string_view text);

// The value of a Content-Disposition header for a download:
// attachment; filename="<ascii_fallback>"; filename*=UTF-8''<percent-encoded utf8_name>
// REQUIRES: ascii_fallback is printable ASCII without '"' or '\\'.
std::string attachment_disposition(std::string_view utf8_name, std::string_view ascii_fallback);

// RFC 5987 attr-char encoding: ALPHA / DIGIT / "!#$&+-.^_`|~" kept, the rest %XX.
std::string rfc5987_encode(std::string_view utf8);

struct ListenAddress {
  std::string host;
  int port = 0;
};

// "127.0.0.1:8080", "[::1]:8080", "localhost:0" → host and port (0..65535).
Result<ListenAddress> parse_listen_address(std::string_view text);

std::string to_hex(std::span<const unsigned char> bytes);

}  // namespace robocall::http
