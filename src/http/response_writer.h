// Writing a Response to the wire: the security headers every answer
// carries, the body from memory, from a file or from an open file, one byte
// range at most, and the same answer as raw bytes for the few answers the
// server writes to the socket itself (docs/SECURITY.md "HTTP limits").
// Functions; the calling connection's thread.
#pragma once

#include <string>

#include "http/message.h"

struct MHD_Response;

namespace robocall::http {

// True for the API's paths (/api and below): their answers are not cached.
bool is_api(const std::string& path);

// The headers of every answer: CSP, nosniff, frame and referrer policies;
// Strict-Transport-Security when the browser reaches us over HTTPS (ours or
// a TLS proxy's).
Headers security_headers(bool https);

// The libmicrohttpd response for res (its body, one range of a file or of
// audio, defaults then res's headers); res.status is updated (206, 404 for a
// vanished file, 416). The response owns any file it sends. nullptr when
// libmicrohttpd could not make one.
MHD_Response* make_response(const Request& req, Response& res, const Headers& defaults);

// res as HTTP/1.1 bytes ending the connection (Connection: close), with the
// defaults and Cache-Control: no-store: for answers written to the socket
// while libmicrohttpd accepts none (a body refused mid-way).
std::string raw_response(Response& res, const Headers& defaults);

}  // namespace robocall::http
