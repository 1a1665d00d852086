#include "http/response_writer.h"

#include <fcntl.h>
#include <microhttpd.h>
#include <sys/stat.h>

#include "http/reply.h"

namespace robocall::http {
namespace {

constexpr std::string_view kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; media-src 'self' blob:; connect-src 'self'; font-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

std::string_view reason(int status) {
  switch (status) {
    case 400:
      return "Bad Request";
    case 413:
      return "Payload Too Large";
    case 503:
      return "Service Unavailable";
    default:
      return "Error";
  }
}

// The file the body comes from, opened, with its size; a file gone since
// the route chose it becomes 404.
UniqueFd open_body_file(Response& res, std::uint64_t& size) {
  UniqueFd fd = std::move(res.open_file);
  if (!fd && res.file) fd = UniqueFd(::open(res.file->c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd) {
    if (res.file) send_error(res, 404, "not_found", "Файл не найден");
    return fd;
  }
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0 || !S_ISREG(st.st_mode)) {
    send_error(res, 404, "not_found", "Файл не найден");
    return UniqueFd();
  }
  size = static_cast<std::uint64_t>(st.st_size);
  return fd;
}

}  // namespace

bool is_api(const std::string& path) {
  return path == "/api" || path.starts_with("/api/");
}

Headers security_headers(bool https) {
  Headers h{
      {"Content-Security-Policy", std::string(kContentSecurityPolicy)},
      {"X-Content-Type-Options", "nosniff"},
      {"X-Frame-Options", "DENY"},
      {"Referrer-Policy", "no-referrer"},
      {"Cross-Origin-Opener-Policy", "same-origin"},
      {"Cross-Origin-Resource-Policy", "same-origin"},
      // The microphone for this origin only: «Голос» records fragments in the
      // browser (docs/BEHAVIOUR.md "Voice pack").
      {"Permissions-Policy", "camera=(), microphone=(self), geolocation=()"},
  };
  if (https) h.emplace("Strict-Transport-Security", "max-age=31536000");
  return h;
}

MHD_Response* make_response(const Request& req, Response& res, const Headers& defaults) {
  const bool from_file = res.file || res.open_file;
  std::uint64_t size = res.body.size();
  UniqueFd fd = from_file ? open_body_file(res, size) : UniqueFd();
  if (from_file && !fd) size = res.body.size();

  // One range at most, on files and audio: never more bytes than the body.
  ByteSpan span{0, size};
  const bool rangeable = fd || res.get_header_value("Content-Type").starts_with("audio/");
  if (res.status == 200 && (req.method == "GET" || req.method == "HEAD") && rangeable) {
    res.set_header("Accept-Ranges", "bytes");
    if (!req.ranges.empty()) {
      if (auto r = resolve_range(req.ranges.front(), size)) {
        span = *r;
        res.status = 206;
        res.set_header("Content-Range", "bytes " + std::to_string(span.offset) + "-" +
                                            std::to_string(span.offset + span.length - 1) + "/" +
                                            std::to_string(size));
      } else {
        fd.reset();
        send_error(res, 416, "range_not_satisfiable", "Запрошенный диапазон вне файла");
        res.set_header("Content-Range", "bytes */" + std::to_string(size));
        span = {0, res.body.size()};
      }
    }
  }

  MHD_Response* response = nullptr;
  if (fd) {
    response = MHD_create_response_from_fd_at_offset64(span.length, fd.get(), span.offset);
    if (response) fd.release();  // closed by libmicrohttpd with the response
  } else {
    response = MHD_create_response_from_buffer(span.length, res.body.data() + span.offset,
                                               MHD_RESPMEM_MUST_COPY);
  }
  if (!response) return nullptr;
  for (const auto& [k, v] : defaults) MHD_add_response_header(response, k.c_str(), v.c_str());
  if (is_api(req.path) && !res.has_header("Cache-Control")) {
    MHD_add_response_header(response, "Cache-Control", "no-store");
  }
  for (const auto& [k, v] : res.headers) MHD_add_response_header(response, k.c_str(), v.c_str());
  return response;
}

std::string raw_response(Response& res, const Headers& defaults) {
  res.set_header("Content-Length", std::to_string(res.body.size()));
  res.set_header("Connection", "close");
  res.set_header("Cache-Control", "no-store");
  std::string out =
      "HTTP/1.1 " + std::to_string(res.status) + " " + std::string(reason(res.status)) + "\r\n";
  for (const auto& [k, v] : defaults) out += k + ": " + v + "\r\n";
  for (const auto& [k, v] : res.headers) out += k + ": " + v + "\r\n";
  out += "\r\n" + res.body;
  return out;
}

}  // namespace robocall::http
