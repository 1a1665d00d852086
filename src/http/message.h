// The HTTP messages route handlers see: Request (method, path, query
// parameters, case-insensitive headers, the body already read and bounded by
// the server, multipart files, the remote address) and Response (status,
// headers, a body held in memory, a file sent from disk, or an open file
// whose name may already be gone). The server (http/mhd_engine.cc) fills a
// Request, runs the route on a worker, and sends the Response.
// Plain values; one request's thread.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/unique_fd.h"

namespace robocall::http {

using common::UniqueFd;

struct CaseInsensitiveLess {
  bool operator()(std::string_view a, std::string_view b) const;
  using is_transparent = void;
};

using Headers = std::multimap<std::string, std::string, CaseInsensitiveLess>;
using Params = std::multimap<std::string, std::string>;

// One part of a multipart/form-data body.
struct FormFile {
  std::string filename;
  std::string content_type;
  std::string content;
};

// A byte range of "Range: bytes=first-last"; -1 for an open end
// ("bytes=100-" is {100, -1}, "bytes=-500" is {-1, 500}).
using ByteRange = std::pair<std::int64_t, std::int64_t>;

// A regex group of the route pattern matched against the path.
struct PathMatch {
  std::string text;
  const std::string& str() const { return text; }
};

struct Request {
  std::string method;
  std::string path;  // percent-decoded, without the query
  Params params;     // the decoded query string
  Headers headers;
  std::string body;
  std::string remote_addr;
  std::vector<PathMatch> matches;  // [0] the whole path, then the route's groups
  int route = -1;  // the matched route's index in the server's table (admit); -1: none
  // The Range header's ranges; empty when absent, malformed or asking for
  // more than one range (then the whole body is sent once).
  std::vector<ByteRange> ranges;
  std::map<std::string, FormFile> files;  // multipart/form-data parts by field name

  bool has_header(std::string_view key) const;
  std::string get_header_value(std::string_view key) const;  // "" when absent
  bool has_param(std::string_view key) const;
  std::string get_param_value(std::string_view key) const;  // "" when absent
  // A body follows the headers (Content-Length over 0, or Transfer-Encoding).
  bool has_body() const;
  bool is_multipart_form_data() const;
  bool has_file(std::string_view name) const;
  // The part named `name`; an empty FormFile when absent.
  const FormFile& get_file_value(std::string_view name) const;
};

struct Response {
  int status = 200;
  Headers headers;
  std::string body;
  // When set, the body is this file (sent from disk, Range applies to it).
  std::optional<std::filesystem::path> file;
  // When open, the body is this file from its start (Range applies to it);
  // the server closes it once sent or abandoned. Used for temporary files
  // removed before they are sent (docs/SECURITY.md "Exports").
  UniqueFd open_file;

  void set_header(std::string_view key, std::string_view value);
  bool has_header(std::string_view key) const;
  std::string get_header_value(std::string_view key) const;
  void set_content(std::string body, std::string_view content_type);
  void set_file(std::filesystem::path path, std::string_view content_type);
  void set_open_file(UniqueFd fd, std::string_view content_type);
};

// "a=1&b=%D0%B0+b" → {a: 1, b: "а b"}.
Params parse_query(std::string_view query);
// Percent-decoding; with plus_as_space also '+' → ' ' (query strings).
std::string percent_decode(std::string_view text, bool plus_as_space);
// The Range header's one byte range; empty when malformed or more than one.
std::vector<ByteRange> parse_ranges(std::string_view header);
// The file parts of a multipart/form-data body with the header's boundary;
// nullopt when the body is malformed.
std::optional<std::map<std::string, FormFile>> parse_multipart(std::string_view content_type,
                                                               std::string_view body);

// The byte span [offset, offset + length) a range selects in a body of
// `size` bytes; nullopt when it is unsatisfiable (416).
struct ByteSpan {
  std::uint64_t offset = 0;
  std::uint64_t length = 0;
};
std::optional<ByteSpan> resolve_range(const ByteRange& range, std::uint64_t size);

}  // namespace robocall::http
